using Workbench.Data.Plots;
using Workbench.Jobs;

namespace Workbench.Extension.SageMaker;

/// <summary>A job's metric series as curves: losses on the left, everything else (accuracy, AUC) in a second panel.</summary>
public static class JobCharts
{
    /// <summary>Null when the job has no metric values yet.</summary>
    public static Figure? MetricCurves(TrackedJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var metrics = job.Metrics.Where(m => m.Value.Count > 0).OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        if (metrics.Count == 0)
        {
            return null;
        }

        var losses = metrics.Where(m => IsLoss(m.Key)).ToList();
        var others = metrics.Where(m => !IsLoss(m.Key)).ToList();
        var panels = (losses.Count > 0 ? 1 : 0) + (others.Count > 0 ? 1 : 0);
        var titles = new List<string>();
        if (losses.Count > 0)
        {
            titles.Add("Loss");
        }

        if (others.Count > 0)
        {
            titles.Add("Other metrics");
        }

        var figure = Figure.Subplots(1, panels, titles).WithTitle($"{job.Kind} {job.Name}: metrics").WithSize(null, 360);
        var color = 0;
        var column = 1;
        foreach (var group in new[] { losses, others }.Where(g => g.Count > 0))
        {
            foreach (var (name, points) in group)
            {
                figure.Add(new ScatterTrace
                {
                    Name = name,
                    X = points.Select((p, i) => (double)(p.Step ?? i + 1)).ToArray(),
                    Y = points.Select(p => p.Value).ToArray(),
                    Mode = points.Count == 1 ? ScatterMode.Markers : ScatterMode.Lines | ScatterMode.Markers,
                    Line = { Color = Palette.At(color) },
                    Marker = { Color = Palette.At(color) },
                }, 1, column);
                color++;
            }

            figure.XAxis(1, column).Title = "epoch / step";
            column++;
        }

        return figure;
    }

    private static bool IsLoss(string name) => name.Contains("loss", StringComparison.OrdinalIgnoreCase) || name.Contains("error", StringComparison.OrdinalIgnoreCase);
}
