namespace Workbench.Monitoring.Models;

/// <summary>What the model does: decides the metrics.</summary>
public enum ModelTask
{
    /// <summary>Two classes; with scores or probabilities: accuracy at 0.5, ROC AUC, F1; with labels: accuracy, F1.</summary>
    BinaryClassification,

    /// <summary>More classes: accuracy.</summary>
    MulticlassClassification,

    /// <summary>A number: RMSE and MAE.</summary>
    Regression,
}

/// <summary>One metric on the current data against its baseline value.</summary>
/// <param name="Metric">accuracy, roc_auc, f1, rmse, mae.</param>
/// <param name="Baseline">The value on the reference (or validation) data; NaN when unknown.</param>
/// <param name="Current">The value on the current data's labelled rows.</param>
/// <param name="HigherIsBetter">True for accuracy, AUC, F1; false for errors.</param>
public sealed record MetricComparison(string Metric, double Baseline, double Current, bool HigherIsBetter)
{
    /// <summary>How much worse the current value is (positive: worse; 0 when the baseline is unknown). For errors, relative to the baseline error.</summary>
    public double Degradation =>
        double.IsNaN(Baseline) || double.IsNaN(Current) ? 0
        : HigherIsBetter ? Baseline - Current
        : Baseline == 0 ? Current - Baseline : (Current - Baseline) / Baseline;
}

/// <summary>Model quality on the rows of a batch whose ground truth is known.</summary>
public sealed record ModelQualityResult(ModelTask Task, long LabelledRows, long Rows, IReadOnlyList<MetricComparison> Metrics)
{
    /// <summary>The metric called <paramref name="name"/>, or null.</summary>
    public MetricComparison? this[string name] => Metrics.FirstOrDefault(m => m.Metric == name);

    /// <summary>The largest degradation over the metrics.</summary>
    public MetricComparison? Worst => Metrics.Where(m => !double.IsNaN(m.Current)).MaxBy(m => m.Degradation);
}
