using Workbench.Data.Plots;
using Workbench.Tracking;

namespace Workbench.Extension.Tracking;

/// <summary>Metric histories of compared runs as overlaid curves: one subplot per metric, one coloured line per run.</summary>
public static class MetricCurves
{
    /// <summary>The figure for <paramref name="comparison"/>'s curves, or null when no metric has more than one step.</summary>
    public static Figure? Figure(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (comparison.Curves.Count == 0)
        {
            return null;
        }

        var steps = new List<double>();
        var values = new List<double>();
        var runs = new List<string?>();
        var metrics = new List<string?>();
        var labels = Labels(comparison.Runs);
        foreach (var (metric, series) in comparison.Curves)
        {
            foreach (var line in series)
            {
                foreach (var point in line.Points)
                {
                    steps.Add(point.Step);
                    values.Add(point.Value);
                    runs.Add(labels[line.RunId]);
                    metrics.Add(metric);
                }
            }
        }

        var figure = Plot.Line(steps.ToArray(), values.ToArray(), xTitle: "step", color: runs, colorTitle: "run",
            facet: comparison.Curves.Count > 1 ? metrics : null, facetColumns: 2);
        return comparison.Curves.Count == 1 ? figure.WithTitle(comparison.Curves.Keys.Single()).WithYAxis(comparison.Curves.Keys.Single()) : figure;
    }

    /// <summary>Run names, with the id prefix added where two runs share a name.</summary>
    internal static Dictionary<string, string> Labels(IReadOnlyList<Run> runs)
    {
        var duplicated = runs.GroupBy(r => r.Info.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return runs.ToDictionary(r => r.RunId, r => duplicated.Contains(r.Info.Name) ? $"{r.Info.Name} ({r.RunId[..8]})" : r.Info.Name);
    }
}
