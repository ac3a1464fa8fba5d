using System.Globalization;
using Workbench.Data.Plots;

namespace Workbench.Learning.Metrics;

/// <summary>Plotly figures of evaluation results, built with the library's figure builder (rendered by the extension).</summary>
public static class MetricFigures
{
    /// <summary>A heatmap with counts (or row-normalised rates) in each cell, true labels top to bottom.</summary>
    public static Figure ToFigure(this ConfusionMatrix matrix, bool normalized = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var values = normalized ? matrix.Normalized() : Counts(matrix);
        var labels = matrix.Labels.ToArray();
        var figure = new Figure()
            .WithTitle(normalized ? "Confusion matrix (row-normalised: recall on the diagonal)" : $"Confusion matrix ({matrix.Total.ToString(CultureInfo.InvariantCulture)} samples)")
            .WithXAxis("predicted")
            .WithYAxis("true");
        figure.Layout.XAxis.Type = AxisType.Category;
        figure.Layout.YAxis.Type = AxisType.Category;
        figure.Layout.YAxis.Reversed = true;
        figure.Add(new HeatmapTrace
        {
            Z = HeatmapTrace.Rows(values),
            X = PlotValues.Of(labels),
            Y = PlotValues.Of(labels),
            ColorScale = "Blues",
            ZMin = 0,
            ZMax = normalized ? 1 : Math.Max(1, values.Cast<double>().Max()),
            CellValueFormat = normalized ? ".2f" : "d",
            ColorBarTitle = normalized ? "rate" : "count",
            HoverTemplate = "true %{y}, predicted %{x}: %{z}<extra></extra>",
        });
        return figure;
    }

    /// <summary>The ROC curve with the chance diagonal; the AUC is in the legend.</summary>
    public static Figure ToFigure(this RocCurve curve, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return Curves("ROC curve", "false positive rate", "true positive rate", diagonal: true, [(curve, name)]);
    }

    /// <summary>Several ROC curves on one plot (models or classes compared).</summary>
    public static Figure RocFigure(IEnumerable<(RocCurve Curve, string Name)> curves) =>
        Curves("ROC curves", "false positive rate", "true positive rate", diagonal: true, curves.Select(c => (c.Curve, (string?)c.Name)).ToArray());

    /// <summary>The precision–recall curve as a step function (what average precision integrates).</summary>
    public static Figure ToFigure(this PrecisionRecallCurve curve, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var figure = new Figure().WithTitle("Precision–recall curve").WithXAxis("recall").WithYAxis("precision");
        figure.Layout.XAxis.Range = PlotValues.Of([0.0, 1.0]);
        figure.Layout.YAxis.Range = PlotValues.Of([0.0, 1.05]);
        figure.Add(new ScatterTrace
        {
            X = PlotValues.Of(curve.Recall),
            Y = PlotValues.Of(curve.Precision),
            Mode = ScatterMode.Lines,
            Line = new LineStyle { Shape = "vh" },
            Name = $"{name ?? "model"} (AP = {curve.AveragePrecision.ToString("F3", CultureInfo.InvariantCulture)})",
        });
        figure.Layout.ShowLegend = true;
        return figure;
    }

    /// <summary>A reliability diagram: observed frequency against mean prediction per bin, with the diagonal and the ECE.</summary>
    public static Figure ToFigure(this CalibrationCurve curve, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var figure = new Figure()
            .WithTitle($"Calibration (ECE = {curve.ExpectedCalibrationError.ToString("F3", CultureInfo.InvariantCulture)})")
            .WithXAxis("mean predicted probability")
            .WithYAxis("fraction of positives");
        figure.Layout.XAxis.Range = PlotValues.Of([0.0, 1.0]);
        figure.Layout.YAxis.Range = PlotValues.Of([0.0, 1.0]);
        figure.Add(Diagonal("perfectly calibrated"));
        figure.Add(new ScatterTrace
        {
            X = PlotValues.Of(curve.MeanPredictedProbability),
            Y = PlotValues.Of(curve.FractionOfPositives),
            Mode = ScatterMode.Lines | ScatterMode.Markers,
            Text = PlotValues.Of(curve.Counts.Select(c => $"{c} samples").ToArray()),
            Name = name ?? "model",
        });
        figure.Layout.ShowLegend = true;
        return figure;
    }

    private static Figure Curves(string title, string xTitle, string yTitle, bool diagonal, IReadOnlyList<(RocCurve Curve, string? Name)> curves)
    {
        var figure = new Figure().WithTitle(title).WithXAxis(xTitle).WithYAxis(yTitle);
        figure.Layout.XAxis.Range = PlotValues.Of([0.0, 1.0]);
        figure.Layout.YAxis.Range = PlotValues.Of([0.0, 1.02]);
        if (diagonal)
        {
            figure.Add(Diagonal("chance"));
        }

        foreach (var (curve, name) in curves)
        {
            figure.Add(new ScatterTrace
            {
                X = PlotValues.Of(curve.FalsePositiveRate),
                Y = PlotValues.Of(curve.TruePositiveRate),
                Mode = ScatterMode.Lines,
                Text = PlotValues.Of(curve.Thresholds.Select(t => "threshold " + t.ToString("G4", CultureInfo.InvariantCulture)).ToArray()),
                Name = $"{name ?? "model"} (AUC = {curve.Auc.ToString("F3", CultureInfo.InvariantCulture)})",
            });
        }

        figure.Layout.ShowLegend = true;
        return figure;
    }

    private static ScatterTrace Diagonal(string name) => new()
    {
        X = PlotValues.Of([0.0, 1.0]),
        Y = PlotValues.Of([0.0, 1.0]),
        Mode = ScatterMode.Lines,
        Line = new LineStyle { Dash = "dash", Color = "#999999" },
        Name = name,
        HoverTemplate = "<extra></extra>",
    };

    private static double[,] Counts(ConfusionMatrix matrix)
    {
        var k = matrix.Labels.Count;
        var result = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                result[i, j] = matrix[i, j];
            }
        }

        return result;
    }
}
