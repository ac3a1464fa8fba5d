using Workbench.Extension.Html;
using Workbench.Learning.Metrics;

namespace Workbench.Extension.Learning;

/// <summary>scikit-learn's classification report as a table; weak classes (F1 below 0.5) are shaded.</summary>
public sealed class ClassificationReportHtmlFormatter : HtmlFormatter<ClassificationReport>
{
    protected override bool Format(ClassificationReport value, TextWriter writer)
    {
        var table = new HtmlTable { Caption = $"Classification report (accuracy {HtmlText.Number(Math.Round(value.Accuracy, 4))})" }
            .Header("class", "precision", "recall", "f1-score", "support");
        foreach (var row in value.Classes)
        {
            table.RawRow(row.F1 < 0.5 ? "wb-bad" : null, Cells(row));
        }

        table.RawRow("wb-muted", Cells(value.MacroAverage));
        table.RawRow("wb-muted", Cells(value.WeightedAverage));
        Styles.WriteContainer(writer, table.WriteTo);
        return true;
    }

    private static string[] Cells(ClassScores row) =>
    [
        HtmlText.Encode(row.Label),
        HtmlText.Number(Math.Round(row.Precision, 4)),
        HtmlText.Number(Math.Round(row.Recall, 4)),
        HtmlText.Number(Math.Round(row.F1, 4)),
        HtmlText.Number(row.Support),
    ];
}
