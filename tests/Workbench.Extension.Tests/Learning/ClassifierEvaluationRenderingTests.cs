using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Workbench.Data;
using Workbench.Extension.Learning;
using Workbench.Features;
using Workbench.Learning.Estimators;
using Workbench.Learning.Experiments;
using Workbench.Learning.Metrics;
using Workbench.Testing;

namespace Workbench.Extension.Tests.Learning;

/// <summary>A classifier's evaluation renders its scores as logged, its confusion matrix and its ROC curves.</summary>
public sealed class ClassifierEvaluationRenderingTests
{
    [Theory]
    [InlineData("breast_cancer.csv", "diagnosis", 2, 1)]
    [InlineData("wine.csv", "cultivar", 3, 3)]
    public void The_scores_the_confusion_matrix_and_the_roc_curves_are_shown_and_plotly_draws_them(string file, string label, int classes, int curves)
    {
        var frame = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, file));
        var features = frame.ColumnNames.Where(c => c != label).ToArray();
        var (train, test) = frame.TrainTestSplit(0.3, seed: 5, stratify: label);
        var scaler = new FeaturePipeline().Add("measurements", ColumnSelector.Numeric(), new StandardScaler()).Fit(train, target: label);
        var model = new LogisticRegression { MaxIterations = 500 }.Fit(scaler.Transform(train).ToDense(), Labels(train, label));
        var evaluation = ClassifierEvaluation.Evaluate(model, scaler.Transform(test).ToDense(), Labels(test, label));

        var document = new HtmlParser().ParseDocument(PlotlyPage.Render<ClassifierEvaluationHtmlFormatter>(evaluation));

        var table = document.QuerySelector("div.wb table.wb-table")!;
        table.QuerySelector("caption")!.TextContent.Should().Be($"Evaluation on {test.RowCount} rows, {classes} classes");
        table.QuerySelectorAll("th").Select(h => h.TextContent).Should().Equal(evaluation.Metrics.Keys);
        table.QuerySelectorAll("tbody tr").Should().ContainSingle();
        table.QuerySelectorAll("tbody td").Select(d => double.Parse(d.TextContent, CultureInfo.InvariantCulture)).Should()
            .Equal(evaluation.Metrics.Values.Select(v => Math.Round(v, 4)));
        document.QuerySelectorAll("div.wb-plot").Should().HaveCount(2, "the confusion matrix and the ROC curves");

        var figures = document.QuerySelectorAll("script").Select(s => s.TextContent).Where(s => s.StartsWith("(function(){var f=", StringComparison.Ordinal))
            .Select(s => JsonDocument.Parse(s["(function(){var f=".Length..s.IndexOf(";function d()", StringComparison.Ordinal)]).RootElement.Clone()).ToList();
        figures.Should().HaveCount(2);
        figures[0].GetProperty("data")[0].GetProperty("type").GetString().Should().Be("heatmap");
        figures[1].GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).Where(n => n.Contains("AUC", StringComparison.Ordinal)).Should()
            .HaveCount(curves).And.OnlyContain(n => n.StartsWith(classes == 2 ? "positive class malignant (AUC" : "class: ", StringComparison.Ordinal));
        foreach (var figure in new[] { evaluation.ConfusionMatrix.ToFigure(), evaluation.RocFigure() })
        {
            PlotlyCheck.Draw(figure).Errors.Should().BeEmpty();
        }
    }

    private static string[] Labels(Frame frame, string label) => Enumerable.Range(0, frame.RowCount).Select(r => frame[label].Format(r)!).ToArray();
}
