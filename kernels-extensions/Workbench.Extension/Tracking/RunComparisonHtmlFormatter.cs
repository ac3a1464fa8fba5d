using Workbench.Extension.Html;
using Workbench.Tracking;

namespace Workbench.Extension.Tracking;

/// <summary>
/// Runs side by side: a table of attributes, parameters, metrics, datasets and tags with the rows where runs
/// disagree highlighted, then the metric curves overlaid (offline Plotly).
/// </summary>
public sealed class RunComparisonHtmlFormatter : HtmlFormatter<RunComparison>
{
    protected override bool Format(RunComparison value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w =>
        {
            var differing = value.Differences.Count();
            TrackingHtml.Heading(w, HtmlText.Encode($"{value.Runs.Count} runs compared"));
            TrackingHtml.Muted(w, $"{differing} of {value.Rows.Count} rows differ (highlighted)");
            var labels = MetricCurves.Labels(value.Runs);
            var table = new HtmlTable { CssClass = "wb-table wb-compare" };
            table.Header(["", "", .. value.Runs.Select(r => labels[r.RunId])]);
            foreach (var row in value.Rows)
            {
                var cells = new List<string> { HtmlText.Encode(row.Section), HtmlText.Encode(row.Key) };
                for (var i = 0; i < row.Values.Count; i++)
                {
                    var text = row.Numbers[i] is { } number && row.Section == "metric" ? TrackingHtml.Metric(number) : HtmlText.Encode(row.Values[i] ?? "—");
                    cells.Add(row.Section == "attribute" && row.Key == "status" ? TrackingHtml.StatusBadge(RunStatusText.Parse(row.Values[i]!), value.Runs[i].Tags) : text);
                }

                table.RawRow(row.Differs ? "wb-warn wb-differs" : null, [.. cells]);
            }

            table.WriteTo(w);
            if (MetricCurves.Figure(value) is { } figure)
            {
                Session.Plotly.Write(w, figure.ToJson(), figure.SuggestedHeight);
            }
        });
        return true;
    }
}
