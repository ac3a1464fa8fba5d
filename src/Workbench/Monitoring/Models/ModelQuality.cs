using Workbench.Data;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Columns;
using LearningMetrics = Workbench.Learning.Metrics.Metrics;

namespace Workbench.Monitoring.Models;

/// <summary>
/// Model quality from a target (ground truth) and a prediction column, with the metrics of
/// <c>Workbench.Learning.Metrics</c>: accuracy, ROC AUC and F1 for binary classification (a numeric prediction in
/// [0, 1] is a probability of the positive class, thresholded at 0.5 for accuracy and F1), accuracy for more classes,
/// RMSE and MAE for regression. Rows missing either value are left out.
/// </summary>
public static class ModelQuality
{
    /// <summary>Metrics of the model on a frame holding both the target and the prediction columns.</summary>
    public static IReadOnlyDictionary<string, double> Measure(Frame frame, string target, string prediction, string? positiveLabel = null) =>
        Measure(frame, target, prediction, positiveLabel, out _, out _);

    /// <summary>The current metrics against the baseline's, or null when the batch lacks the target or the prediction column.</summary>
    public static ModelQualityResult? Compare(Baseline baseline, Frame current)
    {
        if (baseline.Target is not { } target || baseline.Prediction is not { } prediction || !current.Contains(target.Name) || !current.Contains(prediction.Name))
        {
            return null;
        }

        var metrics = Measure(current, target.Name, prediction.Name, baseline.Options.PositiveLabel, out var task, out var labelled);
        var comparisons = metrics.Select(p => new MetricComparison(
            p.Key, baseline.ModelMetrics.TryGetValue(p.Key, out var reference) ? reference : double.NaN, p.Value, HigherIsBetter(p.Key))).ToList();
        return new ModelQualityResult(task, labelled, current.RowCount, comparisons);
    }

    internal static IReadOnlyDictionary<string, double> ReferenceMetrics(Baseline baseline, Frame reference) =>
        baseline.Target is { } target && baseline.Prediction is { } prediction
            ? Measure(reference, target.Name, prediction.Name, baseline.Options.PositiveLabel, out _, out _)
            : new Dictionary<string, double>();

    public static bool HigherIsBetter(string metric) => metric is not ("rmse" or "mae" or "log_loss");

    private static Dictionary<string, double> Measure(Frame frame, string target, string prediction, string? positiveLabel, out ModelTask task, out long labelled)
    {
        var truthColumn = frame[target];
        var predictionColumn = frame[prediction];
        var rows = Enumerable.Range(0, frame.RowCount).Where(i => !truthColumn.IsNull(i) && !predictionColumn.IsNull(i)).ToArray();
        labelled = rows.Length;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var truthLabels = rows.Select(i => Label(truthColumn, i)).ToArray();
        var classes = truthLabels.Distinct(StringComparer.Ordinal).ToArray();
        var numericTruth = truthColumn.IsNumeric && truthColumn is not BooleanColumn;
        var truthNumbers = numericTruth ? rows.Select(i => Number(truthColumn, i)).ToArray() : [];
        var regression = numericTruth && (classes.Length > 20 || truthNumbers.Any(v => v != Math.Floor(v)));
        if (regression)
        {
            task = ModelTask.Regression;
            var predicted = rows.Select(i => Number(predictionColumn, i)).ToArray();
            if (rows.Length > 0 && predicted.All(double.IsFinite))
            {
                metrics["rmse"] = LearningMetrics.RootMeanSquaredError(truthNumbers, predicted);
                metrics["mae"] = LearningMetrics.MeanAbsoluteError(truthNumbers, predicted);
            }

            return metrics;
        }

        var predictionIsScore = predictionColumn.IsNumeric && predictionColumn is not BooleanColumn
            && rows.All(i => Number(predictionColumn, i) is >= 0 and <= 1)
            && rows.Any(i => Number(predictionColumn, i) is > 0 and < 1);
        var binary = classes.Length <= 2 && (classes.Length == 2 || predictionIsScore);
        task = binary ? ModelTask.BinaryClassification : ModelTask.MulticlassClassification;
        if (rows.Length == 0)
        {
            return metrics;
        }

        if (binary)
        {
            var positive = PositiveLabel(classes, positiveLabel);
            var truth = truthLabels.Select(l => l == positive ? 1 : 0).ToArray();
            int[] predicted;
            if (predictionIsScore)
            {
                var scores = rows.Select(i => Number(predictionColumn, i)).ToArray();
                predicted = scores.Select(s => s >= 0.5 ? 1 : 0).ToArray();
                if (truth.Distinct().Count() == 2)
                {
                    metrics["roc_auc"] = LearningMetrics.RocAuc(truth, scores);
                }
            }
            else
            {
                predicted = rows.Select(i => Label(predictionColumn, i) == positive ? 1 : 0).ToArray();
            }

            metrics["accuracy"] = LearningMetrics.Accuracy(truth, predicted);
            if (truth.Contains(1) || predicted.Contains(1))
            {
                metrics["f1"] = LearningMetrics.F1(truth, predicted);
            }
        }
        else
        {
            var predicted = rows.Select(i => Label(predictionColumn, i)).ToArray();
            metrics["accuracy"] = LearningMetrics.Accuracy(truthLabels, predicted);
        }

        return metrics;
    }

    /// <summary>The positive class: the one named, else "1", "true" or "True", else the greater of the labels (ordinal).</summary>
    internal static string PositiveLabel(IReadOnlyCollection<string> classes, string? named)
    {
        if (named is not null)
        {
            return named;
        }

        foreach (var candidate in new[] { "1", "true", "True", "yes" })
        {
            if (classes.Contains(candidate))
            {
                return candidate;
            }
        }

        return classes.Count == 0 ? "1" : classes.Max(StringComparer.Ordinal)!;
    }

    private static string Label(Column column, int row)
    {
        if (column is BooleanColumn)
        {
            return column.Format(row)!;
        }

        var text = column.Format(row)!;
        return column.IsNumeric && ColumnReader.TryParseNumber(text, out var number) && number == Math.Floor(number)
            ? ((long)number).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : text;
    }

    private static double Number(Column column, int row) =>
        column.IsNumeric ? Convert.ToDouble(column[row], System.Globalization.CultureInfo.InvariantCulture)
        : ColumnReader.TryParseNumber(column.Format(row)!, out var value) ? value : double.NaN;
}
