using System.Globalization;
using Workbench.Extension.Html;
using Workbench.Jobs;

namespace Workbench.Extension.SageMaker;

/// <summary>
/// A job's status inline: name, backend and status badge, secondary status and message, elapsed and billable time,
/// the failure reason, a timeline of status transitions (bar and table), metric curves and details. A notebook
/// re-renders it into the same output on every refresh (<c>display(job)</c>, then <c>handle.Update(job)</c>).
/// </summary>
/// <remarks>
/// While the job runs, metrics show as a table of latest values unless plotly.js is already on the page: the
/// curves then carry plotly.js in the final render, so the saved notebook (which keeps only that render) draws them offline.
/// </remarks>
public sealed class TrackedJobHtmlFormatter : HtmlFormatter<TrackedJob>
{
    private static readonly string[] Palette = ["#0969da", "#8250df", "#1a7f37", "#bf8700", "#cf222e", "#57606a", "#116329", "#953800"];

    protected override bool Format(TrackedJob value, TextWriter writer)
    {
        var state = value.State;
        Styles.WriteContainer(writer, w =>
        {
            w.Write("<div class=\"wb-job\" data-status=\"");
            w.Write(HtmlText.Encode(state.Status));
            w.Write("\"><div style=\"font-size:14px;margin:2px 0 6px\"><b>");
            w.Write(HtmlText.Encode($"{value.Kind} {value.Name}"));
            w.Write("</b> <span class=\"wb-muted\">");
            w.Write(HtmlText.Encode($"[{value.Backend}]"));
            w.Write("</span> <span class=\"wb-badge ");
            w.Write(BadgeClass(state));
            w.Write("\">");
            w.Write(HtmlText.Encode(state.Status));
            w.Write("</span>");
            if (state.SecondaryStatus is { Length: > 0 } secondary && secondary != state.Status)
            {
                w.Write(" <span class=\"wb-secondary\">");
                w.Write(HtmlText.Encode(secondary));
                w.Write("</span>");
            }

            if (state.Message is { Length: > 0 } message)
            {
                w.Write(" <span class=\"wb-muted\">— ");
                w.Write(HtmlText.Encode(message));
                w.Write("</span>");
            }

            w.Write("</div>");
            w.Write("<div class=\"wb-times\">elapsed <b>");
            w.Write(Duration(value.Elapsed));
            w.Write("</b> · billable <b>");
            w.Write(value.BillableTime is { } billable ? Duration(billable) : state.IsTerminal ? "not reported" : "—");
            w.Write("</b></div>");
            if (state.FailureReason is { Length: > 0 } reason)
            {
                w.Write("<div class=\"wb-bad wb-failure\" style=\"padding:4px 8px;margin:6px 0;border-radius:4px;white-space:pre-wrap\"><b>Failure reason:</b> ");
                w.Write(HtmlText.Encode(reason));
                w.Write("</div>");
            }

            var history = value.History;
            WriteTimelineBar(w, history, value.LastRefreshed ?? DateTimeOffset.UtcNow);
            // Times are shown from the job's first transition, not by the clock: a status reads the same wherever it is run.
            var table = new HtmlTable { Caption = "Status transitions" }
                .Header("after", "status", "secondary status", "duration", "message");
            foreach (var step in history)
            {
                var end = step.EndTime ?? (state.IsTerminal ? step.Time : value.LastRefreshed ?? step.Time);
                table.Row("+" + Duration(step.Time - history[0].Time), step.Status, step.SecondaryStatus ?? string.Empty,
                    Duration(end - step.Time), step.Message ?? string.Empty);
            }

            table.WriteTo(w);
            WriteMetrics(w, value, state);
            if (state.Details.Count > 0)
            {
                var details = new HtmlTable { Caption = "Details" }.Header("", "");
                foreach (var (key, text) in state.Details)
                {
                    details.Row(key, text);
                }

                details.WriteTo(w);
            }

            w.Write("</div>");
        });
        return true;
    }

    private void WriteMetrics(TextWriter w, TrackedJob job, JobState state)
    {
        var metrics = job.Metrics.Where(m => m.Value.Count > 0).OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        if (metrics.Count == 0)
        {
            return;
        }

        var figure = JobCharts.MetricCurves(job);
        if (figure is not null && (state.IsTerminal || !Session.Plotly.ScriptPending))
        {
            Session.Plotly.Write(w, figure.ToJson(), figure.SuggestedHeight);
            return;
        }

        var table = new HtmlTable { Caption = "Metrics (latest)" }.Header("metric", "value", "step", "points");
        foreach (var (name, points) in metrics)
        {
            var last = points[^1];
            table.Row(name, last.Value.ToString("G6", CultureInfo.InvariantCulture), last.Step?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                points.Count.ToString(CultureInfo.InvariantCulture));
        }

        table.WriteTo(w);
    }

    private static void WriteTimelineBar(TextWriter w, IReadOnlyList<JobStatusTransition> history, DateTimeOffset now)
    {
        if (history.Count == 0)
        {
            return;
        }

        // One equal segment per step, its duration in the tooltip: the order of steps is the story, and the bar stays
        // the same from run to run.
        w.Write("<div class=\"wb-timeline\" style=\"display:flex;width:100%;max-width:900px;height:18px;margin:6px 0;border-radius:3px;overflow:hidden;font-size:11px;color:#fff\">");
        for (var i = 0; i < history.Count; i++)
        {
            var step = history[i];
            var label = step.SecondaryStatus ?? step.Status;
            w.Write($"<div title=\"{HtmlText.Encode(label)}: {Duration((step.EndTime ?? now) - step.Time)}\" style=\"flex:1 1 0;background:{Palette[i % Palette.Length]};padding:0 4px;white-space:nowrap;overflow:hidden\">{HtmlText.Encode(label)}</div>");
        }

        w.Write("</div>");
    }

    private static string BadgeClass(JobState state) => state switch
    {
        { IsFailure: true } => "wb-bad",
        { Status: "Completed" or "InService" } => "wb-good",
        { Status: "Stopped" or "Stopping" } => "wb-warn",
        _ => "wb-muted",
    };

    private static string Duration(TimeSpan span) => span < TimeSpan.Zero ? "0.0 s" : span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : span.TotalHours < 1
            ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
            : $"{(int)span.TotalHours} h {span.Minutes} min";
}
