using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// Products of numeric columns, as scikit-learn's <c>PolynomialFeatures</c>: every monomial up to <see cref="Degree"/>
/// (only products of distinct columns with <see cref="InteractionOnly"/>), in scikit-learn's order, named <c>age*bmi</c>
/// and <c>age^2</c>; or, with <see cref="Pairs"/>, the inputs followed by just the named products. Unlike scikit-learn
/// the constant column <c>1</c> is left out unless <see cref="IncludeBias"/>. A missing factor makes the product missing.
/// </summary>
public sealed class InteractionFeatures : FrameTransform<InteractionFeatures>
{
    private int[][] _terms = [];
    private string[] _names = [];

    public override string Kind => "interaction_features";

    /// <summary>The highest total degree (1..4).</summary>
    public int Degree { get; init; } = 2;

    /// <summary>Only products of distinct columns (no squares).</summary>
    public bool InteractionOnly { get; init; }

    /// <summary>Add the constant column <c>1</c> first.</summary>
    public bool IncludeBias { get; init; }

    /// <summary>Just these products (after the inputs), instead of every monomial.</summary>
    public IReadOnlyList<(string Left, string Right)>? Pairs { get; init; }

    public override string Describe() => Pairs is { } pairs
        ? $"Interactions({string.Join(", ", pairs.Select(p => $"{p.Left}*{p.Right}"))})"
        : $"PolynomialFeatures(degree={Degree}{(InteractionOnly ? ", interaction only" : string.Empty)})";

    private protected override void CheckInputTypes(Frame frame) => FeatureColumns.RequireNumeric(frame, Name);

    private protected override void FitCore(Frame frame, Column? target)
    {
        if (Degree is < 1 or > 4)
        {
            throw new ArgumentException($"{Name}: Degree must be within 1..4, got {Degree}.");
        }

        var names = frame.ColumnNames;
        if (Pairs is { } pairs)
        {
            var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
            int Find(string name) => index.TryGetValue(name, out var i)
                ? i
                : throw new ArgumentException($"{Name}: the pair names column '{name}', which is not among the inputs ({string.Join(", ", names)}).");
            _terms = [.. names.Select((_, i) => new[] { i }), .. pairs.Select(p => new[] { Find(p.Left), Find(p.Right) })];
        }
        else
        {
            _terms = [.. Monomials(names.Count)];
        }

        _names = _terms.Select(t => TermName(t, names)).ToArray();
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var inputs = frame.Columns.Select(c => FeatureColumns.Numbers(c, Name)).ToArray();
        var outputs = new double[_terms.Length][];
        for (var t = 0; t < _terms.Length; t++)
        {
            var values = new double[frame.RowCount];
            Array.Fill(values, 1.0);
            foreach (var factor in _terms[t])
            {
                var column = inputs[factor];
                for (var r = 0; r < values.Length; r++)
                {
                    values[r] *= column[r];
                }
            }

            outputs[t] = values;
        }

        return FeatureOutput.Dense(FeatureColumns.Output(_names, outputs));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => _names;

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        parameters.Set("degree", Degree).Set("interaction_only", InteractionOnly).Set("include_bias", IncludeBias)
            .Set("pairs", Pairs?.Select(p => new[] { p.Left, p.Right }));
        state.Set("terms", _terms.Select(t => t.Select(f => (double)f).ToArray()));
    }

    internal static InteractionFeatures Create(StateReader parameters) => new()
    {
        Degree = parameters.Int32("degree", 1, 4),
        InteractionOnly = parameters.Bool("interaction_only"),
        IncludeBias = parameters.Bool("include_bias"),
        Pairs = parameters.Has("pairs")
            ? parameters.StringArrays("pairs").Select((p, i) => p.Length == 2 ? (p[0], p[1]) : throw parameters.Fail($"pairs[{i}]", "a pair has two column names")).ToArray()
            : null,
    };

    internal override void ReadState(StateReader state)
    {
        var terms = state.DoubleArrays("terms");
        var inputs = FeatureNamesIn.Count;
        _terms = new int[terms.Length][];
        for (var t = 0; t < terms.Length; t++)
        {
            _terms[t] = terms[t].Select((f, i) => f >= 0 && f < inputs && f == Math.Floor(f)
                ? (int)f
                : throw state.Fail($"terms[{t}][{i}]", $"{f} is not an input column index (0..{inputs - 1})")).ToArray();
        }

        _names = _terms.Select(t => TermName(t, FeatureNamesIn)).ToArray();
    }

    /// <summary>scikit-learn's <c>_combinations</c>: by degree, then lexicographically (with or without repetition).</summary>
    private IEnumerable<int[]> Monomials(int inputs)
    {
        for (var degree = IncludeBias ? 0 : 1; degree <= Degree; degree++)
        {
            foreach (var term in Combinations(inputs, degree, 0, InteractionOnly))
            {
                yield return term;
            }
        }
    }

    private static IEnumerable<int[]> Combinations(int inputs, int length, int from, bool distinct)
    {
        if (length == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = from; i < inputs; i++)
        {
            foreach (var rest in Combinations(inputs, length - 1, distinct ? i + 1 : i, distinct))
            {
                yield return [i, .. rest];
            }
        }
    }

    private static string TermName(int[] term, IReadOnlyList<string> names) => term.Length == 0
        ? "1"
        : string.Join("*", term.GroupBy(f => f).Select(g => g.Count() == 1 ? names[g.Key] : $"{names[g.Key]}^{g.Count()}"));
}
