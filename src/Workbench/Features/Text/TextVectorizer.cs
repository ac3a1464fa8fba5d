using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features.Text;

/// <summary>
/// What the text vectorizers share: one text column in, its documents analyzed by a <see cref="Text.Tokenizer"/>,
/// sparse rows out. A missing document is an empty one. Each distinct document is analyzed once, so a column of
/// repeated complaints or notes costs the distinct texts, not the rows.
/// </summary>
/// <typeparam name="TSelf">The concrete vectorizer.</typeparam>
public abstract class TextVectorizer<TSelf> : SparseTransform<TSelf>
    where TSelf : TextVectorizer<TSelf>
{
    private Tokenizer? _tokenizer;
    private bool _lowercase = true;
    private IReadOnlySet<string>? _stopWords;
    private (int Min, int Max) _ngramRange = (1, 1);
    private string _tokenPattern = Tokenizer.DefaultTokenPattern;

    private protected TextVectorizer()
    {
    }

    /// <summary>Lowercase before tokenizing (scikit-learn's default).</summary>
    public bool Lowercase { get => _lowercase; init => _lowercase = value; }

    /// <summary>Words removed before n-grams are formed: null for none, <see cref="Text.StopWords.English"/>, or your own set.</summary>
    public IReadOnlySet<string>? StopWords { get => _stopWords; init => _stopWords = value; }

    /// <summary>The smallest and largest n of the word n-grams (scikit-learn's <c>ngram_range</c>).</summary>
    public (int Min, int Max) NgramRange { get => _ngramRange; init => _ngramRange = value; }

    /// <summary>What a token is (scikit-learn's <c>token_pattern</c>).</summary>
    public string TokenPattern { get => _tokenPattern; init => _tokenPattern = value; }

    /// <summary>The analyzer these settings make.</summary>
    public Tokenizer Tokenizer => _tokenizer ??= new Tokenizer(Lowercase, StopWords, NgramRange, TokenPattern);

    /// <summary>The saved names of <see cref="TextNorm"/> values.</summary>
    internal static readonly IReadOnlyDictionary<string, TextNorm> Norms = new Dictionary<string, TextNorm> { ["l2"] = TextNorm.L2, ["l1"] = TextNorm.L1, ["none"] = TextNorm.None };

    /// <summary>The text column the vectorizer was fitted on.</summary>
    public string TextColumn => FeatureNamesIn[0];

    /// <summary>Fits on documents given directly (a column called <paramref name="name"/>).</summary>
    public TSelf Fit(IEnumerable<string?> documents, string name = "text") => Fit(Documents(documents, name));

    /// <summary>Transforms documents given directly.</summary>
    public SparseFeatures Transform(IEnumerable<string?> documents) => Transform(Documents(documents, IsFitted ? TextColumn : "text"));

    /// <summary>Fits on documents given directly and transforms them.</summary>
    public SparseFeatures FitTransform(IEnumerable<string?> documents, string name = "text") => FitTransform(Documents(documents, name));

    private protected override void CheckInputTypes(Frame frame)
    {
        if (frame.ColumnCount != 1)
        {
            throw new ArgumentException($"{Name} takes one text column, got {frame.ColumnCount} ({string.Join(", ", frame.ColumnNames)}); give each text column its own step.");
        }

        var column = frame[0];
        if (column.Type is not (ColumnType.String or ColumnType.Categorical))
        {
            throw new ArgumentException($"{Name}: column '{column.Name}' is {column.Type.DisplayName()}, not text.");
        }
    }

    /// <summary>Per-row codes into the distinct documents (-1: missing), and the documents.</summary>
    private protected static Labels Documents(Frame frame) => FeatureColumns.LabelsOf(frame[0]);

    /// <summary>Rows from the vectors of distinct documents: row r gets the vector of its document (missing: empty).</summary>
    private protected static SparseFeatures Rows(int[] codes, (int[] Indices, double[] Values)[] vectors, IReadOnlyList<string> names)
    {
        var pointers = new int[codes.Length + 1];
        for (var r = 0; r < codes.Length; r++)
        {
            pointers[r + 1] = pointers[r] + (codes[r] < 0 ? 0 : vectors[codes[r]].Indices.Length);
        }

        var indices = new int[pointers[^1]];
        var values = new double[pointers[^1]];
        for (var r = 0; r < codes.Length; r++)
        {
            if (codes[r] >= 0)
            {
                var (i, v) = vectors[codes[r]];
                i.CopyTo(indices, pointers[r]);
                v.CopyTo(values, pointers[r]);
            }
        }

        return new SparseFeatures(codes.Length, names, pointers, indices, values);
    }

    /// <summary>Divides a vector by its L2 or L1 norm in place (a zero vector stays zero), as scikit-learn's <c>normalize</c>.</summary>
    private protected static void Normalize(double[] values, TextNorm norm)
    {
        if (norm == TextNorm.None)
        {
            return;
        }

        var total = 0.0;
        foreach (var v in values)
        {
            total += norm == TextNorm.L2 ? v * v : Math.Abs(v);
        }

        if (total == 0)
        {
            return;
        }

        var divisor = norm == TextNorm.L2 ? Math.Sqrt(total) : total;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] /= divisor;
        }
    }

    private protected void WriteTextParameters(JsonState parameters)
    {
        parameters.Set("lowercase", Lowercase)
            .Set("ngram_range", [(long)NgramRange.Min, NgramRange.Max])
            .Set("token_pattern", TokenPattern)
            .Set("stop_words", StopWords is null ? null : ReferenceEquals(StopWords, Text.StopWords.English) ? "english" : "list")
            .Set("stop_word_list", StopWords is null || ReferenceEquals(StopWords, Text.StopWords.English) ? null : StopWords.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Restores the analyzer settings written by <see cref="WriteTextParameters"/>.</summary>
    private protected void ReadTextParameters(StateReader parameters)
    {
        var ngrams = parameters.Int64s("ngram_range", 2);
        if (ngrams[0] < 1 || ngrams[1] < ngrams[0] || ngrams[1] > 16)
        {
            throw parameters.Fail("ngram_range", $"({ngrams[0]}, {ngrams[1]}) is not a range 1 <= min <= max <= 16");
        }

        IReadOnlySet<string>? stop = parameters.OptionalString("stop_words") switch
        {
            null => null,
            "english" => Text.StopWords.English,
            "list" => parameters.StringArray("stop_word_list").ToHashSet(StringComparer.Ordinal),
            var other => throw parameters.Fail("stop_words", $"'{other}' is not 'english' or 'list'"),
        };
        var pattern = parameters.String("token_pattern");
        try
        {
            _ = new Tokenizer(tokenPattern: pattern);
        }
        catch (ArgumentException e)
        {
            throw parameters.Fail("token_pattern", e.Message);
        }

        CopyText(parameters.Bool("lowercase"), stop, ((int)ngrams[0], (int)ngrams[1]), pattern);
    }

    /// <summary>Gives <paramref name="target"/> these analyzer settings.</summary>
    private protected void CopyTextTo<TOther>(TextVectorizer<TOther> target)
        where TOther : TextVectorizer<TOther> => target.CopyText(_lowercase, _stopWords, _ngramRange, _tokenPattern);

    private void CopyText(bool lowercase, IReadOnlySet<string>? stopWords, (int Min, int Max) ngramRange, string tokenPattern)
    {
        _lowercase = lowercase;
        _stopWords = stopWords;
        _ngramRange = ngramRange;
        _tokenPattern = tokenPattern;
        _tokenizer = null;
    }

    private static Frame Documents(IEnumerable<string?> documents, string name)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return new Frame(new StringColumn(name, documents.ToArray()));
    }
}

/// <summary>How rows are normalized (scikit-learn's <c>norm</c>).</summary>
public enum TextNorm
{
    /// <summary>No normalization.</summary>
    None,

    /// <summary>Each row divided by its Euclidean length.</summary>
    L2,

    /// <summary>Each row divided by the sum of its absolute values.</summary>
    L1,
}
