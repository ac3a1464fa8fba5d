namespace Workbench.SageMaker.Aws;

/// <summary>How a client retries throttled and transient failures: jittered exponential backoff.</summary>
/// <remarks>
/// The defaults follow the AWS SDKs' standard retry mode: 3 attempts in all, a base delay that doubles per
/// attempt with full jitter, capped at 20 seconds.
/// </remarks>
public sealed record AwsRetryOptions
{
    /// <summary>Attempts in all, the first included; 1 turns retries off.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The limit for one attempt, from sending to the last byte of the response.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);
}
