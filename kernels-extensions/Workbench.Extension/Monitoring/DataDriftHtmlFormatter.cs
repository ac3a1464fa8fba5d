using Workbench.Data.Plots;
using Workbench.Extension.Html;
using Workbench.Monitoring;
using Workbench.Monitoring.Drift;

namespace Workbench.Extension.Monitoring;

/// <summary>A drift result alone (from <c>DataDrift.Detect</c>): the verdict, the drift table and the overlays of the drifted columns.</summary>
public sealed class DataDriftHtmlFormatter : HtmlFormatter<DataDriftResult>
{
    protected override bool Format(DataDriftResult value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w =>
        {
            w.Write($"<h4>{HtmlText.Encode(value.ToString())}</h4>");
            var table = new HtmlTable { CssClass = "wb-table wb-drift" }.Header("column", "method", "p-value / distance", "threshold", "drift");
            foreach (var column in value.Ordered)
            {
                table.RawRow(column.Drifted ? "wb-bad" : column.Tested ? null : "wb-muted",
                    HtmlText.Encode(column.Column), HtmlText.Encode(column.Tested ? column.MethodName : "not tested"),
                    column.Tested ? HtmlText.Number(column.Score) : HtmlText.Encode(column.NotTested), column.Tested ? HtmlText.Number(column.Threshold) : "",
                    column.Drifted ? "<b>drift</b>" : "no");
            }

            table.WriteTo(w);
            foreach (var column in value.Ordered.Where(c => c.Drifted))
            {
                Figure figure = MonitoringReport.DistributionFigure(column);
                Session.Plotly.Write(w, figure.ToJson(), 280);
            }
        });
        return true;
    }
}
