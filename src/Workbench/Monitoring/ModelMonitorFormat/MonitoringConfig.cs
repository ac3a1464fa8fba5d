namespace Workbench.Monitoring.ModelMonitorFormat;

/// <summary>How a numeric distribution is compared with the baseline's (constraints.json <c>comparison_method</c>).</summary>
public enum DistributionComparison
{
    /// <summary><c>linf_simple</c>: the L-infinity distance between the two CDFs against the threshold.</summary>
    Simple,

    /// <summary>
    /// <c>linf_robust</c>: the same distance, flagged only when it also exceeds the two-sample Kolmogorov-Smirnov critical
    /// value at α = 0.05, c(α) √((n + m) / (n m)) with c(α) = √(-ln(α/2) / 2) ≈ 1.358: for small samples the distance
    /// alone is mostly noise. This is Workbench's reading of AWS's description ("based on linf_simple, used when there
    /// are not enough samples; based on the two-sample Kolmogorov-Smirnov test").
    /// </summary>
    Robust,
}

/// <summary>How a categorical distribution is compared (constraints.json <c>categorical_drift_method</c>).</summary>
public enum CategoricalComparison
{
    /// <summary>The largest absolute difference between the label shares.</summary>
    LInfinity,

    /// <summary>Pearson's chi-square test of the current counts against the baseline shares; the distance reported is 1 - p.</summary>
    ChiSquared,
}

/// <summary>constraints.json's <c>monitoring_config</c>: which checks run and their thresholds.</summary>
public sealed record MonitoringConfig
{
    public bool EvaluateConstraints { get; init; } = true;

    public bool EmitMetrics { get; init; } = true;

    /// <summary>The share of present values that must match the inferred type (1.0: every value).</summary>
    public double DatatypeCheckThreshold { get; init; } = 1.0;

    /// <summary>The share of present values that must fall in a feature's domain (1.0: every value).</summary>
    public double DomainContentThreshold { get; init; } = 1.0;

    /// <summary>Whether baseline_drift_check runs.</summary>
    public bool PerformComparison { get; init; } = true;

    /// <summary>The L-infinity distance above which a numeric feature drifts.</summary>
    public double ComparisonThreshold { get; init; } = 0.1;

    public DistributionComparison ComparisonMethod { get; init; } = DistributionComparison.Robust;

    /// <summary>The distance above which a categorical feature drifts.</summary>
    public double CategoricalComparisonThreshold { get; init; } = 0.1;

    public CategoricalComparison CategoricalDriftMethod { get; init; } = CategoricalComparison.LInfinity;
}
