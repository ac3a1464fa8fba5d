namespace Workbench.Data.Plots;

/// <summary>
/// One-call figures in the spirit of plotly express: a chart from arrays, optionally split into one
/// coloured series per category (<c>color</c>, one label per value) and into one subplot per category
/// (<c>facet</c>, wrapped into <c>facetColumns</c> columns). Categories keep their order of first
/// appearance; a null label becomes "(missing)". Every method returns a <see cref="Figure"/> to adjust further.
/// </summary>
public static class Plot
{
    /// <summary>A histogram of raw values, binned by plotly.js (at most <paramref name="bins"/> bins).</summary>
    public static Figure Histogram(
        PlotValues x, string? title = null, string? xTitle = null, int? bins = null,
        IReadOnlyList<string?>? color = null, string? colorTitle = null,
        IReadOnlyList<string?>? facet = null, int facetColumns = 3,
        HistogramNormalization? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var figure = Faceted(x.Length, color, colorTitle, facet, facetColumns, rows => new HistogramTrace
        {
            X = Pick(x, rows),
            Bins = bins,
            Normalization = normalization,
        });
        if (color is not null)
        {
            // Overlaid, translucent bars let every class's distribution show through.
            figure.Layout.BarMode = BarMode.Overlay;
            foreach (var trace in figure.Traces)
            {
                trace.Opacity ??= 0.6;
            }
        }

        return Titled(figure, title, xTitle, normalization is null or HistogramNormalization.Count ? "count" : null);
    }

    /// <summary>
    /// A histogram from bin edges and counts (<c>edges.Count == counts.Count + 1</c>): touching bars whose
    /// widths are the bins. The figure stays small however many values were counted.
    /// </summary>
    public static Figure BinnedHistogram(IReadOnlyList<double> edges, IReadOnlyList<long> counts, string? title = null, string? xTitle = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(counts);
        if (edges.Count != counts.Count + 1)
        {
            throw new ArgumentException($"{edges.Count} bin edges for {counts.Count} counts: a histogram needs one edge more than counts.", nameof(edges));
        }

        var centers = new double[counts.Count];
        var widths = new double[counts.Count];
        var hover = new string?[counts.Count];
        for (var i = 0; i < counts.Count; i++)
        {
            if (!(edges[i + 1] >= edges[i]))
            {
                throw new ArgumentException($"bin edges must not decrease: edge {i + 1} ({edges[i + 1]}) is below edge {i} ({edges[i]}).", nameof(edges));
            }

            centers[i] = (edges[i] + edges[i + 1]) / 2;
            widths[i] = edges[i + 1] - edges[i];
            hover[i] = FormattableString.Invariant($"[{edges[i]:G6}, {edges[i + 1]:G6}{(i == counts.Count - 1 ? "]" : ")")}: {counts[i]}");
        }

        var trace = new BarTrace
        {
            Name = name,
            X = centers,
            Y = counts.Select(c => (double)c).ToArray(),
            Widths = widths,
            Text = hover,
            TextPosition = "none",
            HoverTemplate = "%{text}<extra></extra>",
            Marker = { Color = Palette.At(0), LineWidth = 0.5, LineColor = "white" },
        };
        return Titled(new Figure().Add(trace), title, xTitle, "count");
    }

    /// <summary>Points of <paramref name="y"/> against <paramref name="x"/>; WebGL beyond 20,000 points.</summary>
    public static Figure Scatter(
        PlotValues x, PlotValues y, string? title = null, string? xTitle = null, string? yTitle = null,
        IReadOnlyList<string?>? color = null, string? colorTitle = null,
        IReadOnlyList<string?>? facet = null, int facetColumns = 3, PlotValues? text = null)
    {
        SameLength(x, y);
        var figure = Faceted(x.Length, color, colorTitle, facet, facetColumns, rows => new ScatterTrace
        {
            X = Pick(x, rows),
            Y = Pick(y, rows),
            Text = text is null ? null : Pick(text, rows),
            Mode = ScatterMode.Markers,
            UseWebGl = x.Length > 20_000,
        });
        return Titled(figure, title, xTitle, yTitle);
    }

    /// <summary>A line through the points in the given order; one line per <paramref name="color"/> category.</summary>
    public static Figure Line(
        PlotValues x, PlotValues y, string? title = null, string? xTitle = null, string? yTitle = null,
        IReadOnlyList<string?>? color = null, string? colorTitle = null,
        IReadOnlyList<string?>? facet = null, int facetColumns = 3, bool markers = false)
    {
        SameLength(x, y);
        var figure = Faceted(x.Length, color, colorTitle, facet, facetColumns, rows => new ScatterTrace
        {
            X = Pick(x, rows),
            Y = Pick(y, rows),
            Mode = markers ? ScatterMode.Lines | ScatterMode.Markers : ScatterMode.Lines,
        });
        return Titled(figure, title, xTitle, yTitle);
    }

    /// <summary>Bars of <paramref name="values"/> per category; with <paramref name="color"/>, grouped (or stacked) series.</summary>
    public static Figure Bar(
        PlotValues categories, PlotValues values, string? title = null, string? xTitle = null, string? yTitle = null,
        IReadOnlyList<string?>? color = null, string? colorTitle = null, bool horizontal = false, BarMode barMode = BarMode.Group)
    {
        SameLength(categories, values);
        var figure = Faceted(categories.Length, color, colorTitle, null, 1, rows => new BarTrace
        {
            X = Pick(horizontal ? values : categories, rows),
            Y = Pick(horizontal ? categories : values, rows),
            Orientation = horizontal ? Orientation.Horizontal : null,
        });
        if (color is not null)
        {
            figure.Layout.BarMode = barMode;
        }

        return Titled(figure, title, horizontal ? yTitle : xTitle, horizontal ? xTitle : yTitle);
    }

    /// <summary>Box plots of <paramref name="values"/>, one box per <paramref name="groups"/> label (or one box), coloured by <paramref name="color"/>.</summary>
    public static Figure Box(
        PlotValues values, IReadOnlyList<string?>? groups = null, string? title = null, string? xTitle = null, string? yTitle = null,
        IReadOnlyList<string?>? color = null, string? colorTitle = null, BoxPoints points = BoxPoints.Outliers)
    {
        ArgumentNullException.ThrowIfNull(values);
        var groupValues = groups is null ? null : PlotValues.Of(groups.Select(g => g ?? SeriesGroups.MissingLabel).ToArray());
        if (groupValues is not null)
        {
            SameLength(values, groupValues);
        }

        var figure = Faceted(values.Length, color, colorTitle, null, 1, rows => new BoxTrace
        {
            Y = Pick(values, rows),
            X = groupValues is null ? null : Pick(groupValues, rows),
            Points = points,
        });
        if (color is not null && groups is not null)
        {
            figure.Layout.BoxMode = "group";
        }

        return Titled(figure, title, xTitle, yTitle);
    }

    /// <summary>A heatmap of <paramref name="z"/> (rows of values), row labels read top-down.</summary>
    public static Figure Heatmap(
        double[][] z, PlotValues? x = null, PlotValues? y = null, string? title = null,
        string colorScale = "Viridis", double? zMin = null, double? zMax = null, double? zMid = null, string? cellValueFormat = null)
    {
        var trace = new HeatmapTrace
        {
            Z = z,
            X = x,
            Y = y,
            ColorScale = colorScale,
            ZMin = zMin,
            ZMax = zMax,
            ZMid = zMid,
            CellValueFormat = cellValueFormat,
        };
        var figure = new Figure().Add(trace).WithTitle(title);
        figure.Layout.YAxis.Reversed = true;
        return figure;
    }

    /// <summary>
    /// A correlation matrix on a diverging red-blue scale fixed to [-1, 1] (0 is white), values in the cells
    /// when there are at most 15 columns. NaN (undefined, e.g. a constant column) shows as a blank cell.
    /// </summary>
    public static Figure Correlation(double[][] matrix, IReadOnlyList<string> names, string? title = "Correlation")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(names);
        if (matrix.Length != names.Count || matrix.Any(row => row.Length != names.Count))
        {
            throw new ArgumentException($"a correlation matrix over {names.Count} columns must be {names.Count} x {names.Count}.", nameof(matrix));
        }

        var labels = names.ToArray();
        var figure = Heatmap(matrix, labels, labels, title, "RdBu", -1, 1, cellValueFormat: names.Count <= 15 ? ".2f" : null);
        var trace = (HeatmapTrace)figure.Traces[0];
        trace.ColorBarTitle = "r";
        trace.HoverTemplate = "%{y} ~ %{x}: %{z:.3f}<extra></extra>";
        figure.Layout.Height = Math.Clamp(160 + (22 * names.Count), 420, 1200);
        return figure;
    }

    private static Figure Faceted(
        int length, IReadOnlyList<string?>? color, string? colorTitle, IReadOnlyList<string?>? facet, int facetColumns,
        Func<IReadOnlyList<int>?, Trace> makeTrace)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(facetColumns);
        if (color is null && facet is null)
        {
            return new Figure().Add(makeTrace(null));
        }

        var groups = SeriesGroups.Create(length, color, facet);
        var facetCount = groups.Facets.Count;
        var columns = Math.Min(facetCount, facetColumns);
        var rows = (facetCount + columns - 1) / columns;
        var figure = facet is null
            ? new Figure()
            : Figure.Subplots(rows, columns, groups.Facets, sharedX: true, sharedY: true);
        var legendShown = new bool[groups.Colors.Count];
        for (var f = 0; f < facetCount; f++)
        {
            for (var c = 0; c < groups.Colors.Count; c++)
            {
                if (!groups.Rows.TryGetValue((f, c), out var indices))
                {
                    continue;
                }

                var trace = makeTrace(indices);
                if (groups.HasColor)
                {
                    trace.Name = groups.Colors[c];
                    trace.LegendGroup = groups.Colors[c];
                    trace.ShowLegend = !legendShown[c];
                    legendShown[c] = true;
                    Paint(trace, Palette.At(c));
                }
                else
                {
                    trace.ShowLegend = false;
                    Paint(trace, Palette.At(0));
                }

                figure.Add(trace, (f / columns) + 1, (f % columns) + 1);
            }
        }

        if (groups.HasColor)
        {
            figure.Layout.Legend.Title = colorTitle;
        }

        return figure;
    }

    private static Figure Titled(Figure figure, string? title, string? xTitle, string? yTitle)
    {
        figure.WithTitle(title);
        for (var row = 1; row <= figure.Rows; row++)
        {
            for (var column = 1; column <= figure.Columns; column++)
            {
                // As plotly express does: x titles under the bottom row, y titles beside the first column.
                if (row == figure.Rows)
                {
                    figure.XAxis(row, column).Title = xTitle;
                }

                if (column == 1)
                {
                    figure.YAxis(row, column).Title = yTitle;
                }
            }
        }

        return figure;
    }

    private static void Paint(Trace trace, string color)
    {
        switch (trace)
        {
            // plotly.js rejects a line style on a markers-only trace and vice versa.
            case ScatterTrace scatter:
                if (scatter.Mode.HasFlag(ScatterMode.Markers))
                {
                    scatter.Marker.Color ??= color;
                }

                if (scatter.Mode.HasFlag(ScatterMode.Lines))
                {
                    scatter.Line.Color ??= color;
                }

                break;
            case BarTrace bar:
                bar.Marker.Color ??= color;
                break;
            case HistogramTrace histogram:
                histogram.Marker.Color ??= color;
                break;
            case BoxTrace box:
                box.Marker.Color ??= color;
                break;
        }
    }

    private static PlotValues Pick(PlotValues values, IReadOnlyList<int>? rows) => rows is null ? values : values.Take(rows);

    private static void SameLength(PlotValues first, PlotValues second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Length != second.Length)
        {
            throw new ArgumentException($"the two arrays differ in length: {first.Length} and {second.Length} values.");
        }
    }
}
