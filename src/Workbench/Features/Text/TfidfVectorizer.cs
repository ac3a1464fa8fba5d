using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features.Text;

/// <summary>
/// TF-IDF weighted term counts, as scikit-learn 1.2's <c>TfidfVectorizer</c>: the vocabulary of a
/// <see cref="CountVectorizer"/> with the same settings, then per document
/// <c>tf * idf</c> with <c>tf</c> the count (or <c>1 + log(count)</c> with <see cref="SublinearTf"/>) and
/// <c>idf = ln((1 + n) / (1 + df)) + 1</c> (<see cref="SmoothIdf"/>) or <c>ln(n / df) + 1</c>, each row then divided by
/// its L2 norm (<see cref="Norm"/>). Features are named <c>column:term</c>; output is sparse, in double precision.
/// </summary>
public sealed class TfidfVectorizer : VocabularyVectorizer<TfidfVectorizer>
{
    private CountVectorizer _counts = new();
    private double[] _idf = [];

    public override string Kind => "tfidf_vectorizer";

    public TextNorm Norm { get; init; } = TextNorm.L2;

    /// <summary>Weight by inverse document frequency.</summary>
    public bool UseIdf { get; init; } = true;

    /// <summary>Add one to document counts, as if a document held every term once (no zero division).</summary>
    public bool SmoothIdf { get; init; } = true;

    /// <summary>Use <c>1 + log(tf)</c> instead of <c>tf</c>.</summary>
    public bool SublinearTf { get; init; }

    /// <summary>The terms, in feature order.</summary>
    public IReadOnlyList<string> VocabularyOut => IsFitted ? _counts.VocabularyOut : throw NotFitted(nameof(VocabularyOut));

    /// <summary>The inverse document frequency per term (scikit-learn's <c>idf_</c>).</summary>
    public IReadOnlyList<double> Idf => IsFitted ? _idf : throw NotFitted(nameof(Idf));

    public override string Describe() => DescribeVocabulary("TfidfVectorizer", Binary ? "binary" : null, SublinearTf ? "sublinear tf" : null, Norm == TextNorm.L2 ? null : $"norm={Norm}", UseIdf ? null : "no idf");

    private protected override void FitCore(Frame frame, Column? target) => FitTransformCore(frame, target);

    private protected override FeatureOutput FitTransformCore(Frame frame, Column? target)
    {
        _counts = Counter();
        _counts.Fit(frame);
        var documents = Documents(frame);
        var vectors = _counts.CountDocuments(documents.Texts);
        var terms = _counts.VocabularyOut.Count;
        _idf = new double[terms];
        if (UseIdf)
        {
            var rowsPerDocument = documents.Counts();
            var df = new double[terms];
            for (var k = 0; k < vectors.Length; k++)
            {
                foreach (var index in vectors[k].Indices)
                {
                    df[index] += rowsPerDocument[k];
                }
            }

            var n = (double)documents.Codes.Length + (SmoothIdf ? 1 : 0);
            for (var t = 0; t < terms; t++)
            {
                _idf[t] = Math.Log(n / (df[t] + (SmoothIdf ? 1 : 0))) + 1;
            }
        }

        return FeatureOutput.Sparsely(Rows(documents.Codes, Weigh(vectors), GetFeatureNamesOut()));
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var documents = Documents(frame);
        return FeatureOutput.Sparsely(Rows(documents.Codes, Weigh(_counts.CountDocuments(documents.Texts)), GetFeatureNamesOut()));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => _counts.GetFeatureNamesOut();

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        WriteVocabularyParameters(parameters);
        parameters.Set("norm", Norm.ToString().ToLowerInvariant()).Set("use_idf", UseIdf).Set("smooth_idf", SmoothIdf).Set("sublinear_tf", SublinearTf);
        state.Set("vocabulary", _counts.VocabularyOut).Set("idf", _idf);
    }

    internal static TfidfVectorizer Create(StateReader parameters)
    {
        var vectorizer = new TfidfVectorizer
        {
            Norm = parameters.Choice("norm", Norms),
            UseIdf = parameters.Bool("use_idf"),
            SmoothIdf = parameters.Bool("smooth_idf"),
            SublinearTf = parameters.Bool("sublinear_tf"),
        };
        vectorizer.ReadVocabularyParameters(parameters);
        return vectorizer;
    }

    internal override void ReadState(StateReader state)
    {
        _counts = Counter();
        _counts.ReadInputs(state);
        _counts.ReadState(state);
        _idf = state.Doubles("idf", _counts.VocabularyOut.Count);
        if (UseIdf)
        {
            ScaleChecks.Positive(state, "idf", _idf);
        }
    }

    private (int[] Indices, double[] Values)[] Weigh((int[] Indices, double[] Values)[] counts)
    {
        foreach (var (indices, values) in counts)
        {
            for (var j = 0; j < values.Length; j++)
            {
                var tf = SublinearTf ? Math.Log(values[j]) + 1 : values[j];
                values[j] = UseIdf ? tf * _idf[indices[j]] : tf;
            }

            Normalize(values, Norm);
        }

        return counts;
    }
}
