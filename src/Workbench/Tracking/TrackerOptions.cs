namespace Workbench.Tracking;

/// <summary>How a <see cref="Tracker"/> buffers metrics and what it records about the environment.</summary>
public sealed record TrackerOptions
{
    /// <summary>
    /// Metrics waiting to be written. When the writer falls this far behind, <c>LogMetric</c> waits for room
    /// rather than dropping data (backpressure, never loss).
    /// </summary>
    public int MetricQueueCapacity { get; init; } = 200_000;

    /// <summary>The most metrics written in one transaction.</summary>
    public int MetricBatchSize { get; init; } = 20_000;

    /// <summary>How long metrics may wait before the background writer stores them (sooner when many are queued).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Record git commit / branch / dirty, .NET, OS, machine, CPU count and Workbench package versions as run tags.</summary>
    public bool CaptureEnvironment { get; init; } = true;
}
