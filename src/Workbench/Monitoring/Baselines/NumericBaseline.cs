using Workbench.Monitoring.Statistics;

namespace Workbench.Monitoring.Baselines;

/// <summary>One bucket of a fixed histogram: [LowerBound, UpperBound) (the last one closed) and how many values fell in it.</summary>
public sealed record HistogramBucket(double LowerBound, double UpperBound, long Count);

/// <summary>
/// The reference distribution of a numeric column: moments, range, exact quantiles, a fixed 10-bucket histogram
/// between min and max (Model Monitor's <c>kll.buckets</c>) and a KLL sketch (<c>kll.sketch</c>).
/// </summary>
public sealed record NumericBaseline
{
    public required double Min { get; init; }

    public required double Max { get; init; }

    public required double Mean { get; init; }

    public required double Sum { get; init; }

    /// <summary>Population standard deviation (ddof = 0), as Model Monitor's <c>std_dev</c>.</summary>
    public required double StdDev { get; init; }

    /// <summary>Whether every value is a whole number (Model Monitor's inferred type Integral rather than Fractional).</summary>
    public required bool Integral { get; init; }

    /// <summary>Distinct values.</summary>
    public required long Distinct { get; init; }

    /// <summary>Values that were infinite (kept out of every statistic here).</summary>
    public long NonFinite { get; init; }

    /// <summary>Quantiles at 1, 5, 25, 50, 75, 95 and 99 % (linear interpolation, as numpy).</summary>
    public required IReadOnlyDictionary<string, double> Quantiles { get; init; }

    public required IReadOnlyList<HistogramBucket> Histogram { get; init; }

    public required KllSketch Sketch { get; init; }

    /// <summary>Whether every value is zero or more (Model Monitor's <c>num_constraints.is_non_negative</c>).</summary>
    public bool NonNegative => Min >= 0;

    /// <summary>The estimated share of values at or below <paramref name="value"/>, from the sketch.</summary>
    public double Cdf(double value) => Sketch.Cdf(value);
}

/// <summary>The reference distribution of a categorical or boolean column: counts per label, most frequent first.</summary>
public sealed record CategoryBaseline
{
    /// <summary>Distinct labels (including any beyond <see cref="Counts"/>).</summary>
    public required long Distinct { get; init; }

    /// <summary>Count per label, most frequent first (ties by label), at most <see cref="BaselineOptions.MaxCategories"/> of them.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> Counts { get; init; }

    /// <summary>Values whose label is beyond the kept <see cref="Counts"/>.</summary>
    public long Other { get; init; }

    /// <summary>Whether <see cref="Counts"/> lists every label, so a label outside it is new.</summary>
    public bool Complete => Other == 0;

    /// <summary>The count of <paramref name="label"/> (0 when it is not among the kept labels).</summary>
    public long CountOf(string label)
    {
        foreach (var (key, count) in Counts)
        {
            if (key == label)
            {
                return count;
            }
        }

        return 0;
    }
}
