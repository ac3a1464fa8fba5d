using Workbench.Costs;
using Workbench.Data.Plots;

namespace Workbench.Extension.SageMaker;

/// <summary>A scaling simulation over time: traffic against capacity at the target, and instances in service.</summary>
public static class ScalingCharts
{
    public static Figure InstanceCount(ScalingSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var minutes = simulation.Steps.Select(s => (double)s.Minute).ToArray();
        var target = simulation.Policy.TargetInvocationsPerInstance;
        var figure = Figure.Subplots(2, 1, ["Invocations per minute", "Instances"], sharedX: true)
            .WithTitle($"Target tracking: {target:0.#} invocations per instance per minute, {simulation.Policy.MinInstances}–{simulation.Policy.MaxInstances} instances")
            .WithSize(null, 620);
        figure.Add(new ScatterTrace
        {
            Name = "invocations",
            X = minutes,
            Y = simulation.Steps.Select(s => s.Requests).ToArray(),
            Mode = ScatterMode.Lines,
            Fill = "tozeroy",
            Line = { Color = Palette.At(0) },
        }, 1, 1);
        figure.Add(new ScatterTrace
        {
            Name = "capacity at target",
            X = minutes,
            Y = simulation.Steps.Select(s => s.InServiceInstances * target).ToArray(),
            Mode = ScatterMode.Lines,
            Line = { Shape = "hv", Dash = "dash", Color = Palette.At(1) },
        }, 1, 1);
        figure.Add(new ScatterTrace
        {
            Name = "in service",
            X = minutes,
            Y = simulation.Steps.Select(s => (double)s.InServiceInstances).ToArray(),
            Mode = ScatterMode.Lines,
            Line = { Shape = "hv", Width = 3, Color = Palette.At(2) },
        }, 2, 1);
        figure.Add(new ScatterTrace
        {
            Name = "desired",
            X = minutes,
            Y = simulation.Steps.Select(s => (double)s.DesiredInstances).ToArray(),
            Mode = ScatterMode.Lines,
            Line = { Shape = "hv", Dash = "dot", Color = Palette.At(3) },
        }, 2, 1);
        var activities = simulation.Activities;
        if (activities.Count > 0)
        {
            figure.Add(new ScatterTrace
            {
                Name = "scaling activity",
                X = activities.Select(a => (double)a.Minute).ToArray(),
                Y = activities.Select(a => (double)a.ToInstances).ToArray(),
                Text = activities.Select(a => $"{a.FromInstances} → {a.ToInstances}: {a.Reason}").ToArray(),
                Mode = ScatterMode.Markers,
                HoverTemplate = "minute %{x}: %{text}<extra></extra>",
                Marker = { Symbol = "triangle-up", Size = 10, Color = Palette.At(4) },
            }, 2, 1);
        }

        figure.XAxis(2, 1).Title = "minute";
        figure.YAxis(2, 1).Range = new[] { 0.0, simulation.Policy.MaxInstances + 0.5 };
        return figure;
    }
}
