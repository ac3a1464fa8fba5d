using System.Numerics;

namespace Workbench.Learning.Metrics;

public static partial class Metrics
{
    /// <summary>
    /// ROC curve of binary scores. The positive class is <paramref name="positiveLabel"/>, else 1 for {0, 1}
    /// or {−1, 1} labels (scikit-learn's rule).
    /// </summary>
    public static RocCurve RocCurve<TLabel, TScore>(IReadOnlyList<TLabel> yTrue, IReadOnlyList<TScore> scores, object? positiveLabel = null, bool dropIntermediate = true)
        where TLabel : notnull
        where TScore : INumberBase<TScore>
    {
        var positives = PositiveMask(yTrue, scores, positiveLabel, greaterByDefault: false);
        return BinaryRoc(positives, ToDoubles(scores), dropIntermediate);
    }

    /// <summary>Precision–recall curve of binary scores (same positive-class rule as <see cref="RocCurve"/>).</summary>
    public static PrecisionRecallCurve PrecisionRecallCurve<TLabel, TScore>(IReadOnlyList<TLabel> yTrue, IReadOnlyList<TScore> scores, object? positiveLabel = null)
        where TLabel : notnull
        where TScore : INumberBase<TScore>
    {
        var positives = PositiveMask(yTrue, scores, positiveLabel, greaterByDefault: false);
        return BinaryPrecisionRecall(positives, ToDoubles(scores));
    }

    /// <summary>Area under the ROC curve for binary scores; the positive class defaults to the greater label (as <c>roc_auc_score</c>).</summary>
    public static double RocAuc<TLabel, TScore>(IReadOnlyList<TLabel> yTrue, IReadOnlyList<TScore> scores, object? positiveLabel = null)
        where TLabel : notnull
        where TScore : INumberBase<TScore>
    {
        var positives = PositiveMask(yTrue, scores, positiveLabel, greaterByDefault: true);
        return BinaryRocAuc(positives, ToDoubles(scores));
    }

    /// <summary>
    /// One-vs-rest ROC AUC of class probabilities [n, classes] whose columns follow the sorted labels of
    /// <paramref name="yTrue"/> (or <paramref name="labels"/>): <c>roc_auc_score(multi_class="ovr")</c>.
    /// </summary>
    public static double RocAuc<T>(IReadOnlyList<T> yTrue, double[,] probabilities, Average average = Average.Macro, IReadOnlyList<T>? labels = null)
        where T : notnull => OneVsRest(yTrue, probabilities, average, labels, BinaryRocAuc, "ROC AUC");

    /// <summary>Average precision, <c>Σ (R_n − R_{n−1}) · P_n</c> (<c>average_precision_score</c>, no interpolation).</summary>
    public static double AveragePrecision<TLabel, TScore>(IReadOnlyList<TLabel> yTrue, IReadOnlyList<TScore> scores, object? positiveLabel = null)
        where TLabel : notnull
        where TScore : INumberBase<TScore>
    {
        var positives = PositiveMask(yTrue, scores, positiveLabel, greaterByDefault: false);
        return BinaryPrecisionRecall(positives, ToDoubles(scores)).AveragePrecision;
    }

    /// <summary>One-vs-rest average precision of class probabilities (scikit-learn on the label-binarised targets).</summary>
    public static double AveragePrecision<T>(IReadOnlyList<T> yTrue, double[,] probabilities, Average average = Average.Macro, IReadOnlyList<T>? labels = null)
        where T : notnull => OneVsRest(yTrue, probabilities, average, labels, (p, s) => BinaryPrecisionRecall(p, s).AveragePrecision, "average precision");

    /// <summary>Trapezoidal area under the precision–recall curve (<c>auc(recall, precision)</c>); <see cref="AveragePrecision{TLabel, TScore}"/> is usually preferred.</summary>
    public static double PrAuc<TLabel, TScore>(IReadOnlyList<TLabel> yTrue, IReadOnlyList<TScore> scores, object? positiveLabel = null)
        where TLabel : notnull
        where TScore : INumberBase<TScore>
    {
        var curve = PrecisionRecallCurve(yTrue, scores, positiveLabel);
        return Trapezoid(curve.Recall, curve.Precision);
    }

    /// <summary>Trapezoidal area under a curve with monotonic x (<c>sklearn.metrics.auc</c>).</summary>
    public static double Trapezoid(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        LabelSet<double>.RequireSameLength(x, y, nameof(x), nameof(y));
        var area = 0.0;
        for (var i = 1; i < x.Count; i++)
        {
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
        }

        return Math.Abs(area);
    }

    private static double BinaryRocAuc(bool[] positives, double[] scores)
    {
        if (positives.All(p => p) || !positives.Any(p => p))
        {
            throw new ArgumentException("Only one class present in yTrue; ROC AUC is not defined in that case.");
        }

        var curve = BinaryRoc(positives, scores, dropIntermediate: true);
        return Trapezoid(curve.FalsePositiveRate, curve.TruePositiveRate);
    }

    private static RocCurve BinaryRoc(bool[] positives, double[] scores, bool dropIntermediate)
    {
        var (fps, tps, thresholds) = BinaryCounts(positives, scores);
        if (dropIntermediate && fps.Length > 2)
        {
            var keep = new List<int> { 0 };
            for (var i = 1; i < fps.Length - 1; i++)
            {
                if ((fps[i + 1] - (2 * fps[i]) + fps[i - 1]) != 0 || (tps[i + 1] - (2 * tps[i]) + tps[i - 1]) != 0)
                {
                    keep.Add(i);
                }
            }

            keep.Add(fps.Length - 1);
            fps = keep.Select(i => fps[i]).ToArray();
            tps = keep.Select(i => tps[i]).ToArray();
            thresholds = keep.Select(i => thresholds[i]).ToArray();
        }

        var n = fps.Length + 1;
        var fpr = new double[n];
        var tpr = new double[n];
        var cut = new double[n];
        cut[0] = double.PositiveInfinity;
        double lastFp = fps[^1], lastTp = tps[^1];
        for (var i = 1; i < n; i++)
        {
            fpr[i] = lastFp <= 0 ? double.NaN : fps[i - 1] / lastFp;
            tpr[i] = lastTp <= 0 ? double.NaN : tps[i - 1] / lastTp;
            cut[i] = thresholds[i - 1];
        }

        fpr[0] = lastFp <= 0 ? double.NaN : 0.0;
        tpr[0] = lastTp <= 0 ? double.NaN : 0.0;
        return new RocCurve(fpr, tpr, cut, positives.Any(p => p) && !positives.All(p => p) ? Trapezoid(fpr, tpr) : double.NaN);
    }

    private static PrecisionRecallCurve BinaryPrecisionRecall(bool[] positives, double[] scores)
    {
        var (fps, tps, thresholds) = BinaryCounts(positives, scores);
        var n = tps.Length;
        var precision = new double[n + 1];
        var recall = new double[n + 1];
        var cut = new double[n];
        var lastTp = tps[^1];
        for (var i = 0; i < n; i++)
        {
            var reversed = n - 1 - i;
            var predicted = tps[reversed] + fps[reversed];
            precision[i] = predicted == 0 ? 0.0 : tps[reversed] / predicted;
            recall[i] = lastTp == 0 ? 1.0 : tps[reversed] / lastTp;
            cut[i] = thresholds[reversed];
        }

        precision[n] = 1.0;
        recall[n] = 0.0;
        var average = 0.0;
        for (var i = 0; i < n; i++)
        {
            average -= (recall[i + 1] - recall[i]) * precision[i];
        }

        return new PrecisionRecallCurve(precision, recall, cut, average);
    }

    /// <summary>scikit-learn's <c>_binary_clf_curve</c>: cumulative false and true positives at each distinct score, descending.</summary>
    private static (double[] Fps, double[] Tps, double[] Thresholds) BinaryCounts(bool[] positives, double[] scores)
    {
        if (scores.Any(double.IsNaN))
        {
            throw new ArgumentException($"Scores contain NaN (first at index {Array.FindIndex(scores, double.IsNaN)}).");
        }

        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var fps = new List<double>();
        var tps = new List<double>();
        var thresholds = new List<double>();
        double tp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (positives[order[k]])
            {
                tp++;
            }

            if (k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]])
            {
                tps.Add(tp);
                fps.Add(k + 1 - tp);
                thresholds.Add(scores[order[k]]);
            }
        }

        return (fps.ToArray(), tps.ToArray(), thresholds.ToArray());
    }

    private static double OneVsRest<T>(IReadOnlyList<T> yTrue, double[,] probabilities, Average average, IReadOnlyList<T>? labels, Func<bool[], double[], double> score, string metric)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var classes = ClassesFor(yTrue, probabilities, labels, metric);
        var n = yTrue.Count;
        if (average == Average.Micro)
        {
            var flatPositives = new bool[n * classes.Count];
            var flatScores = new double[n * classes.Count];
            for (var i = 0; i < n; i++)
            {
                var truth = classes.IndexOf(yTrue[i]);
                for (var c = 0; c < classes.Count; c++)
                {
                    flatPositives[(i * classes.Count) + c] = truth == c;
                    flatScores[(i * classes.Count) + c] = probabilities[i, c];
                }
            }

            return score(flatPositives, flatScores);
        }

        if (average == Average.Binary)
        {
            throw new ArgumentException($"One-vs-rest {metric} averages with Macro, Weighted or Micro, not Binary.", nameof(average));
        }

        double total = 0, weights = 0;
        for (var c = 0; c < classes.Count; c++)
        {
            var positives = new bool[n];
            var column = new double[n];
            var support = 0;
            for (var i = 0; i < n; i++)
            {
                positives[i] = classes.IndexOf(yTrue[i]) == c;
                support += positives[i] ? 1 : 0;
                column[i] = probabilities[i, c];
            }

            var weight = average == Average.Weighted ? support : 1.0;
            if (weight == 0)
            {
                continue;
            }

            total += weight * score(positives, column);
            weights += weight;
        }

        return total / weights;
    }

    private static LabelSet<T> ClassesFor<T>(IReadOnlyList<T> yTrue, double[,] probabilities, IReadOnlyList<T>? labels, string metric)
        where T : notnull
    {
        LabelSet<T>.RequireSameLength(yTrue, Enumerable.Range(0, probabilities.GetLength(0)).ToArray(), nameof(yTrue), "probability rows");
        var classes = new LabelSet<T>(labels ?? yTrue);
        if (probabilities.GetLength(1) != classes.Count)
        {
            throw new ArgumentException(
                $"{metric}: probabilities have {probabilities.GetLength(1)} columns but there are {classes.Count} classes [{string.Join(", ", classes.Labels)}]; pass labels= to name the columns.");
        }

        foreach (var label in yTrue)
        {
            classes.IndexOf(label);
        }

        return classes;
    }

    private static bool[] PositiveMask<TLabel, TScore>(IReadOnlyList<TLabel> yTrue, IReadOnlyList<TScore> scores, object? positiveLabel, bool greaterByDefault)
        where TLabel : notnull
    {
        LabelSet<TLabel>.RequireSameLength(yTrue, scores, nameof(yTrue), nameof(scores));
        var labels = new LabelSet<TLabel>(yTrue);
        if (labels.Count > 2)
        {
            throw new ArgumentException($"Binary scores need at most two classes; yTrue has {labels.Count}. Pass class probabilities [n, classes] for one-vs-rest.");
        }

        var positive = positiveLabel is null && greaterByDefault ? labels.Labels[^1] : labels.PositiveLabel(positiveLabel);
        var comparer = EqualityComparer<TLabel>.Default;
        return yTrue.Select(y => comparer.Equals(y, positive)).ToArray();
    }

    private static double[] ToDoubles<TScore>(IReadOnlyList<TScore> values)
        where TScore : INumberBase<TScore> => values.Select(double.CreateChecked).ToArray();
}
