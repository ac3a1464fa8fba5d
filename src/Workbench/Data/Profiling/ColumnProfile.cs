using System.Globalization;
using Workbench.Data.Plots;

namespace Workbench.Data.Profiling;

/// <summary>
/// The profile of one column. Statistics follow pandas: <see cref="Std"/> is the sample standard deviation
/// (ddof = 1), quartiles interpolate linearly, <see cref="Skew"/> is bias-corrected; all are computed in double
/// over the present values. NaN values of float columns are counted in <see cref="NaNCount"/> and left out of the
/// statistics (they would make every one NaN). Booleans are profiled as 0 / 1.
/// </summary>
public sealed record ColumnProfile
{
    public required string Name { get; init; }

    public required ColumnType Type { get; init; }

    /// <summary>Present values (not missing; NaN counts as present).</summary>
    public long Count { get; init; }

    /// <summary>Missing values (nulls).</summary>
    public long Missing { get; init; }

    public double MissingFraction => Count + Missing == 0 ? 0 : (double)Missing / (Count + Missing);

    /// <summary>Distinct present values (NaN counts as one).</summary>
    public long Distinct { get; init; }

    public long NaNCount { get; init; }

    public long InfiniteCount { get; init; }

    public double? Mean { get; init; }

    public double? Std { get; init; }

    public double? Min { get; init; }

    /// <summary>25th percentile.</summary>
    public double? Q25 { get; init; }

    public double? Median { get; init; }

    /// <summary>75th percentile.</summary>
    public double? Q75 { get; init; }

    public double? Max { get; init; }

    public double? Skew { get; init; }

    /// <summary>Earliest date (datetime columns).</summary>
    public DateTime? FirstDate { get; init; }

    /// <summary>Latest date (datetime columns).</summary>
    public DateTime? LastDate { get; init; }

    /// <summary>Binned values (numeric and datetime columns with a finite value).</summary>
    public Histogram? Histogram { get; init; }

    /// <summary>The most frequent values, most frequent first (ties in value order).</summary>
    public IReadOnlyList<ValueCount> TopValues { get; init; } = [];

    public bool IsNumeric => Type.IsNumeric();

    public bool IsConstant => Distinct <= 1;

    /// <summary>The distribution as a figure: a histogram for numbers and dates, bars of the top values otherwise.</summary>
    public Figure ToFigure(int? height = null)
    {
        Figure figure;
        if (Histogram is { } histogram && Type != ColumnType.Boolean)
        {
            figure = Plot.BinnedHistogram(histogram.Edges, histogram.Counts, Name, Name);
            if (Type == ColumnType.DateTime)
            {
                // Dates travel as OLE days; show them as dates.
                var bar = (BarTrace)figure.Traces[0];
                var edges = histogram.Edges.Select(DateTime.FromOADate).ToArray();
                bar.X = Enumerable.Range(0, histogram.BinCount).Select(i => edges[i] + ((edges[i + 1] - edges[i]) / 2)).ToArray();
                bar.Widths = Enumerable.Range(0, histogram.BinCount).Select(i => (edges[i + 1] - edges[i]).TotalMilliseconds).ToArray();
                bar.Text = Enumerable.Range(0, histogram.BinCount)
                    .Select(i => (string?)$"{edges[i]:yyyy-MM-dd HH:mm} – {edges[i + 1]:yyyy-MM-dd HH:mm}: {histogram.Counts[i]}").ToArray();
                figure.Layout.XAxis.Type = AxisType.Date;
            }
        }
        else
        {
            var top = TopValues.Reverse().ToArray();
            figure = Plot.Bar(top.Select(t => t.Value).ToArray(), top.Select(t => (double)t.Count).ToArray(), Name, "count", null, horizontal: true);
            figure.Layout.YAxis.Type = AxisType.Category;
        }

        figure.Layout.Height = height ?? 260;
        figure.Layout.Set("margin", new System.Text.Json.Nodes.JsonObject { ["l"] = 40, ["r"] = 10, ["t"] = 40, ["b"] = 40 });
        return figure;
    }

    public override string ToString() => IsNumeric
        ? string.Create(CultureInfo.InvariantCulture, $"{Name} ({Type.DisplayName()}): count {Count}, missing {Missing}, mean {Mean:G6}, std {Std:G6}, min {Min:G6}, median {Median:G6}, max {Max:G6}")
        : string.Create(CultureInfo.InvariantCulture, $"{Name} ({Type.DisplayName()}): count {Count}, missing {Missing}, distinct {Distinct}, top {TopValues.FirstOrDefault()?.Value}");
}
