namespace Workbench.SageMaker.Waiters;

/// <summary>A waiter reached a failure state (e.g. the training job failed); <see cref="Reason"/> says why when the service said.</summary>
public sealed class WaiterFailedException(string waiter, string resource, string matched, string? reason, int attempts)
    : Exception($"Waiter {waiter} for {resource} stopped in a failure state after {attempts} attempt{(attempts == 1 ? string.Empty : "s")}: {matched}" +
        (reason is null ? string.Empty : $". Reason: {reason}"))
{
    public string Waiter { get; } = waiter;

    public string Resource { get; } = resource;

    public string? Reason { get; } = reason;

    public int Attempts { get; } = attempts;
}

/// <summary>A waiter used all its attempts without reaching success or failure.</summary>
public sealed class WaiterTimeoutException(string waiter, string resource, int attempts, TimeSpan elapsed, string? lastState)
    : TimeoutException($"Waiter {waiter} for {resource} gave up after {attempts} attempts ({elapsed.TotalSeconds:0} s); last state: {lastState ?? "unknown"}.")
{
    public string Waiter { get; } = waiter;

    public int Attempts { get; } = attempts;
}
