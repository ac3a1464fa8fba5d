using System.Globalization;
using System.Text;
using Workbench.Data;
using Workbench.Data.Plots;
using Workbench.Learning.Estimators;
using Workbench.Learning.Metrics;
using MetricFunctions = Workbench.Learning.Metrics.Metrics;

namespace Workbench.Learning.Experiments;

/// <summary>
/// A classifier scored on an evaluation set, as <c>mlflow.evaluate</c> does for a classifier: accuracy, balanced
/// accuracy, macro F1, ROC-AUC (the greater class against the other for two classes, one-vs-rest macro average for
/// more), log loss and Brier score, with the confusion matrix and ROC curves (the positive class's curve for two
/// classes, one per class one-vs-rest otherwise). Every number is scikit-learn's definition (Workbench.Learning.Metrics).
/// <see cref="EvaluationLogging.LogEvaluation(Tracking.ActiveRun, ClassifierEvaluation, Frame, string, string)"/>
/// stores it in a run with the evaluation set's fingerprint.
/// </summary>
public sealed class ClassifierEvaluation
{
    private ClassifierEvaluation(IReadOnlyList<string> classes, string[] labels, string[] predicted, double[,] probabilities)
    {
        Classes = classes;
        Labels = labels;
        Predicted = predicted;
        Probabilities = probabilities;
        var ids = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var counts = new long[classes.Count, classes.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            counts[ids[labels[i]], ids[predicted[i]]]++;
        }

        ConfusionMatrix = new ConfusionMatrix(classes, counts);
        Accuracy = MetricFunctions.Accuracy(labels, predicted);
        BalancedAccuracy = MetricFunctions.BalancedAccuracy(labels, predicted);
        F1Macro = MetricFunctions.F1(labels, predicted, Average.Macro);
        LogLoss = MetricFunctions.LogLoss(labels, probabilities, classes);
        if (classes.Count == 2)
        {
            var positive = probabilities.Column(1);
            BrierScore = MetricFunctions.BrierScore(labels, positive, positiveLabel: classes[1]);
            RocAuc = MetricFunctions.RocAuc(labels, positive, positiveLabel: classes[1]);
            RocCurves = [(classes[1], MetricFunctions.RocCurve(labels, positive, positiveLabel: classes[1]))];
        }
        else
        {
            BrierScore = MetricFunctions.BrierScore(labels, probabilities, classes);
            RocAuc = MetricFunctions.RocAuc(labels, probabilities, Average.Macro, classes);
            RocCurves = classes.Select((label, c) => (label, c))
                .Where(x => labels.Contains(x.label, StringComparer.Ordinal))
                .Select(x => (x.label, MetricFunctions.RocCurve(labels.Select(l => l == x.label).ToArray(), probabilities.Column(x.c), positiveLabel: true)))
                .ToList();
        }
    }

    /// <summary>The model's classes, in its order (the columns of <see cref="Probabilities"/>).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The true label of each evaluated row.</summary>
    public IReadOnlyList<string> Labels { get; }

    public IReadOnlyList<string> Predicted { get; }

    /// <summary>[rows, classes] class probabilities.</summary>
    public double[,] Probabilities { get; }

    public int Rows => Labels.Count;

    public double Accuracy { get; }

    public double BalancedAccuracy { get; }

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public double F1Macro { get; }

    /// <summary>Two classes: AUC of the greater class's probability; more: one-vs-rest, macro-averaged.</summary>
    public double RocAuc { get; }

    public double LogLoss { get; }

    /// <summary>Mean squared error of the probabilities (two classes: of the greater class, as <c>brier_score_loss</c>; more: Brier's original sum over classes, in [0, 2]).</summary>
    public double BrierScore { get; }

    public ConfusionMatrix ConfusionMatrix { get; }

    /// <summary>Two classes: the positive (greater) class's curve; more: one curve per class present, one-vs-rest.</summary>
    public IReadOnlyList<(string Label, RocCurve Curve)> RocCurves { get; }

    /// <summary>The scores by the names they are logged under (after a prefix such as <c>test_</c>).</summary>
    public IReadOnlyDictionary<string, double> Metrics => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["accuracy"] = Accuracy,
        ["balanced_accuracy"] = BalancedAccuracy,
        ["f1_macro"] = F1Macro,
        ["roc_auc"] = RocAuc,
        ["log_loss"] = LogLoss,
        ["brier_score"] = BrierScore,
    };

    /// <summary>Scores <paramref name="model"/> on features <paramref name="x"/> against true <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">Row counts differ, or a label is not one of the model's classes.</exception>
    public static ClassifierEvaluation Evaluate(IClassifier model, DenseMatrix x, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != x.Rows)
        {
            throw new ArgumentException($"The evaluation set has {x.Rows} feature rows but {labels.Count} labels.", nameof(labels));
        }

        if (labels.Count == 0)
        {
            throw new ArgumentException("The evaluation set has no rows.", nameof(labels));
        }

        var classes = model.Classes;
        var known = new HashSet<string>(classes, StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (!known.Contains(labels[i]))
            {
                throw new ArgumentException(
                    $"Row {i} of the evaluation set is labelled '{labels[i]}', which is not one of the model's classes ({string.Join(", ", classes)}).", nameof(labels));
            }
        }

        var probabilities = model.PredictProba(x);
        var predicted = Classifier.ArgMax(probabilities).Select(id => classes[id]).ToArray();
        return new ClassifierEvaluation(classes, [.. labels], predicted, probabilities);
    }

    /// <summary>Scores against integer labels (digits 0-9, say), compared with the model's classes as invariant text.</summary>
    public static ClassifierEvaluation Evaluate(IClassifier model, DenseMatrix x, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Evaluate(model, x, labels.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>
    /// Scores on a frame holding the model's feature columns (by the names it was fitted on) and the label column
    /// <paramref name="labelColumn"/>; for models fitted on a feature pipeline's output, transform first and use the
    /// matrix overload.
    /// </summary>
    public static ClassifierEvaluation Evaluate(IClassifier model, Frame frame, string labelColumn)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(frame);
        var label = frame[labelColumn];
        if (label.HasNulls)
        {
            throw new ArgumentException($"The label column '{labelColumn}' has {label.NullCount} missing values; drop those rows before evaluating.", nameof(labelColumn));
        }

        var labels = Enumerable.Range(0, frame.RowCount).Select(row => label.Format(row)!).ToArray();
        return Evaluate(model, frame.ToMatrix([.. model.FeatureNames]), labels);
    }

    /// <summary>The ROC curves on one plot, named <paramref name="model"/> (with the class for one-vs-rest curves).</summary>
    public Figure RocFigure(string model = "model") => MetricFigures.RocFigure(
        RocCurves.Select(c => (c.Curve, Classes.Count == 2 ? model : $"{model}: {c.Label}")));

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Rows} rows, {Classes.Count} classes:");
        foreach (var (name, value) in Metrics)
        {
            text.Append(CultureInfo.InvariantCulture, $" {name} {value:F4}");
        }

        return text.ToString();
    }
}
