namespace Workbench.Benchmarks.Tracking;

/// <summary>Medians and quantiles (linear interpolation, NumPy's default) of repeated timings.</summary>
internal static class Statistics
{
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
