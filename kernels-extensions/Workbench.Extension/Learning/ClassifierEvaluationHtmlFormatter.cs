using System.Globalization;
using Workbench.Extension.Html;
using Workbench.Learning.Experiments;
using Workbench.Learning.Metrics;

namespace Workbench.Extension.Learning;

/// <summary>
/// A classifier's evaluation: its scores in one row (as they are logged), then the confusion matrix and the ROC
/// curves side by side, as <c>mlflow.evaluate</c> shows a classifier's results.
/// </summary>
public sealed class ClassifierEvaluationHtmlFormatter : HtmlFormatter<ClassifierEvaluation>
{
    protected override bool Format(ClassifierEvaluation value, TextWriter writer)
    {
        var scores = value.Metrics;
        var table = new HtmlTable
        {
            Caption = string.Create(CultureInfo.InvariantCulture, $"Evaluation on {value.Rows:N0} rows, {value.Classes.Count} classes"),
        }.Header([.. scores.Keys]);
        table.RawRow(null, [.. scores.Values.Select(v => HtmlText.Number(Math.Round(v, 4)))]);
        var confusion = value.ConfusionMatrix.ToFigure();
        var roc = value.RocFigure(value.Classes.Count == 2 ? $"positive class {value.RocCurves[0].Label}" : "class");
        Styles.WriteContainer(writer, w =>
        {
            table.WriteTo(w);
            w.Write("<div style=\"display:flex;flex-wrap:wrap;gap:12px\">");
            foreach (var figure in new[] { confusion, roc })
            {
                // A fixed share, not a flexible one: each figure is drawn as its script is parsed, before its sibling exists.
                w.Write("<div style=\"flex:0 0 calc(50% - 6px);min-width:360px\">");
                Session.Plotly.Write(w, figure.ToJson(), figure.SuggestedHeight);
                w.Write("</div>");
            }

            w.Write("</div>");
        });
        return true;
    }
}
