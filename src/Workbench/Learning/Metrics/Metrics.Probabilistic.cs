using System.Numerics;

namespace Workbench.Learning.Metrics;

public static partial class Metrics
{
    /// <summary>
    /// Mean negative log-likelihood of class probabilities [n, classes] (columns in sorted label order, or
    /// <paramref name="labels"/>): <c>log_loss</c> — probabilities clipped to [ε, 1 − ε] with ε the float64
    /// machine epsilon and rows renormalised.
    /// </summary>
    public static double LogLoss<T>(IReadOnlyList<T> yTrue, double[,] probabilities, IReadOnlyList<T>? labels = null)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var classes = ClassesFor(yTrue, probabilities, labels, "log loss");
        if (classes.Count < 2)
        {
            throw new ArgumentException($"yTrue contains only one label ({classes.Labels[0]}); pass labels= with every class.");
        }

        var total = 0.0;
        for (var i = 0; i < yTrue.Count; i++)
        {
            var rowSum = 0.0;
            for (var c = 0; c < classes.Count; c++)
            {
                rowSum += Clip(probabilities[i, c]);
            }

            total -= Math.Log(Clip(probabilities[i, classes.IndexOf(yTrue[i])]) / rowSum);
        }

        return total / yTrue.Count;
    }

    /// <summary>Log loss of binary predictions given as the probability of the greater label (or <paramref name="positiveLabel"/>).</summary>
    public static double LogLoss<TLabel, TScore>(IReadOnlyList<TLabel> yTrue, IReadOnlyList<TScore> positiveProbabilities, object? positiveLabel = null)
        where TLabel : notnull
        where TScore : INumberBase<TScore>
    {
        var positives = PositiveMask(yTrue, positiveProbabilities, positiveLabel, greaterByDefault: true);
        var total = 0.0;
        for (var i = 0; i < positives.Length; i++)
        {
            // As log_loss: clip the positive column, then the negative one is its complement.
            var p = Clip(double.CreateChecked(positiveProbabilities[i]));
            total -= Math.Log(positives[i] ? p : 1.0 - p);
        }

        return total / positives.Length;
    }

    /// <summary>Mean squared difference between the positive-class probability and the outcome (<c>brier_score_loss</c>; positive = greater label unless named).</summary>
    public static double BrierScore<TLabel, TScore>(IReadOnlyList<TLabel> yTrue, IReadOnlyList<TScore> positiveProbabilities, object? positiveLabel = null)
        where TLabel : notnull
        where TScore : INumberBase<TScore>
    {
        var positives = PositiveMask(yTrue, positiveProbabilities, positiveLabel, greaterByDefault: true);
        var total = 0.0;
        for (var i = 0; i < positives.Length; i++)
        {
            var d = double.CreateChecked(positiveProbabilities[i]) - (positives[i] ? 1.0 : 0.0);
            total += d * d;
        }

        return total / positives.Length;
    }

    /// <summary>
    /// Multi-class Brier score (Brier, 1950): mean over rows of Σ_c (p_c − 1[y = c])², in [0, 2]. scikit-learn 1.2
    /// has no multi-class form; for two classes this is twice <see cref="BrierScore{TLabel, TScore}"/>.
    /// </summary>
    public static double BrierScore<T>(IReadOnlyList<T> yTrue, double[,] probabilities, IReadOnlyList<T>? labels = null)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var classes = ClassesFor(yTrue, probabilities, labels, "Brier score");
        var total = 0.0;
        for (var i = 0; i < yTrue.Count; i++)
        {
            var truth = classes.IndexOf(yTrue[i]);
            for (var c = 0; c < classes.Count; c++)
            {
                var d = probabilities[i, c] - (c == truth ? 1.0 : 0.0);
                total += d * d;
            }
        }

        return total / yTrue.Count;
    }

    /// <summary>
    /// Reliability of binary probabilities: <paramref name="bins"/> bins cut as <c>calibration_curve</c> does
    /// (uniform: (k/B, (k+1)/B] with the first bin closed at 0; quantile: edges at the predictions' quantiles);
    /// ECE = Σ_bins (n_b / n) · |fraction of positives − mean prediction|.
    /// </summary>
    public static CalibrationCurve CalibrationCurve<TLabel, TScore>(IReadOnlyList<TLabel> yTrue, IReadOnlyList<TScore> positiveProbabilities, int bins = 10, CalibrationBinning binning = CalibrationBinning.Uniform, object? positiveLabel = null)
        where TLabel : notnull
        where TScore : INumberBase<TScore>
    {
        var positives = PositiveMask(yTrue, positiveProbabilities, positiveLabel, greaterByDefault: true);
        var p = ToDoubles(positiveProbabilities);
        if (p.Any(v => v is < 0 or > 1 || double.IsNaN(v)))
        {
            throw new ArgumentException($"Probabilities must be in [0, 1]; index {Array.FindIndex(p, v => v is < 0 or > 1 || double.IsNaN(v))} is not.");
        }

        return Reliability(positives.Select(b => b ? 1.0 : 0.0).ToArray(), p, bins, binning);
    }

    /// <summary>Binary expected calibration error (see <see cref="CalibrationCurve{TLabel, TScore}"/> for the binning).</summary>
    public static double ExpectedCalibrationError<TLabel, TScore>(IReadOnlyList<TLabel> yTrue, IReadOnlyList<TScore> positiveProbabilities, int bins = 10, CalibrationBinning binning = CalibrationBinning.Uniform, object? positiveLabel = null)
        where TLabel : notnull
        where TScore : INumberBase<TScore> =>
        CalibrationCurve(yTrue, positiveProbabilities, bins, binning, positiveLabel).ExpectedCalibrationError;

    /// <summary>
    /// Top-label expected calibration error of class probabilities (Guo et al., 2017): each row's confidence is
    /// its largest probability and its outcome whether that class is the true one; the same bins as the binary form.
    /// </summary>
    public static double ExpectedCalibrationError<T>(IReadOnlyList<T> yTrue, double[,] probabilities, int bins = 10, CalibrationBinning binning = CalibrationBinning.Uniform, IReadOnlyList<T>? labels = null)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var classes = ClassesFor(yTrue, probabilities, labels, "expected calibration error");
        var confidence = new double[yTrue.Count];
        var correct = new double[yTrue.Count];
        for (var i = 0; i < yTrue.Count; i++)
        {
            var best = 0;
            for (var c = 1; c < classes.Count; c++)
            {
                if (probabilities[i, c] > probabilities[i, best])
                {
                    best = c;
                }
            }

            confidence[i] = probabilities[i, best];
            correct[i] = classes.IndexOf(yTrue[i]) == best ? 1.0 : 0.0;
        }

        return Reliability(correct, confidence, bins, binning).ExpectedCalibrationError;
    }

    private static CalibrationCurve Reliability(double[] outcomes, double[] predictions, int bins, CalibrationBinning binning)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        var edges = binning == CalibrationBinning.Uniform
            ? Enumerable.Range(0, bins + 1).Select(k => (double)k / bins).ToArray()
            : Enumerable.Range(0, bins + 1).Select(k => Percentile(predictions, 100.0 * k / bins)).ToArray();
        var inner = edges[1..^1];
        var sums = new double[bins];
        var outcomeSums = new double[bins];
        var counts = new int[bins];
        for (var i = 0; i < predictions.Length; i++)
        {
            // searchsorted(inner, p, side="left"): the number of inner edges strictly below p.
            var bin = 0;
            while (bin < inner.Length && inner[bin] < predictions[i])
            {
                bin++;
            }

            sums[bin] += predictions[i];
            outcomeSums[bin] += outcomes[i];
            counts[bin]++;
        }

        var used = Enumerable.Range(0, bins).Where(b => counts[b] > 0).ToArray();
        var fraction = used.Select(b => outcomeSums[b] / counts[b]).ToArray();
        var mean = used.Select(b => sums[b] / counts[b]).ToArray();
        var ece = used.Select((b, k) => (double)counts[b] / predictions.Length * Math.Abs(fraction[k] - mean[k])).Sum();
        return new CalibrationCurve(fraction, mean, used.Select(b => counts[b]).ToArray(), ece);
    }

    /// <summary>NumPy's default (linear) percentile.</summary>
    private static double Percentile(double[] values, double percent)
    {
        var sorted = values.Order().ToArray();
        var position = percent / 100.0 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    private static double Clip(double p) => Math.Clamp(p, 2.220446049250313e-16, 1.0 - 2.220446049250313e-16);
}
