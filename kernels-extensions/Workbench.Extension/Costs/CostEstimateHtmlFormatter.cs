using System.Globalization;
using Workbench.Costs;
using Workbench.Extension.Html;

namespace Workbench.Extension.Costs;

/// <summary>One option's monthly cost: each charge with its quantity, unit price and the price's source and date.</summary>
public sealed class CostEstimateHtmlFormatter : HtmlFormatter<CostEstimate>
{
    protected override bool Format(CostEstimate value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => Write(w, value));
        return true;
    }

    internal static void Write(TextWriter writer, CostEstimate estimate)
    {
        var table = new HtmlTable { Caption = $"{estimate.Option} ({estimate.Region}): {estimate.BilledTotal.ToString("0.00", CultureInfo.InvariantCulture)} USD per month" }
            .Header("charge", "quantity", "unit", "unit price (USD)", "amount (USD)", "price source", "as of");
        foreach (var line in estimate.Lines)
        {
            table.Row(
                line.Item,
                line.Quantity.ToString("#,0.###", CultureInfo.InvariantCulture),
                line.Unit,
                line.Price.UsdPerUnit.ToString("0.##########", CultureInfo.InvariantCulture) + (line.Price.Tiers.Count > 0 ? " (tiered)" : string.Empty),
                line.Display,
                line.Price.Source,
                line.Price.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        table.RawRow("wb-muted", "billed total", string.Empty, string.Empty, string.Empty,
            $"<b>{estimate.BilledTotal.ToString("0.00", CultureInfo.InvariantCulture)}</b>", "each charge rounded to the cent, as on the bill", string.Empty);
        table.WriteTo(writer);
        writer.Write("<div class=\"wb-muted\">");
        writer.Write(HtmlText.Encode("Assumptions: " + string.Join("; ", estimate.Assumptions) + "."));
        writer.Write("</div>");
    }
}
