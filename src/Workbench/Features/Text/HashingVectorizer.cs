using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features.Text;

/// <summary>
/// Term counts hashed into a fixed number of columns, as scikit-learn 1.2's <c>HashingVectorizer</c>: no vocabulary
/// to learn or store (so it works on unbounded text and never meets an unknown term), each term's column the signed
/// 32-bit MurmurHash3 of its UTF-8 bytes modulo <see cref="Features"/>, its sign alternating with the hash's sign
/// (<see cref="AlternateSign"/>) so collisions cancel on average; rows then L2-normalized. Features are named
/// <c>column:hash_i</c>. Terms that cancel exactly to zero leave no stored value (scikit-learn keeps an explicit zero).
/// </summary>
public sealed class HashingVectorizer : TextVectorizer<HashingVectorizer>
{
    public override string Kind => "hashing_vectorizer";

    /// <summary>Output columns (scikit-learn's <c>n_features</c>, default 2^20).</summary>
    public int Features { get; init; } = 1 << 20;

    public bool AlternateSign { get; init; } = true;

    /// <summary>1 for every stored value (after hashing, before normalizing).</summary>
    public bool Binary { get; init; }

    public TextNorm Norm { get; init; } = TextNorm.L2;

    public override string Describe() => $"HashingVectorizer({Features} columns{(NgramRange != (1, 1) ? $", ngrams={NgramRange.Min}..{NgramRange.Max}" : string.Empty)})";

    private protected override void FitCore(Frame frame, Column? target)
    {
        if (Features < 1)
        {
            throw new ArgumentException($"{Name}: Features must be at least 1, got {Features}.");
        }
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var documents = Documents(frame);
        var vectors = new (int[] Indices, double[] Values)[documents.Texts.Length];
        for (var k = 0; k < vectors.Length; k++)
        {
            var sums = new SortedDictionary<int, double>();
            foreach (var term in Tokenizer.Analyze(documents.Texts[k]))
            {
                var (index, sign) = FeatureHashing.Locate(term, Features, AlternateSign);
                sums[index] = sums.GetValueOrDefault(index) + sign;
            }

            var kept = sums.Where(p => p.Value != 0).ToArray();
            var values = kept.Select(p => Binary ? 1.0 : p.Value).ToArray();
            Normalize(values, Norm);
            vectors[k] = (kept.Select(p => p.Key).ToArray(), values);
        }

        return FeatureOutput.Sparsely(Rows(documents.Codes, vectors, GetFeatureNamesOut()));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => new FeatureHashing.Names(TextColumn, Features);

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        WriteTextParameters(parameters);
        parameters.Set("features", Features).Set("alternate_sign", AlternateSign).Set("binary", Binary).Set("norm", Norm.ToString().ToLowerInvariant());
    }

    internal static HashingVectorizer Create(StateReader parameters)
    {
        var vectorizer = new HashingVectorizer
        {
            Features = parameters.Int32("features", 1),
            AlternateSign = parameters.Bool("alternate_sign"),
            Binary = parameters.Bool("binary"),
            Norm = parameters.Choice("norm", Norms),
        };
        vectorizer.ReadTextParameters(parameters);
        return vectorizer;
    }

    internal override void ReadState(StateReader state)
    {
    }
}
