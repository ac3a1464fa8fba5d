using Workbench.Data;
using Workbench.Monitoring.Columns;
using Workbench.Monitoring.Statistics;

namespace Workbench.Monitoring.Baselines;

/// <summary>Builds a <see cref="NumericBaseline"/> from a column's values.</summary>
internal static class NumericSummaries
{
    public static readonly (string Label, double Q)[] QuantileLevels =
    [
        ("p01", 0.01), ("p05", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99),
    ];

    public static NumericBaseline Fit(Column column, NumericValues values, BaselineOptions options)
    {
        var sorted = values.Sorted;
        var mean = Stats.Mean(sorted);
        var variance = 0.0;
        foreach (var value in sorted)
        {
            variance += (value - mean) * (value - mean);
        }

        var quantiles = new Dictionary<string, double>();
        foreach (var (label, q) in QuantileLevels)
        {
            quantiles[label] = sorted.Length == 0 ? double.NaN : Stats.QuantileSorted(sorted, q);
        }

        var histogram = new List<HistogramBucket>();
        if (sorted.Length > 0)
        {
            var edges = Binning.EqualWidthEdges(sorted[0], sorted[^1], options.HistogramBuckets);
            var counts = Binning.Counts(sorted, edges);
            for (var b = 0; b < counts.Length; b++)
            {
                histogram.Add(new HistogramBucket(edges[b], edges[b + 1], counts[b]));
            }
        }

        // The sketch sees values in row order, as a stream would, so it is the same sketch Model Monitor's job would build.
        var sketch = new KllSketch(options.SketchK);
        if (column.IsNumeric)
        {
            var buffer = new double[column.Length];
            column.CopyNumbers(buffer);
            foreach (var value in buffer)
            {
                if (double.IsFinite(value))
                {
                    sketch.Add(value);
                }
            }
        }
        else
        {
            foreach (var value in sorted)
            {
                sketch.Add(value);
            }
        }

        var integral = true;
        foreach (var value in sorted)
        {
            if (value != Math.Floor(value))
            {
                integral = false;
                break;
            }
        }

        return new NumericBaseline
        {
            Min = values.Min,
            Max = values.Max,
            Mean = mean,
            Sum = Stats.Sum(sorted),
            StdDev = sorted.Length == 0 ? double.NaN : Math.Sqrt(variance / sorted.Length),
            Integral = integral && sorted.Length > 0,
            Distinct = values.Distinct(),
            NonFinite = values.NonFinite,
            Quantiles = quantiles,
            Histogram = histogram,
            Sketch = sketch,
        };
    }
}
