namespace Workbench.Tracking;

/// <summary>A run's attributes: identity, place in the experiment tree, status and times.</summary>
public sealed record RunInfo(
    string RunId,
    string Name,
    long ExperimentId,
    string ExperimentName,
    string? ParentRunId,
    RunStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime)
{
    /// <summary>Whether the run ended (finished, failed or killed). A run left <c>Running</c> by a killed process is not.</summary>
    public bool IsEnded => Status != RunStatus.Running;

    public TimeSpan? Duration => EndTime - StartTime;
}
