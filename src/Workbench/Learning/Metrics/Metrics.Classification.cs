using System.Globalization;

namespace Workbench.Learning.Metrics;

/// <summary>
/// Evaluation metrics with scikit-learn's definitions and defaults (<c>sklearn.metrics</c>), computed in double.
/// Labels may be any comparable type (strings, ints); classes are the sorted union of true and predicted labels.
/// Where scikit-learn warns and returns 0 (zero division), so does this.
/// </summary>
public static partial class Metrics
{
    public static double Accuracy<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred)
        where T : notnull
    {
        LabelSet<T>.RequireSameLength(yTrue, yPred, nameof(yTrue), nameof(yPred));
        var comparer = EqualityComparer<T>.Default;
        var correct = 0L;
        for (var i = 0; i < yTrue.Count; i++)
        {
            if (comparer.Equals(yTrue[i], yPred[i]))
            {
                correct++;
            }
        }

        return (double)correct / yTrue.Count;
    }

    /// <summary>Mean recall over the classes present in <paramref name="yTrue"/> (<c>balanced_accuracy_score</c>).</summary>
    public static double BalancedAccuracy<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred)
        where T : notnull
    {
        var (labels, counts) = Confusion(yTrue, yPred);
        var total = 0.0;
        var classes = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var support = RowSum(counts, i);
            if (support == 0)
            {
                continue;
            }

            total += (double)counts[i, i] / support;
            classes++;
        }

        return total / classes;
    }

    public static ConfusionMatrix ConfusionMatrix<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred)
        where T : notnull
    {
        var (labels, counts) = Confusion(yTrue, yPred);
        return new ConfusionMatrix(labels.Labels.Select(FormatLabel).ToArray(), counts);
    }

    public static double Precision<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred, Average average = Average.Binary, object? positiveLabel = null)
        where T : notnull => Averaged(yTrue, yPred, average, positiveLabel, Score.Precision, 1.0);

    public static double Recall<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred, Average average = Average.Binary, object? positiveLabel = null)
        where T : notnull => Averaged(yTrue, yPred, average, positiveLabel, Score.Recall, 1.0);

    public static double F1<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred, Average average = Average.Binary, object? positiveLabel = null)
        where T : notnull => Averaged(yTrue, yPred, average, positiveLabel, Score.FBeta, 1.0);

    /// <summary>F-beta: recall weighted <paramref name="beta"/> times as much as precision.</summary>
    public static double FBeta<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred, double beta, Average average = Average.Binary, object? positiveLabel = null)
        where T : notnull => beta > 0
            ? Averaged(yTrue, yPred, average, positiveLabel, Score.FBeta, beta)
            : throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be positive.");

    /// <summary>Per-class precision, recall, F1 and support plus macro and weighted averages (<c>classification_report</c>).</summary>
    public static ClassificationReport ClassificationReport<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred)
        where T : notnull
    {
        var (labels, counts) = Confusion(yTrue, yPred);
        var rows = new List<ClassScores>();
        for (var i = 0; i < labels.Count; i++)
        {
            var (tp, fp, fn) = Counts(counts, i);
            rows.Add(new ClassScores(FormatLabel(labels.Labels[i]), Ratio(tp, tp + fp), Ratio(tp, tp + fn), FScore(tp, fp, fn, 1.0), tp + fn));
        }

        var support = rows.Sum(r => r.Support);
        ClassScores Mean(string name, Func<ClassScores, double> weight) => new(
            name,
            rows.Sum(r => weight(r) * r.Precision) / rows.Sum(weight),
            rows.Sum(r => weight(r) * r.Recall) / rows.Sum(weight),
            rows.Sum(r => weight(r) * r.F1) / rows.Sum(weight),
            support);

        return new ClassificationReport(rows, Mean("macro avg", _ => 1.0), support == 0 ? Mean("weighted avg", _ => 1.0) : Mean("weighted avg", r => r.Support), Accuracy(yTrue, yPred));
    }

    private enum Score
    {
        Precision,
        Recall,
        FBeta,
    }

    private static double Averaged<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred, Average average, object? positiveLabel, Score score, double beta)
        where T : notnull
    {
        var (labels, counts) = Confusion(yTrue, yPred);
        double Of(long tp, long fp, long fn) => score switch
        {
            Score.Precision => Ratio(tp, tp + fp),
            Score.Recall => Ratio(tp, tp + fn),
            _ => FScore(tp, fp, fn, beta),
        };

        switch (average)
        {
            case Average.Binary:
            {
                if (labels.Count > 2)
                {
                    throw new ArgumentException($"average=Binary needs at most two classes; got {labels.Count} [{string.Join(", ", labels.Labels)}]. Choose Macro, Micro or Weighted.");
                }

                var positive = labels.PositiveLabel(positiveLabel);
                if (!labels.Contains(positive))
                {
                    if (labels.Count >= 2)
                    {
                        throw new ArgumentException($"positiveLabel '{positive}' is not one of the labels [{string.Join(", ", labels.Labels)}].");
                    }

                    return 0.0;
                }

                var (tp, fp, fn) = Counts(counts, labels.IndexOf(positive));
                return Of(tp, fp, fn);
            }

            case Average.Micro:
            {
                long tp = 0, fp = 0, fn = 0;
                for (var i = 0; i < labels.Count; i++)
                {
                    var c = Counts(counts, i);
                    tp += c.TruePositives;
                    fp += c.FalsePositives;
                    fn += c.FalseNegatives;
                }

                return Of(tp, fp, fn);
            }

            default:
            {
                double total = 0, weights = 0;
                for (var i = 0; i < labels.Count; i++)
                {
                    var (tp, fp, fn) = Counts(counts, i);
                    var weight = average == Average.Weighted ? tp + fn : 1.0;
                    total += weight * Of(tp, fp, fn);
                    weights += weight;
                }

                return weights == 0 ? 0.0 : total / weights;
            }
        }
    }

    private static (LabelSet<T> Labels, long[,] Counts) Confusion<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred)
        where T : notnull
    {
        LabelSet<T>.RequireSameLength(yTrue, yPred, nameof(yTrue), nameof(yPred));
        var labels = new LabelSet<T>(yTrue.Concat(yPred));
        var counts = new long[labels.Count, labels.Count];
        for (var i = 0; i < yTrue.Count; i++)
        {
            counts[labels.IndexOf(yTrue[i]), labels.IndexOf(yPred[i])]++;
        }

        return (labels, counts);
    }

    private static (long TruePositives, long FalsePositives, long FalseNegatives) Counts(long[,] counts, int index)
    {
        var tp = counts[index, index];
        long predicted = 0, actual = 0;
        for (var k = 0; k < counts.GetLength(0); k++)
        {
            predicted += counts[k, index];
            actual += counts[index, k];
        }

        return (tp, predicted - tp, actual - tp);
    }

    private static long RowSum(long[,] counts, int row)
    {
        long total = 0;
        for (var k = 0; k < counts.GetLength(1); k++)
        {
            total += counts[row, k];
        }

        return total;
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;

    /// <summary>scikit-learn's form: (1 + β²)·P·R / (β²·P + R), 0 when both are 0.</summary>
    private static double FScore(long tp, long fp, long fn, double beta)
    {
        var precision = Ratio(tp, tp + fp);
        var recall = Ratio(tp, tp + fn);
        var beta2 = beta * beta;
        var denominator = (beta2 * precision) + recall;
        return denominator == 0 ? 0.0 : (1 + beta2) * precision * recall / denominator;
    }

    private static string FormatLabel<T>(T label) => label is IFormattable formattable
        ? formattable.ToString(null, CultureInfo.InvariantCulture)
        : label?.ToString() ?? string.Empty;
}

/// <summary>Precision, recall, F1 and support of one class (or an average).</summary>
public sealed record ClassScores(string Label, double Precision, double Recall, double F1, long Support);

/// <summary>scikit-learn's <c>classification_report</c> as data: per-class rows, macro and weighted averages, accuracy.</summary>
public sealed record ClassificationReport(IReadOnlyList<ClassScores> Classes, ClassScores MacroAverage, ClassScores WeightedAverage, double Accuracy)
{
    public override string ToString()
    {
        var width = Math.Max(12, Classes.Max(c => c.Label.Length) + 2);
        string Line(ClassScores s) => string.Create(CultureInfo.InvariantCulture, $"{s.Label.PadLeft(width)} {s.Precision,9:F4} {s.Recall,9:F4} {s.F1,9:F4} {s.Support,9}");
        var lines = new List<string> { $"{string.Empty.PadLeft(width)} {"precision",9} {"recall",9} {"f1-score",9} {"support",9}" };
        lines.AddRange(Classes.Select(Line));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{"accuracy".PadLeft(width)} {string.Empty,9} {string.Empty,9} {Accuracy,9:F4} {MacroAverage.Support,9}"));
        lines.Add(Line(MacroAverage));
        lines.Add(Line(WeightedAverage));
        return string.Join('\n', lines);
    }
}
