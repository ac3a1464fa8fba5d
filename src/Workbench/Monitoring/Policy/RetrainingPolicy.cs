using Workbench.Monitoring.Quality;

namespace Workbench.Monitoring.Policy;

/// <summary>
/// Three tiers with configurable thresholds, evaluated on every report (the strongest signal wins):
/// <list type="bullet">
/// <item><b>Escalate</b> when the data is broken for the model (a critical quality failure: a column missing, emptied or
/// of the wrong type, an empty batch), when <see cref="EscalateMajorFailures"/> or more major quality checks fail at
/// once (missing values, out-of-range values in several columns), when at least <see cref="EscalateDriftShare"/> of the
/// features drift (the population changed wholesale), or when a model metric degrades by <see cref="EscalateMetricDrop"/>.</item>
/// <item><b>Retrain</b> when at least <see cref="RetrainDriftShare"/> of the features drift, the prediction drifts, the
/// domain classifier separates the batch from the reference, a metric degrades by <see cref="RetrainMetricDrop"/>, or
/// any other quality check fails (new categories, fewer major failures).</item>
/// <item><b>None</b> otherwise.</item>
/// </list>
/// </summary>
public sealed record RetrainingPolicy
{
    /// <summary>Share of drifted features from which to retrain.</summary>
    public double RetrainDriftShare { get; init; } = 0.25;

    /// <summary>Share of drifted features from which to escalate.</summary>
    public double EscalateDriftShare { get; init; } = 0.75;

    /// <summary>Major quality failures from which to escalate (fewer retrain).</summary>
    public int EscalateMajorFailures { get; init; } = 3;

    /// <summary>Whether a critical quality failure escalates.</summary>
    public bool EscalateOnCritical { get; init; } = true;

    /// <summary>Whether minor quality failures (new categories, a constant column, duplicates, extra columns) retrain.</summary>
    public bool RetrainOnMinorFailures { get; init; } = true;

    /// <summary>Whether a drifting prediction retrains.</summary>
    public bool RetrainOnPredictionDrift { get; init; } = true;

    /// <summary>Whether multivariate drift (the domain classifier) retrains.</summary>
    public bool RetrainOnMultivariateDrift { get; init; } = true;

    /// <summary>Metric degradation (absolute for accuracy / AUC / F1, relative for errors) from which to retrain.</summary>
    public double RetrainMetricDrop { get; init; } = 0.02;

    /// <summary>Metric degradation from which to escalate.</summary>
    public double EscalateMetricDrop { get; init; } = 0.10;

    /// <summary>Labelled rows needed before a metric counts.</summary>
    public int MinimumLabelledRows { get; init; } = 50;

    public RetrainingDecision Evaluate(MonitoringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var evidence = new List<PolicyEvidence>();
        var quality = report.Quality;
        if (EscalateOnCritical && quality.Critical > 0)
        {
            var failures = quality.Failures.Where(f => f.Severity == QualitySeverity.Critical).ToList();
            evidence.Add(new PolicyEvidence("quality_critical", quality.Critical, 1, RetrainingTier.Escalate,
                $"{quality.Critical} critical data-quality failure{Plural(quality.Critical)}: {Describe(failures)}"));
        }

        if (quality.Major > 0)
        {
            var failures = quality.Failures.Where(f => f.Severity == QualitySeverity.Major).ToList();
            var tier = quality.Major >= EscalateMajorFailures ? RetrainingTier.Escalate : RetrainingTier.Retrain;
            evidence.Add(new PolicyEvidence("quality_major", quality.Major, EscalateMajorFailures, tier,
                $"{quality.Major} major data-quality failure{Plural(quality.Major)} ({(tier == RetrainingTier.Escalate ? "at least" : "fewer than")} {EscalateMajorFailures}): {Describe(failures)}"));
        }

        if (RetrainOnMinorFailures && quality.Minor > 0)
        {
            var failures = quality.Failures.Where(f => f.Severity == QualitySeverity.Minor).ToList();
            evidence.Add(new PolicyEvidence("quality_minor", quality.Minor, 1, RetrainingTier.Retrain,
                $"{quality.Minor} minor data-quality failure{Plural(quality.Minor)}: {Describe(failures)}"));
        }

        var drift = report.Drift;
        if (drift.TestedFeatures.Count > 0)
        {
            var share = drift.DriftShare;
            var drifted = string.Join(", ", drift.Ordered.Where(c => c.Drifted && c.Role == Baselines.ColumnRole.Feature).Take(6).Select(c => c.Column));
            if (share >= EscalateDriftShare)
            {
                evidence.Add(new PolicyEvidence("drift_share", share, EscalateDriftShare, RetrainingTier.Escalate,
                    $"{drift.DriftedFeatures} of {drift.TestedFeatures.Count} features drifted ({share:P0} ≥ {EscalateDriftShare:P0}): {drifted}"));
            }
            else if (share >= RetrainDriftShare)
            {
                evidence.Add(new PolicyEvidence("drift_share", share, RetrainDriftShare, RetrainingTier.Retrain,
                    $"{drift.DriftedFeatures} of {drift.TestedFeatures.Count} features drifted ({share:P0} ≥ {RetrainDriftShare:P0}): {drifted}"));
            }
        }

        if (RetrainOnPredictionDrift && drift.Prediction is { Tested: true, Drifted: true } prediction)
        {
            evidence.Add(new PolicyEvidence("prediction_drift", prediction.Score, prediction.Threshold, RetrainingTier.Retrain,
                $"the prediction '{prediction.Column}' drifted ({prediction.MethodName} {prediction.Score:G3})"));
        }

        if (RetrainOnMultivariateDrift && report.Multivariate is { Tested: true, Drifted: true } multivariate)
        {
            evidence.Add(new PolicyEvidence("multivariate_drift", multivariate.RocAuc, multivariate.Threshold, RetrainingTier.Retrain,
                $"a domain classifier tells the batch from the reference (ROC AUC {multivariate.RocAuc:F3} ≥ {multivariate.Threshold:F2})"));
        }

        if (report.ModelQuality is { } model && model.LabelledRows >= MinimumLabelledRows)
        {
            foreach (var metric in model.Metrics.Where(m => !double.IsNaN(m.Baseline) && !double.IsNaN(m.Current)))
            {
                var drop = metric.Degradation;
                var tier = drop >= EscalateMetricDrop ? RetrainingTier.Escalate : drop >= RetrainMetricDrop ? RetrainingTier.Retrain : RetrainingTier.None;
                if (tier != RetrainingTier.None)
                {
                    evidence.Add(new PolicyEvidence($"metric:{metric.Metric}", drop, tier == RetrainingTier.Escalate ? EscalateMetricDrop : RetrainMetricDrop, tier,
                        $"{metric.Metric} fell from {metric.Baseline:F3} to {metric.Current:F3} on {model.LabelledRows} labelled rows"));
                }
            }
        }

        var decided = evidence.Count == 0 ? RetrainingTier.None : evidence.Max(e => e.Tier);
        return new RetrainingDecision(decided, evidence.OrderByDescending(e => e.Tier).ToList());
    }

    private static string Describe(IReadOnlyList<QualityCheck> failures) =>
        string.Join("; ", failures.Take(4).Select(f => f.Column is null ? f.Description : $"{f.Column}: {f.Description}")) + (failures.Count > 4 ? "; ..." : "");

    private static string Plural(int count) => count == 1 ? "" : "s";
}
