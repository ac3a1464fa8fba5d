using Workbench.Extension.Html;
using Workbench.Features.Validation;

namespace Workbench.Extension.Features;

/// <summary>
/// An anomalies report as a table that shows what breaks: errors in red, warnings in yellow, a bar for the fraction of
/// rows affected, example values and what the schema expected; a green line when the data fits.
/// </summary>
public sealed class ValidationReportHtmlFormatter : HtmlFormatter<ValidationReport>
{
    protected override bool Format(ValidationReport value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => Write(w, value));
        return true;
    }

    internal static void Write(TextWriter writer, ValidationReport report)
    {
        writer.Write(FeaturesHtml.Css);
        var errors = report.Errors.Count();
        var warnings = report.Warnings.Count();
        var what = $"{HtmlText.Encode(report.Source ?? "frame")}: {FeaturesHtml.Count(report.RowCount)} rows × {report.ColumnCount} columns, checked for {HtmlText.Encode(report.Environment)}";
        var badge = report.IsValid
            ? $"<span class=\"wb-badge wb-good\">valid</span>"
            : $"<span class=\"wb-badge wb-bad\">invalid: {errors} error{(errors == 1 ? string.Empty : "s")}</span>";
        if (warnings > 0)
        {
            badge += $" <span class=\"wb-badge wb-warn\">{warnings} warning{(warnings == 1 ? string.Empty : "s")}</span>";
        }

        writer.Write($"<div class=\"wb-summary\">{badge} {what}</div>");
        if (report.Anomalies.Count == 0)
        {
            writer.Write("<div class=\"wb-good\">No anomalies: every column the schema expects is present, of its type, in range, within its categories and missing no more than allowed.</div>");
            return;
        }

        var table = new HtmlTable { CssClass = "wb-table wb-anomalies" }.Header("column", "anomaly", "rows", "fraction", "examples", "expected");
        foreach (var anomaly in report.Anomalies)
        {
            var width = Math.Max(1, (int)Math.Round(anomaly.Fraction * 60));
            table.RawRow(
                anomaly.Severity == AnomalySeverity.Error ? "wb-bad" : "wb-warn",
                $"<b>{HtmlText.Encode(anomaly.Column)}</b>",
                HtmlText.Encode(Words(anomaly.Kind)),
                FeaturesHtml.Count(anomaly.Count),
                $"<span class=\"wb-nowrap\"><span class=\"wb-fraction\" style=\"width:{width}px\"></span>{FeaturesHtml.Percent(anomaly.Fraction)}</span>",
                FeaturesHtml.Chips(anomaly.Examples),
                HtmlText.Encode(anomaly.Expected));
        }

        table.WriteTo(writer);
    }

    private static string Words(AnomalyKind kind) => ValidationReport.Name(kind).Replace('_', ' ');
}
