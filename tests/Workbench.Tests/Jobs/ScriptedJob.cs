using Workbench.Jobs;

namespace Workbench.Tests.Jobs;

/// <summary>A job whose backend answers with the given states in turn (the last one repeats).</summary>
internal sealed class ScriptedJob(params JobState[] states) : TrackedJob("readmission-1", "Training job", "scripted")
{
    private int _next;

    public int Fetches => _next;

    protected override Task<JobState> FetchAsync(CancellationToken cancellationToken) =>
        Task.FromResult(states[Math.Min(_next++, states.Length - 1)]);

    public static JobState Reported(string status, string? secondary = null, bool terminal = false, DateTimeOffset? created = null) => new()
    {
        Status = status,
        SecondaryStatus = secondary,
        IsTerminal = terminal,
        IsFailure = status == "Failed",
        CreatedAt = created ?? new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero),
    };
}
