using Workbench.Monitoring.Drift;
using Workbench.Monitoring.Multivariate;
using Workbench.Monitoring.Quality;

namespace Workbench.Monitoring;

/// <summary>Everything a <see cref="ModelMonitor"/> check runs with.</summary>
public sealed record MonitorOptions
{
    public DriftOptions Drift { get; init; } = new();

    public QualityOptions Quality { get; init; } = new();

    /// <summary>The domain classifier's settings; null leaves multivariate drift out.</summary>
    public DomainClassifierOptions? DomainClassifier { get; init; } = new();

    /// <summary>Windows with fewer rows are listed but not tested.</summary>
    public int MinimumWindowRows { get; init; } = 30;
}
