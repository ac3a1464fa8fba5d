using System.Globalization;
using Workbench.Extension.Html;
using Workbench.Tracking;

namespace Workbench.Extension.Tracking;

/// <summary>Search results as a table: one row per run, its status, parameters and latest metrics as columns.</summary>
public sealed class RunListHtmlFormatter : HtmlFormatter<RunList>
{
    /// <summary>Rows shown; the rest are counted below the table (the data is all in <see cref="RunList.ToTable"/>).</summary>
    public const int MaxRows = 200;

    protected override bool Format(RunList value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => Write(w, value));
        return true;
    }

    private static void Write(TextWriter writer, RunList runs)
    {
        var query = string.Join(" · ", new[] { runs.Filter is { } f ? $"filter {f}" : null, runs.OrderBy is { } o ? $"order by {o}" : null }.Where(s => s is not null));
        TrackingHtml.Heading(writer, $"{runs.Count} run{(runs.Count == 1 ? string.Empty : "s")}");
        if (query.Length > 0)
        {
            TrackingHtml.Muted(writer, query);
        }

        if (runs.Count == 0)
        {
            return;
        }

        var table = runs.ToTable();
        var paramColumns = table.Columns.Where(c => c.StartsWith("params.", StringComparison.Ordinal)).ToList();
        var metricColumns = table.Columns.Where(c => c.StartsWith("metrics.", StringComparison.Ordinal)).ToList();
        var html = new HtmlTable();
        html.Header(["run", "experiment", "status", "started", "duration", .. paramColumns, .. metricColumns]);
        foreach (var run in runs.Take(MaxRows))
        {
            var cells = new List<string>
            {
                $"{HtmlText.Encode(run.Info.Name)} <span class=\"wb-muted\">{HtmlText.Encode(run.RunId[..8])}</span>",
                HtmlText.Encode(run.Info.ExperimentName),
                TrackingHtml.StatusBadge(run.Info.Status, run.Tags),
                TrackingHtml.Time(run.Info.StartTime),
                TrackingHtml.Duration(run.Info.Duration),
            };
            cells.AddRange(paramColumns.Select(c => HtmlText.Encode(run.Param(c["params.".Length..]) ?? "—")));
            cells.AddRange(metricColumns.Select(c => run.Metric(c["metrics.".Length..]) is { } v ? TrackingHtml.Metric(v) : "—"));
            html.RawRow(null, [.. cells]);
        }

        html.WriteTo(writer);
        if (runs.Count > MaxRows)
        {
            TrackingHtml.Muted(writer, string.Create(CultureInfo.InvariantCulture, $"… {runs.Count - MaxRows} more runs (use ToTable() for all of them)"));
        }
    }
}
