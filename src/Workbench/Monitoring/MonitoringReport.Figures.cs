using System.Globalization;
using Workbench.Data.Plots;
using Workbench.Monitoring.Drift;

namespace Workbench.Monitoring;

public sealed partial class MonitoringReport
{
    private const string ReferenceColor = "#8c959f";
    private const string CurrentColor = "#0969da";
    private const string DriftColor = "#cf222e";

    /// <summary>The reference and current distributions of <paramref name="column"/> overlaid (shares per bin or label).</summary>
    public Figure DistributionFigure(string column)
    {
        var drift = Drift[column] ?? throw new Data.ColumnNotFoundException(column, Drift.Columns.Select(c => c.Column).ToList());
        return DistributionFigure(drift);
    }

    /// <summary>The overlay for one column's drift result (an empty figure when the column was not tested).</summary>
    public static Figure DistributionFigure(ColumnDrift drift)
    {
        ArgumentNullException.ThrowIfNull(drift);
        // Plotly titles take <br> and <sup>: the column on top, the test and verdict underneath, so narrow cards stay readable.
        var title = drift.Tested
            ? FormattableString.Invariant($"{drift.Column}<br><sup>{drift.MethodName} {drift.Score:G3}: {(drift.Drifted ? "drift" : "no drift")}</sup>")
            : $"{drift.Column}<br><sup>not tested: {drift.NotTested}</sup>";
        var figure = new Figure().WithTitle(title).WithYAxis("share");
        figure.Layout.Height = 320;
        if (drift.Distribution is not { } distribution)
        {
            return figure;
        }

        if (distribution.Edges is { } edges)
        {
            var centers = new double[edges.Count - 1];
            var widths = new double[edges.Count - 1];
            for (var i = 0; i < centers.Length; i++)
            {
                centers[i] = (edges[i] + edges[i + 1]) / 2;
                widths[i] = edges[i + 1] - edges[i];
            }

            figure.Add(new BarTrace { Name = "reference", X = centers, Y = distribution.Reference.ToArray(), Widths = widths, Opacity = 0.55, Marker = { Color = ReferenceColor } });
            figure.Add(new BarTrace { Name = "current", X = centers, Y = distribution.Current.ToArray(), Widths = widths, Opacity = 0.55, Marker = { Color = drift.Drifted ? DriftColor : CurrentColor } });
            figure.Layout.BarMode = BarMode.Overlay;
            figure.WithXAxis(drift.Column);
        }
        else
        {
            var labels = distribution.Labels!.ToArray();
            figure.Add(new BarTrace { Name = "reference", X = labels, Y = distribution.Reference.ToArray(), Marker = { Color = ReferenceColor } });
            figure.Add(new BarTrace { Name = "current", X = labels, Y = distribution.Current.ToArray(), Marker = { Color = drift.Drifted ? DriftColor : CurrentColor } });
            figure.Layout.BarMode = BarMode.Group;
            figure.Layout.XAxis.Type = AxisType.Category;
            figure.WithXAxis(drift.Column);
        }

        return figure;
    }

    /// <summary>The share of drifted features per window against the dataset-drift threshold (and model metrics when labelled); null without windows.</summary>
    public Figure? TimeSeriesFigure()
    {
        if (TimeSeries is not { } series || series.Windows.Count == 0)
        {
            return null;
        }

        var tested = series.Tested;
        var starts = tested.Select(w => w.Start).ToArray();
        var figure = new Figure().WithTitle($"Drift over time ({Windows.TimeWindow.Format(series.Window)} windows on {series.TimeColumn})").WithYAxis("share of drifted features");
        figure.Layout.Height = 360;
        figure.Add(new ScatterTrace
        {
            Name = "drifted features",
            X = starts,
            Y = tested.Select(w => w.DriftShare).ToArray(),
            Mode = ScatterMode.Lines | ScatterMode.Markers,
            Text = tested.Select(w => $"{w.Rows} rows; {w.DriftedFeatures}/{w.TestedFeatures} drifted{(w.DriftedColumns.Count > 0 ? ": " + string.Join(", ", w.DriftedColumns.Take(6)) : "")}").ToArray(),
            Marker = { Colors = tested.Select(w => w.DatasetDrift ? DriftColor : CurrentColor).ToArray(), Size = 9 },
            Line = { Color = CurrentColor },
        });
        if (starts.Length > 0)
        {
            figure.Add(new ScatterTrace
            {
                Name = FormattableString.Invariant($"dataset drift at {Drift.DriftShareThreshold:P0}"),
                X = new[] { starts[0], starts[^1] },
                Y = new[] { Drift.DriftShareThreshold, Drift.DriftShareThreshold },
                Mode = ScatterMode.Lines,
                Line = { Color = DriftColor, Dash = "dash" },
            });
        }

        foreach (var metric in tested.SelectMany(w => w.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var points = tested.Where(w => w.Metrics.ContainsKey(metric)).ToList();
            figure.Add(new ScatterTrace
            {
                Name = metric,
                X = points.Select(w => w.Start).ToArray(),
                Y = points.Select(w => w.Metrics[metric]).ToArray(),
                Mode = ScatterMode.Lines | ScatterMode.Markers,
                Line = { Dash = "dot" },
            });
        }

        figure.WithXAxis(series.TimeColumn);
        return figure;
    }

    /// <summary>Each tested column's score per window as a heatmap (columns by windows), drifted cells marked in the hover text; null without windows.</summary>
    public Figure? WindowHeatmap()
    {
        if (TimeSeries is not { } series || series.Tested.Count == 0)
        {
            return null;
        }

        var windows = series.Tested;
        var columns = Drift.Ordered.Where(c => c.Tested).Select(c => c.Column).Where(c => windows.Any(w => w.Scores.ContainsKey(c))).ToArray();
        var z = columns.Select(c => windows.Select(w => w.Scores.TryGetValue(c, out var s) ? Severity(c, s) : double.NaN).ToArray()).ToArray();
        var labels = windows.Select(w => w.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).ToArray();
        var figure = Plot.Heatmap(z, labels, columns, "Drift by column and window (1 = at the threshold)", "RdYlGn_r", 0, 2);
        figure.Layout.Height = Math.Clamp(140 + (22 * columns.Length), 300, 900);
        return figure;
    }

    /// <summary>A column's score in a window relative to its threshold: 1 at the threshold, above 1 drifted.</summary>
    private double Severity(string column, double score)
    {
        var drift = Drift[column]!;
        return drift.ScoreKind == DriftScore.PValue
            ? Math.Log10(Math.Max(score, 1e-12)) / Math.Log10(drift.Threshold)
            : drift.Threshold > 0 ? score / drift.Threshold : score;
    }
}
