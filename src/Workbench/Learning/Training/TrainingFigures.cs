using Workbench.Data.Plots;

namespace Workbench.Learning.Training;

/// <summary>Learning curves from a <see cref="TrainingHistory"/>.</summary>
public static class TrainingFigures
{
    /// <summary>
    /// Losses (training and validation) on the left, other metrics (accuracy, custom validation metrics) on the
    /// right, one point per epoch; the best epoch is marked when early stopping tracked one.
    /// </summary>
    public static Figure ToFigure(this TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var names = history.MetricNames.Where(n => n != "lr").ToArray();
        var losses = names.Where(IsLoss).ToArray();
        var scores = names.Where(n => !IsLoss(n)).ToArray();
        var epochs = history.Epochs.Select(e => e.Epoch).ToArray();
        var figure = scores.Length == 0
            ? new Figure()
            : Figure.Subplots(1, 2, ["loss", "metrics"]);
        figure.WithTitle($"{history.Title}: {(history.Status == TrainingStatus.StoppedEarly ? "stopped early" : history.Status.ToString().ToLowerInvariant())}, epoch {history.CurrentEpoch}/{history.TotalEpochs}")
            .WithXAxis("epoch");
        foreach (var name in losses)
        {
            figure.Add(Series(name, epochs, history.Metric(name)), 1, 1);
        }

        foreach (var name in scores)
        {
            figure.Add(Series(name, epochs, history.Metric(name)), 1, 2);
        }

        if (history.BestEpoch is { } best && history.Monitor is { } monitor)
        {
            var column = scores.Contains(monitor) ? 2 : 1;
            figure.Add(new ScatterTrace
            {
                X = PlotValues.Of([best]),
                Y = PlotValues.Of([history.BestValue ?? double.NaN]),
                Mode = ScatterMode.Markers,
                Marker = new Marker { Size = 12, Symbol = "star", Color = "#d62728" },
                Name = $"best {monitor}",
            }, 1, column);
        }

        figure.Layout.ShowLegend = true;
        return figure;
    }

    private static ScatterTrace Series(string name, int[] epochs, double[] values) => new()
    {
        X = PlotValues.Of(epochs),
        Y = PlotValues.Of(values),
        Mode = epochs.Length > 40 ? ScatterMode.Lines : ScatterMode.Lines | ScatterMode.Markers,
        Name = name,
        Line = new LineStyle { Dash = name.StartsWith("val_", StringComparison.Ordinal) ? null : "dot" },
    };

    private static bool IsLoss(string name) => name.Contains("loss", StringComparison.Ordinal) || name.Contains("error", StringComparison.Ordinal);
}
