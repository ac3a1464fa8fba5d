using Workbench.Data;
using Workbench.Learning.Metrics;
using Workbench.Tracking;

namespace Workbench.Learning.Experiments;

/// <summary>
/// Stores a <see cref="ClassifierEvaluation"/> in a run together with the evaluation set it was measured on, so the
/// registry's promotion rule can compare two models "on the same set":
/// <code>
/// var evaluation = ClassifierEvaluation.Evaluate(model, xTest, yTest);
/// var testSet = run.LogEvaluation(evaluation, testFrame, "digits-test");     // metrics test_accuracy, test_roc_auc, ...
/// // later: registry.Promote("digits", v, new PromotionRule("test_accuracy", testSet.Fingerprint, minImprovement: 0.005));
/// </code>
/// </summary>
public static class EvaluationLogging
{
    /// <summary>
    /// Logs the evaluation's metrics as <c>{prefix}accuracy</c>, <c>{prefix}balanced_accuracy</c>, <c>{prefix}f1_macro</c>,
    /// <c>{prefix}roc_auc</c>, <c>{prefix}log_loss</c>, <c>{prefix}brier_score</c> (step 0); the frame's fingerprint as
    /// an input of context <see cref="DatasetInput.Evaluation"/>; and the confusion matrix and ROC curves as figure
    /// artifacts under <c>evaluation/{prefix without its trailing underscore}/</c>. Returns the logged input.
    /// </summary>
    /// <exception cref="ArgumentException">The evaluation covers a different number of rows than the frame holds.</exception>
    public static DatasetInput LogEvaluation(this ActiveRun run, ClassifierEvaluation evaluation, Frame evaluationSet, string name, string prefix = "test_")
    {
        ArgumentNullException.ThrowIfNull(evaluationSet);
        ArgumentNullException.ThrowIfNull(evaluation);
        if (evaluationSet.RowCount != evaluation.Rows)
        {
            throw new ArgumentException(
                $"The evaluation covers {evaluation.Rows} rows but the evaluation set '{name}' has {evaluationSet.RowCount}: log the frame the model was scored on.", nameof(evaluationSet));
        }

        return run.LogEvaluation(evaluation, new DatasetInput(DatasetFingerprint.Of(evaluationSet), name, null, evaluationSet.RowCount, DatasetInput.Evaluation), prefix);
    }

    /// <summary>As above, for an evaluation set already described by a <see cref="DatasetInput"/> (a file's fingerprint, say).</summary>
    public static DatasetInput LogEvaluation(this ActiveRun run, ClassifierEvaluation evaluation, DatasetInput evaluationSet, string prefix = "test_")
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(evaluationSet);
        ArgumentNullException.ThrowIfNull(prefix);
        if (evaluationSet.Context == DatasetInput.Training)
        {
            throw new ArgumentException($"'{evaluationSet.Name}' is logged as training data; an evaluation set needs another context (evaluation, validation).", nameof(evaluationSet));
        }

        run.LogInput(evaluationSet);
        var now = DateTimeOffset.UtcNow;
        foreach (var (metric, value) in evaluation.Metrics)
        {
            run.LogMetric(prefix + metric, value, 0, now);
        }

        var folder = prefix.TrimEnd('_', '/', '.', '-') is { Length: > 0 } trimmed ? $"evaluation/{trimmed}" : "evaluation";
        run.LogFigure(evaluation.ConfusionMatrix.ToFigure(), $"{folder}/confusion_matrix.json");
        run.LogFigure(evaluation.RocFigure(), $"{folder}/roc_curves.json");
        return evaluationSet;
    }
}
