using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Drift;
using Workbench.Monitoring.Models;
using Workbench.Monitoring.Multivariate;
using Workbench.Monitoring.Policy;
using Workbench.Monitoring.Quality;
using Workbench.Monitoring.Windows;

namespace Workbench.Monitoring;

/// <summary>
/// One check of a batch against a baseline: per-column drift, data quality and Model Monitor's constraint
/// violations, prediction drift and model quality, multivariate drift, a time series of windows, and the
/// retraining policy's decision with the action taken. Renders inline in notebooks (Workbench.Extension), saves
/// as report.json and constraint_violations.json (<see cref="Save"/>), and draws its figures with
/// <c>Workbench.Data.Plots</c>.
/// </summary>
public sealed partial class MonitoringReport
{
    internal MonitoringReport(string name, Baseline baseline, int rows, int columns, DataDriftResult drift, DataQualityResult quality)
    {
        Name = name;
        Baseline = baseline;
        Rows = rows;
        Columns = columns;
        Drift = drift;
        Quality = quality;
    }

    /// <summary>What was checked (a batch name, a file, a capture folder).</summary>
    public string Name { get; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public Baseline Baseline { get; }

    /// <summary>Rows in the current data.</summary>
    public int Rows { get; }

    /// <summary>Columns in the current data (metadata of capture left out).</summary>
    public int Columns { get; }

    public DataDriftResult Drift { get; }

    public DataQualityResult Quality { get; }

    /// <summary>Model quality on labelled rows, when the batch has ground truth and predictions.</summary>
    public ModelQualityResult? ModelQuality { get; init; }

    /// <summary>The domain classifier's verdict, unless it was switched off.</summary>
    public MultivariateDriftResult? Multivariate { get; init; }

    /// <summary>Window-by-window results, for checks over time.</summary>
    public DriftTimeSeries? TimeSeries { get; init; }

    /// <summary>What was read from data capture, for checks of capture folders.</summary>
    public CaptureSummary? Capture { get; init; }

    /// <summary>The retraining policy's decision.</summary>
    public RetrainingDecision Decision { get; internal set; } = new(RetrainingTier.None, []);

    /// <summary>What was done about the decision (the callback's answer, or that none was registered).</summary>
    public string? ActionTaken { get; internal set; }

    /// <summary>The tracking run that recorded this report, when a tracker was given.</summary>
    public string? RunId { get; internal set; }

    public RetrainingTier Tier => Decision.Tier;

    public override string ToString() =>
        $"{Name}: {Drift}; {Quality}; decision {Decision}";
}
