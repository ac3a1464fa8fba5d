using Workbench.Extension.Html;
using Workbench.Monitoring;

namespace Workbench.Extension.Monitoring;

/// <summary>A monitoring report inline: decision, summary, drift table, overlays, time series, quality, violations.</summary>
public sealed class MonitoringReportHtmlFormatter : HtmlFormatter<MonitoringReport>
{
    protected override bool Format(MonitoringReport value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => MonitoringReportHtml.Write(w, value, Session.Plotly));
        return true;
    }
}
