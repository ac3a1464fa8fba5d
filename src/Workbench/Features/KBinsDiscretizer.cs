using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>How <see cref="KBinsDiscretizer"/> places bin edges (scikit-learn's <c>strategy</c>).</summary>
public enum BinStrategy
{
    /// <summary>Equal-width bins between the column's minimum and maximum.</summary>
    Uniform,

    /// <summary>Equal-count bins at the column's quantiles; bins narrower than 1e-8 are merged away.</summary>
    Quantile,
}

/// <summary>How <see cref="KBinsDiscretizer"/> writes the bin (scikit-learn's <c>encode</c>).</summary>
public enum BinEncoding
{
    /// <summary>The bin number 0..bins-1 as one float64 column named like the input.</summary>
    Ordinal,

    /// <summary>One 0 / 1 column per bin, named by its interval (<c>age&lt;35</c>, <c>age=[35, 50)</c>, <c>age&gt;=80</c>).</summary>
    OneHot,
}

/// <summary>
/// Bins each numeric column into intervals, as scikit-learn 1.2's <c>KBinsDiscretizer</c> (uniform or quantile
/// strategy): edges from <c>linspace(min, max)</c> or numpy's linear percentiles, bins narrower than 1e-8 removed, a
/// constant column a single bin; a value goes to the bin whose interval [left, right) holds it, values beyond the
/// fitted range to the first or last bin. Missing values are left out of the fit and stay missing.
/// </summary>
public sealed class KBinsDiscretizer : FrameTransform<KBinsDiscretizer>
{
    internal static readonly IReadOnlyDictionary<string, BinStrategy> Strategies = new Dictionary<string, BinStrategy>
    {
        ["uniform"] = BinStrategy.Uniform,
        ["quantile"] = BinStrategy.Quantile,
    };

    internal static readonly IReadOnlyDictionary<string, BinEncoding> Encodings = new Dictionary<string, BinEncoding>
    {
        ["ordinal"] = BinEncoding.Ordinal,
        ["onehot"] = BinEncoding.OneHot,
    };

    private double[][] _edges = [];
    private string[] _names = [];

    public KBinsDiscretizer()
    {
    }

    public KBinsDiscretizer(int bins, BinStrategy strategy = BinStrategy.Quantile, BinEncoding encode = BinEncoding.OneHot)
    {
        Bins = bins;
        Strategy = strategy;
        Encode = encode;
    }

    public override string Kind => "k_bins_discretizer";

    /// <summary>Bins per column (at least 2).</summary>
    public int Bins { get; init; } = 5;

    public BinStrategy Strategy { get; init; } = BinStrategy.Quantile;

    public BinEncoding Encode { get; init; } = BinEncoding.OneHot;

    /// <summary>The bin edges per column, outer edges included (scikit-learn's <c>bin_edges_</c>).</summary>
    public IReadOnlyList<IReadOnlyList<double>> BinEdges => IsFitted ? _edges : throw NotFitted(nameof(BinEdges));

    public override string Describe() => $"KBinsDiscretizer({Bins}, {Strategies.Single(s => s.Value == Strategy).Key}, {Encodings.Single(s => s.Value == Encode).Key})";

    private protected override void CheckInputTypes(Frame frame) => FeatureColumns.RequireNumeric(frame, Name);

    private protected override void FitCore(Frame frame, Column? target)
    {
        if (Bins < 2)
        {
            throw new ArgumentException($"{Name}: Bins must be at least 2, got {Bins}.");
        }

        _edges = new double[frame.ColumnCount][];
        for (var c = 0; c < _edges.Length; c++)
        {
            var present = FeatureColumns.Present(FeatureColumns.Numbers(frame[c], Name));
            if (present.Length == 0)
            {
                throw new ArgumentException($"{Name}: column '{frame[c].Name}' has no values at all; impute or drop it before binning.");
            }

            _edges[c] = FitEdges(present);
        }

        _names = Names();
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var bins = new int[frame.ColumnCount][];
        for (var c = 0; c < bins.Length; c++)
        {
            var values = FeatureColumns.Numbers(frame[c], Name);
            var edges = _edges[c];
            var codes = new int[values.Length];
            for (var r = 0; r < values.Length; r++)
            {
                codes[r] = double.IsNaN(values[r]) ? IndicatorBlock.MissingRow : BinOf(edges, values[r]);
            }

            bins[c] = codes;
        }

        if (Encode == BinEncoding.OneHot)
        {
            return FeatureOutput.OneHot(new IndicatorBlock(frame.RowCount, bins.Select((codes, c) => (codes, _edges[c].Length - 1)).ToArray(), _names));
        }

        var outputs = bins.Select(codes => codes.Select(code => code < 0 ? double.NaN : code).ToArray()).ToArray();
        return FeatureOutput.Dense(FeatureColumns.Output(frame.ColumnNames, outputs));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => _names;

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        parameters.Set("bins", Bins)
            .Set("strategy", Strategies.Single(s => s.Value == Strategy).Key)
            .Set("encode", Encodings.Single(s => s.Value == Encode).Key);
        state.Set("edges", _edges);
    }

    internal static KBinsDiscretizer Create(StateReader parameters) => new()
    {
        Bins = parameters.Int32("bins", 2),
        Strategy = parameters.Choice("strategy", Strategies),
        Encode = parameters.Choice("encode", Encodings),
    };

    internal override void ReadState(StateReader state)
    {
        _edges = state.DoubleArrays("edges", FeatureNamesIn.Count);
        for (var c = 0; c < _edges.Length; c++)
        {
            var edges = _edges[c];
            if (edges.Length < 2 || edges.Zip(edges.Skip(1)).Any(p => !(p.First < p.Second)))
            {
                throw state.Fail($"edges[{c}]", "bin edges must be at least two increasing numbers");
            }
        }

        _names = Names();
    }

    /// <summary>numpy's <c>searchsorted(edges[1:-1], x, side="right")</c>: the number of inner edges at or below x.</summary>
    private static int BinOf(double[] edges, double value)
    {
        var lo = 1;
        var hi = edges.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (edges[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo - 1;
    }

    private double[] FitEdges(double[] present)
    {
        var min = present.Min();
        var max = present.Max();
        if (min == max)
        {
            return [double.NegativeInfinity, double.PositiveInfinity];
        }

        double[] edges;
        if (Strategy == BinStrategy.Uniform)
        {
            edges = Linspace(min, max, Bins + 1);
        }
        else
        {
            Array.Sort(present);
            var percents = Linspace(0, 100, Bins + 1);
            edges = percents.Select(p => Data.Stats.QuantileSorted(present, p / 100)).ToArray();
            var kept = new List<double> { edges[0] };
            for (var i = 1; i < edges.Length; i++)
            {
                // numpy.ediff1d(edges, to_begin=inf) > 1e-8 compares neighbours in the original edges.
                if (edges[i] - edges[i - 1] > 1e-8)
                {
                    kept.Add(edges[i]);
                }
            }

            edges = [.. kept];
        }

        return edges;
    }

    /// <summary>numpy's <c>linspace(start, stop, count)</c>: <c>start + i * step</c>, the last point exactly <c>stop</c>.</summary>
    private static double[] Linspace(double start, double stop, int count)
    {
        var step = (stop - start) / (count - 1);
        var points = new double[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = (i * step) + start;
        }

        points[^1] = stop;
        return points;
    }

    private string[] Names()
    {
        var names = FeatureNamesIn;
        if (Encode == BinEncoding.Ordinal)
        {
            return [.. names];
        }

        var result = new List<string>();
        for (var c = 0; c < _edges.Length; c++)
        {
            // Short edges read best; full precision only where short ones would give two bins one name.
            var shortNames = BinNames(names[c], _edges[c], "G6");
            result.AddRange(shortNames.Distinct().Count() == shortNames.Length ? shortNames : BinNames(names[c], _edges[c], "R"));
        }

        return [.. result];
    }

    private static string[] BinNames(string column, double[] edges, string format)
    {
        var bins = edges.Length - 1;
        var names = new string[bins];
        for (var b = 0; b < bins; b++)
        {
            var left = edges[b].ToString(format, System.Globalization.CultureInfo.InvariantCulture);
            var right = edges[b + 1].ToString(format, System.Globalization.CultureInfo.InvariantCulture);
            names[b] = bins == 1 ? $"{column}=all"
                : b == 0 ? $"{column}<{right}"
                : b == bins - 1 ? $"{column}>={left}"
                : $"{column}=[{left}, {right})";
        }

        return names;
    }
}
