namespace Workbench.Jobs;

/// <summary>
/// What a backend reports about a job at one moment. <see cref="Transitions"/> is the backend's own history when it
/// keeps one (SageMaker's <c>SecondaryStatusTransitions</c>); otherwise <see cref="TrackedJob"/> builds it from the
/// changes it observes between refreshes.
/// </summary>
public sealed record JobState
{
    public required string Status { get; init; }

    public string? SecondaryStatus { get; init; }

    public string? Message { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>The job has reached a state it will not leave by itself (Completed, Failed, Stopped, InService, ...).</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Ended in failure (Failed, or an endpoint that went OutOfService).</summary>
    public bool IsFailure { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Seconds the backend bills for (SageMaker's <c>BillableTimeInSeconds</c>); null when it does not say.</summary>
    public double? BillableSeconds { get; init; }

    public IReadOnlyList<JobStatusTransition>? Transitions { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<JobMetricPoint>>? Metrics { get; init; }

    /// <summary>Other facts worth showing: the model artifact, the endpoint URL, the variants and their weights.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
