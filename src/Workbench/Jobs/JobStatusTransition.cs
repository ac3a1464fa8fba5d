namespace Workbench.Jobs;

/// <summary>One step of a job's life: when it began, the status and detailed (secondary) status, and what the service said.</summary>
public sealed record JobStatusTransition(DateTimeOffset Time, string Status, string? SecondaryStatus, string? Message)
{
    /// <summary>When the next step began, or null for the current one.</summary>
    public DateTimeOffset? EndTime { get; init; }
}

/// <summary>One value of a job metric (a training loss at an epoch, invocations in a minute).</summary>
public sealed record JobMetricPoint(DateTimeOffset Time, double Value, long? Step);
