using System.Text.Json;
using AngleSharp.Html.Parser;
using Workbench.Data;
using Workbench.Data.Plots;
using Workbench.Extension.Learning;
using Workbench.Extension.Plotly;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Metrics;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Tensors;
using Workbench.Learning.Training;

namespace Workbench.Extension.Tests.Learning;

/// <summary>Confusion matrices, curves, reports and training runs render, and their figures pass plotly.js's own validation.</summary>
public sealed class LearningFormatterTests
{
    private static readonly int[] Truth = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0];
    private static readonly double[] Scores = [0.1, 0.8, 0.6, 0.3, 0.9, 0.55, 0.4, 0.7, 0.2, 0.65, 0.95, 0.05];
    private static readonly string[] Labels = ["cat", "dog", "dog", "cat", "eel", "cat", "eel", "dog", "cat", "cat", "eel", "dog"];
    private static readonly string[] Predicted = ["cat", "dog", "cat", "cat", "eel", "dog", "eel", "dog", "cat", "eel", "eel", "dog"];

    public static TheoryData<string> FigureNames => new(Figures().Keys);

    [Fact]
    public void Every_learning_formatter_is_discovered_once_per_session()
    {
        var formatters = new WorkbenchFormatterSource().CreateTypeFormatters().ToList();
        foreach (var type in new[]
                 {
                     typeof(ConfusionMatrixFormatter), typeof(ConfusionMatrixHtmlFormatter), typeof(RocCurveFormatter), typeof(RocCurveHtmlFormatter),
                     typeof(PrecisionRecallCurveFormatter), typeof(PrecisionRecallCurveHtmlFormatter), typeof(CalibrationCurveFormatter),
                     typeof(CalibrationCurveHtmlFormatter), typeof(ClassificationReportHtmlFormatter), typeof(TrainingHistoryFormatter), typeof(TrainingHistoryHtmlFormatter),
                 })
        {
            formatters.Where(f => f.GetType() == type).Should().ContainSingle(type.Name);
        }
    }

    [Fact]
    public void Confusion_matrix_renders_a_labelled_heatmap_with_counts()
    {
        var matrix = Metrics.ConfusionMatrix(Labels, Predicted);
        using var writer = new StringWriter();
        new ConfusionMatrixFormatter().Format(matrix, writer).Should().BeTrue();
        using var json = JsonDocument.Parse(writer.ToString());
        var trace = json.RootElement.GetProperty("data")[0];
        trace.GetProperty("type").GetString().Should().Be("heatmap");
        trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()).Should().Equal("cat", "dog", "eel");
        trace.GetProperty("z")[0].EnumerateArray().Select(v => v.GetDouble()).Should().Equal(matrix[0, 0], matrix[0, 1], matrix[0, 2]);
        json.RootElement.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString().Should().Be("reversed");

        var html = Render(new ConfusionMatrixHtmlFormatter(), matrix);
        html.QuerySelectorAll("div.wb div.wb-plot").Should().ContainSingle();
    }

    [Fact]
    public void Roc_and_precision_recall_figures_carry_the_curve_and_its_area()
    {
        var roc = Metrics.RocCurve(Truth, Scores);
        using var rocJson = JsonDocument.Parse(Json(new RocCurveFormatter(), roc));
        var curve = rocJson.RootElement.GetProperty("data")[1];
        curve.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).Should().Equal(roc.FalsePositiveRate);
        curve.GetProperty("name").GetString().Should().Contain($"AUC = {roc.Auc:F3}");

        var pr = Metrics.PrecisionRecallCurve(Truth, Scores);
        using var prJson = JsonDocument.Parse(Json(new PrecisionRecallCurveFormatter(), pr));
        prJson.RootElement.GetProperty("data")[0].GetProperty("line").GetProperty("shape").GetString().Should().Be("vh");
        prJson.RootElement.GetProperty("data")[0].GetProperty("name").GetString().Should().Contain($"AP = {pr.AveragePrecision:F3}");
        Render(new PrecisionRecallCurveHtmlFormatter(), pr).QuerySelectorAll("div.wb-plot").Should().ContainSingle();
        Render(new CalibrationCurveHtmlFormatter(), Metrics.CalibrationCurve(Truth, Scores, bins: 4)).QuerySelectorAll("div.wb-plot").Should().ContainSingle();
    }

    [Fact]
    public void Classification_report_is_a_table_with_averages_and_weak_classes_marked()
    {
        var report = Metrics.ClassificationReport(Labels, Predicted);
        var html = Render(new ClassificationReportHtmlFormatter(), report);
        var rows = html.QuerySelectorAll("table.wb-table tbody tr");
        rows.Should().HaveCount(5, "three classes plus macro and weighted averages");
        rows[0].QuerySelectorAll("td")[0].TextContent.Should().Be("cat");
        rows[3].QuerySelectorAll("td")[0].TextContent.Should().Be("macro avg");
        html.QuerySelector("caption")!.TextContent.Should().Contain("accuracy");
    }

    [Fact]
    public void A_training_run_renders_live_progress_and_then_its_learning_curves()
    {
        var history = new TrainingHistory { Title = "digits </script> mlp" };
        var html = Render(new TrainingHistoryHtmlFormatter(), history);
        html.QuerySelector(".wb-badge")!.TextContent.Should().Be("not started");
        html.QuerySelectorAll("div.wb-plot").Should().BeEmpty("nothing to plot before the first epoch");

        var trained = Train();
        var done = Render(new TrainingHistoryHtmlFormatter(), trained);
        done.QuerySelector(".wb-badge")!.TextContent.Should().Be("completed");
        done.QuerySelector(".wb-muted")!.TextContent.Should().Contain("cpu");
        done.QuerySelectorAll("div.wb-plot").Should().ContainSingle();
        done.QuerySelector("table caption")!.TextContent.Should().Be("epoch 3");
        done.QuerySelectorAll("table th").Select(th => th.TextContent).Should().Contain(["loss", "val_loss", "val_accuracy"]);
        using var json = JsonDocument.Parse(Json(new TrainingHistoryFormatter(), trained));
        json.RootElement.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Should().Contain(["loss", "val_loss", "accuracy", "val_accuracy"]);
        Render(new TrainingHistoryHtmlFormatter(), history).Body!.InnerHtml.Should().NotContain("</script> mlp");
    }

    [Theory]
    [MemberData(nameof(FigureNames))]
    public void Plotly_js_accepts_every_learning_figure(string name)
    {
        var report = PlotlyCheck.Draw(Figures()[name]);
        report.Errors.Should().BeEmpty();
        report.Svg.Should().BeGreaterThan(0);
    }

    private static Dictionary<string, Figure> Figures() => new()
    {
        ["confusion"] = Metrics.ConfusionMatrix(Labels, Predicted).ToFigure(),
        ["confusion-normalised"] = Metrics.ConfusionMatrix(Labels, Predicted).ToFigure(normalized: true),
        ["roc"] = Metrics.RocCurve(Truth, Scores).ToFigure(),
        ["roc-compare"] = MetricFigures.RocFigure([(Metrics.RocCurve(Truth, Scores), "a"), (Metrics.RocCurve(Truth, Scores.Select(s => 1 - s).ToArray()), "b")]),
        ["precision-recall"] = Metrics.PrecisionRecallCurve(Truth, Scores).ToFigure(),
        ["calibration"] = Metrics.CalibrationCurve(Truth, Scores, bins: 4).ToFigure(),
        ["training"] = Train().ToFigure(),
    };

    private static TrainingHistory Train()
    {
        var random = new Workbench.Learning.DeterministicRandom(1);
        var x = new DenseMatrix(Tensor.RandomNormal([60, 4], seed: 2).ToArray(), 60, 4);
        var y = Enumerable.Range(0, 60).Select(i => x[i, 0] + x[i, 1] > 0 ? 1 : 0).ToArray();
        var model = new Sequential(new Linear(4, 8, random: random), new ReLU(), new Linear(8, 2, random: random));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), 0.05), new TrainerOptions
        {
            Epochs = 3,
            BatchSize = 16,
            EarlyStopping = new EarlyStopping { Monitor = "val_accuracy", Patience = 10 },
        });
        var data = TrainingData.Classification(x, y);
        trainer.Fit(data, data);
        return trainer.History;
    }

    private static string Json<T>(Formatter<T> formatter, T value)
    {
        using var writer = new StringWriter();
        formatter.Format(value!, writer).Should().BeTrue();
        return writer.ToString();
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Render<T>(Formatter<T> formatter, T value) => new HtmlParser().ParseDocument(Json(formatter, value));
}
