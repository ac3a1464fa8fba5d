using System.Globalization;
using Workbench.Costs;
using Workbench.Extension.Html;

namespace Workbench.Extension.SageMaker;

/// <summary>A scaling simulation: the instance count over time, the figures that matter, and every scaling activity.</summary>
public sealed class ScalingSimulationHtmlFormatter : HtmlFormatter<ScalingSimulation>
{
    protected override bool Format(ScalingSimulation value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w =>
        {
            var figure = ScalingCharts.InstanceCount(value);
            Session.Plotly.Write(w, figure.ToJson(), figure.SuggestedHeight);
            var policy = value.Policy;
            new HtmlTable { Caption = "Simulation" }
                .Header("measure", "value")
                .Row("minutes simulated", value.Steps.Count.ToString(CultureInfo.InvariantCulture))
                .Row("peak instances", value.PeakInstances.ToString(CultureInfo.InvariantCulture))
                .Row("instance-hours", value.InstanceHours.ToString("0.##", CultureInfo.InvariantCulture))
                .Row("minutes above target", value.MinutesAboveTarget.ToString(CultureInfo.InvariantCulture))
                .Row("requests over capacity", value.Settings.InstanceCapacityPerMinute is null ? "capacity not set" : value.OverflowRequests.ToString("#,0", CultureInfo.InvariantCulture))
                .Row("cooldowns (out / in)", $"{policy.ScaleOutCooldown.TotalSeconds:0} s / {policy.ScaleInCooldown.TotalSeconds:0} s")
                .Row("instance start-up", $"{value.Settings.InstanceStartup.TotalMinutes:0.#} min")
                .WriteTo(w);
            var activities = new HtmlTable { Caption = "Scaling activities" }.Header("minute", "from", "to", "why");
            foreach (var activity in value.Activities)
            {
                activities.RawRow(
                    activity.IsScaleOut ? "wb-warn" : null,
                    activity.Minute.ToString(CultureInfo.InvariantCulture),
                    activity.FromInstances.ToString(CultureInfo.InvariantCulture),
                    activity.ToInstances.ToString(CultureInfo.InvariantCulture),
                    HtmlText.Encode(activity.Reason));
            }

            if (value.Activities.Count == 0)
            {
                activities.Row("none", string.Empty, string.Empty, "the metric never held beyond the alarms' thresholds");
            }

            activities.WriteTo(w);
        });
        return true;
    }
}
