namespace Workbench.Serving.Capture;

/// <summary>
/// SageMaker-style data capture: a sampled percentage of requests and responses written as JSON Lines under
/// <c>Destination/endpoint/variant/yyyy/MM/dd/HH/</c>.
/// </summary>
public sealed record DataCaptureOptions(string Destination)
{
    /// <summary>The share of requests captured, 0–100.</summary>
    public double SamplingPercentage { get; init; } = 100;

    /// <summary>Capture requests (INPUT) and responses (OUTPUT).</summary>
    public bool CaptureInput { get; init; } = true;

    public bool CaptureOutput { get; init; } = true;

    /// <summary>How many records may wait for the writer; beyond it new records are dropped (and counted) rather than slowing requests.</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Whether the writer forces each batch to disk (fsync), not only to the OS.</summary>
    public bool FlushToDisk { get; init; }
}
