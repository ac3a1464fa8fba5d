using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Learning.Estimators;
using Workbench.Learning.Experiments;
using Workbench.Registry;
using Workbench.Testing;
using Workbench.Tests.Tracking;
using Workbench.Tracking;

namespace Workbench.Tests.Learning.Experiments;

/// <summary>
/// Classifier evaluations equal scikit-learn's metrics on the same probabilities, and, logged with the evaluation
/// set's fingerprint, are what the registry's promotion rule compares.
/// </summary>
public sealed class EvaluationTests : IDisposable
{
    private readonly TrackingHome _home = new();
    private readonly TempDirectory _folder = new("wb-eval");

    public void Dispose()
    {
        _home.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("cancer")]
    [InlineData("digits")]
    public void Metrics_and_the_confusion_matrix_equal_scikit_learns(string dataset)
    {
        var data = dataset == "cancer" ? ExperimentData.Cancer : ExperimentData.Digits;
        var model = new LogisticRegression { MaxIterations = 300 }.Fit(data.TrainX, data.TrainLabels);
        var evaluation = ClassifierEvaluation.Evaluate(model, data.TestX, data.TestLabels);

        var input = _folder.File($"{dataset}.json");
        File.WriteAllText(input, JsonSerializer.Serialize(new
        {
            labels = data.TestLabels,
            classes = evaluation.Classes,
            probabilities = Enumerable.Range(0, evaluation.Rows).Select(r => Enumerable.Range(0, evaluation.Classes.Count).Select(c => evaluation.Probabilities[r, c]).ToArray()).ToArray(),
        }));
        var peer = JsonNode.Parse(PythonPeer.Run(
            """
            import json, sys
            import numpy as np
            from sklearn import metrics
            d = json.load(open(sys.argv[1]))
            y, classes, p = np.array(d["labels"]), d["classes"], np.array(d["probabilities"])
            pred = np.array(classes)[p.argmax(axis=1)]
            two = len(classes) == 2
            out = {
                "accuracy": metrics.accuracy_score(y, pred),
                "balanced_accuracy": metrics.balanced_accuracy_score(y, pred),
                "f1_macro": metrics.f1_score(y, pred, average="macro"),
                "roc_auc": metrics.roc_auc_score(y == classes[1], p[:, 1]) if two else metrics.roc_auc_score(y, p, multi_class="ovr", average="macro", labels=classes),
                "log_loss": metrics.log_loss(y, p, labels=classes),
                "confusion": metrics.confusion_matrix(y, pred, labels=classes).tolist(),
            }
            if two:
                out["brier_score"] = metrics.brier_score_loss(y == classes[1], p[:, 1])
            print(json.dumps(out))
            """,
            [input]))!;

        foreach (var (name, value) in evaluation.Metrics.Where(m => m.Key != "brier_score" || evaluation.Classes.Count == 2))
        {
            value.Should().BeApproximately(peer[name]!.GetValue<double>(), 1e-9, name);
        }

        for (var t = 0; t < evaluation.Classes.Count; t++)
        {
            for (var p = 0; p < evaluation.Classes.Count; p++)
            {
                evaluation.ConfusionMatrix[t, p].Should().Be(peer["confusion"]![t]![p]!.GetValue<long>());
            }
        }

        evaluation.RocCurves.Should().HaveCount(evaluation.Classes.Count == 2 ? 1 : evaluation.Classes.Count);
        evaluation.Accuracy.Should().Be(model.Score(data.TestX, data.TestLabels));
    }

    [Fact]
    public void Logged_evaluations_on_one_fingerprint_drive_the_promotion_rule()
    {
        var data = ExperimentData.Cancer;
        var strong = new LogisticRegression().Fit(data.TrainX, data.TrainLabels);
        var weakFeatures = new[] { "mean_fractal_dimension", "texture_error" };
        var weak = new LogisticRegression().Fit(Columns(data.TrainX, weakFeatures), data.TrainLabels);

        string Train(string name, IClassifier model, DenseMatrix testX) => _home.Tracker.Run("cancer", name, run =>
        {
            run.LogInput(data.TrainFrame, "cancer-train");
            run.LogEvaluation(ClassifierEvaluation.Evaluate(model, testX, data.TestLabels), data.TestFrame, "cancer-test");
            run.LogModel(model);
        }).RunId;

        var weakRun = Train("weak", weak, Columns(data.TestX, weakFeatures));
        var strongRun = Train("strong", strong, data.TestX);

        var stored = _home.Tracker.GetRun(strongRun);
        var testSet = DatasetFingerprint.Of(data.TestFrame);
        stored.Inputs.Should().ContainSingle(i => i.Context == DatasetInput.Evaluation).Which.Should().BeEquivalentTo(
            new DatasetInput(testSet, "cancer-test", null, data.TestFrame.RowCount, DatasetInput.Evaluation));
        stored.Inputs.Should().ContainSingle(i => i.Context == DatasetInput.Training).Which.Fingerprint.Should().Be(DatasetFingerprint.Of(data.TrainFrame));
        stored.Metrics.Keys.Should().Contain(["test_accuracy", "test_balanced_accuracy", "test_f1_macro", "test_roc_auc", "test_log_loss", "test_brier_score"]);
        stored.Artifacts.Where(a => a.Kind == ArtifactKind.Figure).Select(a => a.Path)
            .Should().BeEquivalentTo("evaluation/test/confusion_matrix.json", "evaluation/test/roc_curves.json");
        JsonNode.Parse(_home.Tracker.ReadArtifactText(strongRun, "evaluation/test/confusion_matrix.json"))!["data"]![0]!["type"]!.GetValue<string>().Should().Be("heatmap");

        var registry = _home.Registry;
        var v1 = registry.RegisterModel("cancer", weakRun);
        var v2 = registry.RegisterModel("cancer", strongRun);
        v2.Inputs.Select(i => i.Fingerprint).Should().Contain(testSet, "the version's lineage names the evaluation set");
        registry.Promote("cancer", v1.Version, new PromotionRule("test_accuracy", testSet)).Promoted.Should().BeTrue("nobody holds champion yet");
        var decision = registry.Promote("cancer", v2.Version, new PromotionRule("test_accuracy", testSet, minImprovement: 0.01));
        decision.Promoted.Should().BeTrue(decision.Reason);
        decision.CandidateValue.Should().Be(stored.Metric("test_accuracy"));
        registry.GetVersionByAlias("cancer", "champion").Version.Should().Be(v2.Version);

        var otherSet = DatasetFingerprint.Of(data.TrainFrame);
        registry.Promote("cancer", v1.Version, new PromotionRule("test_accuracy", otherSet)).Promoted.Should().BeFalse("a set the runs were not evaluated on gives no comparable value");
    }

    [Fact]
    public void An_evaluation_on_a_frame_uses_the_models_feature_columns_and_bad_input_is_named()
    {
        var data = ExperimentData.Digits;
        var features = data.TrainFrame.ColumnNames.Where(c => c != "label").ToArray();
        var model = new LogisticRegression { MaxIterations = 300 }.Fit(data.TrainFrame.ToMatrix(features), data.TrainIds);
        var fromFrame = ClassifierEvaluation.Evaluate(model, data.TestFrame, "label");
        var fromMatrix = ClassifierEvaluation.Evaluate(model, data.TestFrame.ToMatrix(features), data.TestIds);
        fromFrame.Metrics.Should().Equal(fromMatrix.Metrics);
        fromFrame.ToString().Should().StartWith($"{data.TestFrame.RowCount} rows, 10 classes: accuracy {fromFrame.Accuracy.ToString("F4", CultureInfo.InvariantCulture)}");

        var labels = data.TestLabels.ToArray();
        labels[3] = "eleven";
        FluentActions.Invoking(() => ClassifierEvaluation.Evaluate(model, data.TestFrame.ToMatrix(features), labels))
            .Should().Throw<ArgumentException>().WithMessage("Row 3 of the evaluation set is labelled 'eleven', which is not one of the model's classes (0, 1, 2, *");
        FluentActions.Invoking(() => ClassifierEvaluation.Evaluate(model, data.TestFrame.ToMatrix(features), labels[1..]))
            .Should().Throw<ArgumentException>().WithMessage("*feature rows but*labels*");

        var run = _home.Tracker.StartRun("digits");
        run.Invoking(r => r.LogEvaluation(fromFrame, data.TrainFrame, "train-by-mistake"))
            .Should().Throw<ArgumentException>().WithMessage("The evaluation covers * rows but the evaluation set 'train-by-mistake' has *");
        run.Invoking(r => r.LogEvaluation(fromFrame, new DatasetInput(DatasetFingerprint.Of(data.TestFrame), "test", context: DatasetInput.Training)))
            .Should().Throw<ArgumentException>().WithMessage("*logged as training data*");
        run.End();
        _home.Tracker.GetRun(run.RunId).Inputs.Should().BeEmpty("a refused evaluation stores nothing");
    }

    private static DenseMatrix Columns(DenseMatrix x, string[] names)
    {
        var indices = names.Select(n => x.ColumnNames.ToList().IndexOf(n)).ToArray();
        var values = new float[x.Rows * names.Length];
        for (var r = 0; r < x.Rows; r++)
        {
            for (var c = 0; c < names.Length; c++)
            {
                values[(r * names.Length) + c] = x[r, indices[c]];
            }
        }

        return new DenseMatrix(values, x.Rows, names.Length, names);
    }
}
