using System.Globalization;
using Workbench.Extension.Html;
using Workbench.Features.Validation;

namespace Workbench.Extension.Features;

/// <summary>The per-cell errors of <see cref="DataSchema.CheckRows"/>: row, column, value and reason, frame-wide errors first.</summary>
public sealed class RowErrorsHtmlFormatter : HtmlFormatter<IReadOnlyList<RowError>>
{
    public const int MaxRows = 200;

    protected override bool Format(IReadOnlyList<RowError> value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w =>
        {
            w.Write(FeaturesHtml.Css);
            var table = new HtmlTable { Caption = value.Count == 0 ? "no row errors" : $"{FeaturesHtml.Count(value.Count)} row errors", CssClass = "wb-table wb-anomalies" }
                .Header("row", "column", "value", "reason");
            foreach (var error in value.Take(MaxRows))
            {
                table.RawRow("wb-bad",
                    error.Row is { } row ? row.ToString(CultureInfo.InvariantCulture) : "all",
                    HtmlText.Encode(error.Column),
                    error.Value is null ? "<span class=\"wb-muted\">null</span>" : HtmlText.Encode(error.Value),
                    HtmlText.Encode(error.Reason));
            }

            table.WriteTo(w);
            if (value.Count > MaxRows)
            {
                w.Write($"<div class=\"wb-muted\">showing the first {MaxRows}</div>");
            }
        });
        return true;
    }
}
