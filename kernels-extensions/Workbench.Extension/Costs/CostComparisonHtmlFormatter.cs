using System.Globalization;
using Workbench.Costs;
using Workbench.Extension.Html;

namespace Workbench.Extension.Costs;

/// <summary>Deployment options side by side: a stacked bar chart, a summary with the cheapest marked, and each option's charges.</summary>
public sealed class CostComparisonHtmlFormatter : HtmlFormatter<CostComparison>
{
    protected override bool Format(CostComparison value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w =>
        {
            var figure = CostCharts.Comparison(value);
            Session.Plotly.Write(w, figure.ToJson(), figure.SuggestedHeight);
            var cheapest = value.Cheapest;
            var summary = new HtmlTable { Caption = "Monthly cost by option" }.Header("option", "region", "USD per month", "vs cheapest");
            foreach (var estimate in value.Estimates.OrderBy(e => e.BilledTotal))
            {
                var ratio = cheapest.BilledTotal == 0 ? "n/a" : ((double)(estimate.BilledTotal / cheapest.BilledTotal)).ToString("0.0#", CultureInfo.InvariantCulture) + "×";
                summary.RawRow(
                    ReferenceEquals(estimate, cheapest) ? "wb-good" : null,
                    HtmlText.Encode(estimate.Option),
                    HtmlText.Encode(estimate.Region),
                    estimate.BilledTotal.ToString("0.00", CultureInfo.InvariantCulture),
                    ratio);
            }

            summary.WriteTo(w);
            foreach (var estimate in value.Estimates)
            {
                CostEstimateHtmlFormatter.Write(w, estimate);
            }
        });
        return true;
    }
}
