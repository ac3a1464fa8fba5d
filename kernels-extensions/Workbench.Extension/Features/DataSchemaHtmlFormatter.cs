using Workbench.Extension.Html;
using Workbench.Features.Validation;

namespace Workbench.Extension.Features;

/// <summary>A data schema as a table: per column its type, presence and environments, allowed missing values, range and categories.</summary>
public sealed class DataSchemaHtmlFormatter : HtmlFormatter<DataSchema>
{
    protected override bool Format(DataSchema value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => Write(w, value));
        return true;
    }

    internal static void Write(TextWriter writer, DataSchema schema)
    {
        writer.Write(FeaturesHtml.Css);
        var source = schema.InferredFromRows is { } rows ? $", inferred from {FeaturesHtml.Count(rows)} rows" : string.Empty;
        var table = new HtmlTable { Caption = $"DataSchema: {schema.Columns.Count} columns, environments {string.Join(", ", schema.Environments)}{source}", CssClass = "wb-table wb-pipeline" }
            .Header("column", "type", "presence", "missing allowed", "range", "categories", "distinct");
        foreach (var column in schema.Columns)
        {
            var presence = (column.Required ? "required" : "optional") + (column.Environments is { } environments ? $" in {string.Join(", ", environments)}" : string.Empty);
            var range = column.IsNumeric && (column.Min is not null || column.Max is not null)
                ? $"<span class=\"wb-nowrap\">[{HtmlText.Number(column.Min ?? double.NegativeInfinity)}, {HtmlText.Number(column.Max ?? double.PositiveInfinity)}]" + (column.RangeTolerance > 0 ? $" ± {FeaturesHtml.Percent(column.RangeTolerance)}" : string.Empty) + "</span>"
                : string.Empty;
            var categories = column.Categories is { } list ? FeaturesHtml.Names(list, 10) : column.Type is Workbench.Data.ColumnType.String ? "<span class=\"wb-muted\">any (free text)</span>" : string.Empty;
            table.RawRow(null,
                $"<b>{HtmlText.Encode(column.Name)}</b>",
                HtmlText.Encode(Workbench.Data.ColumnTypeNames.DisplayName(column.Type)),
                HtmlText.Encode(presence),
                column.IsNullable ? $"≤ {FeaturesHtml.Percent(column.MaxNullFraction)}" : "none",
                range,
                categories,
                column.DistinctCount is { } distinct ? FeaturesHtml.Count(distinct) : string.Empty);
        }

        table.WriteTo(writer);
    }
}
