namespace Workbench.Learning.Metrics;

/// <summary>
/// A ROC curve as <c>sklearn.metrics.roc_curve</c> returns it (collinear points dropped), with its area.
/// <see cref="Thresholds"/>[0] is +∞ (scikit-learn ≥ 1.3; 1.2 wrote max score + 1): the point (0, 0) where nothing is predicted positive.
/// </summary>
public sealed record RocCurve(double[] FalsePositiveRate, double[] TruePositiveRate, double[] Thresholds, double Auc);

/// <summary>
/// A precision–recall curve as <c>sklearn.metrics.precision_recall_curve</c> returns it: recall decreasing,
/// ending at (recall 0, precision 1), one threshold fewer than points; with the average precision (step integral).
/// </summary>
public sealed record PrecisionRecallCurve(double[] Precision, double[] Recall, double[] Thresholds, double AveragePrecision);

/// <summary>
/// A reliability diagram (<c>sklearn.calibration.calibration_curve</c>): per non-empty bin, the observed
/// frequency of the positive class, the mean predicted probability and the number of samples.
/// </summary>
public sealed record CalibrationCurve(double[] FractionOfPositives, double[] MeanPredictedProbability, int[] Counts, double ExpectedCalibrationError);

/// <summary>How calibration bins are cut: equal widths on [0, 1], or equal counts (quantiles of the predictions).</summary>
public enum CalibrationBinning
{
    Uniform,
    Quantile,
}
