namespace Workbench.Data.Plots;

/// <summary>
/// Plots of a frame's columns by name, as plotly express takes a DataFrame: <c>FramePlots.Histogram(patients, "age", color: "sex")</c>.
/// Missing numbers become gaps; missing labels the "(missing)" category.
/// </summary>
public static class FramePlots
{
    /// <summary>A histogram of a numeric (or date) column, optionally coloured and faceted by other columns.</summary>
    public static Figure Histogram(Frame frame, string x, string? color = null, string? facet = null, int? bins = null, HistogramNormalization? normalization = null, string? title = null) =>
        Plot.Histogram(Values(frame, x), title ?? x, x, bins, Labels(frame, color), color, Labels(frame, facet), normalization: normalization);

    /// <summary>Points of one column against another.</summary>
    public static Figure Scatter(Frame frame, string x, string y, string? color = null, string? facet = null, string? title = null) =>
        Plot.Scatter(Values(frame, x), Values(frame, y), title ?? $"{y} vs {x}", x, y, Labels(frame, color), color, Labels(frame, facet));

    /// <summary>A line of one column against another (rows in frame order; sort first for a time series).</summary>
    public static Figure Line(Frame frame, string x, string y, string? color = null, string? title = null) =>
        Plot.Line(Values(frame, x), Values(frame, y), title ?? $"{y} by {x}", x, y, Labels(frame, color), color);

    /// <summary>Box plots of a numeric column, one per value of <paramref name="by"/>.</summary>
    public static Figure Box(Frame frame, string y, string? by = null, string? color = null, string? title = null) =>
        Plot.Box(Values(frame, y), Labels(frame, by), title ?? (by is null ? y : $"{y} by {by}"), by, y, Labels(frame, color), color);

    /// <summary>Bars of how often each value of a column occurs (most frequent first), split by <paramref name="color"/> when given.</summary>
    public static Figure Counts(Frame frame, string column, string? color = null, bool horizontal = false, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var keys = color is null ? new[] { column } : new[] { column, color };
        var counts = frame.ValueCounts(keys, dropMissing: false);
        if (color is not null)
        {
            counts = counts.SortBy(column, color);
        }

        var figure = Plot.Bar(
            Labels(counts, column)!.Select(l => l ?? SeriesGroups.MissingLabel).ToArray(),
            ((Int64Column)counts["count"]).Values.ToArray(),
            title ?? $"{column} counts", column, "count",
            Labels(counts, color), color, horizontal);
        figure.XAxis(1, 1).Type = horizontal ? AxisType.Linear : AxisType.Category;
        return figure;
    }

    /// <summary>A column as plot values: numbers (missing as NaN), dates, booleans or text.</summary>
    public static PlotValues Values(Frame frame, string column)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var c = frame[column];
        switch (c)
        {
            case DoubleColumn d:
                return d.HasNulls ? PlotValues.Of(Nullable(d)) : PlotValues.Of(d.Values.ToArray());
            case Int64Column or SingleColumn or BooleanColumn when c.HasNulls:
                return PlotValues.Of(Nullable(c));
            case Int64Column l:
                return PlotValues.Of(l.Values.ToArray());
            case SingleColumn s:
                return PlotValues.Of(s.Values.ToArray());
            case BooleanColumn b:
                return PlotValues.Of(b.Values.ToArray());
            case DateTimeColumn t when !t.HasNulls:
                return PlotValues.Of(t.Values.ToArray());
            default:
                return PlotValues.Of(Enumerable.Range(0, c.Length).Select(c.Format).ToArray());
        }
    }

    private static double?[] Nullable(Column column)
    {
        var numbers = new double[column.Length];
        column.CopyNumbers(numbers);
        return numbers.Select((v, i) => column.IsNull(i) ? (double?)null : v).ToArray();
    }

    private static string?[]? Labels(Frame frame, string? column) =>
        column is null ? null : Enumerable.Range(0, frame.RowCount).Select(frame[column].Format).ToArray();
}
