namespace Workbench.Tracking;

/// <summary>The lifecycle of a run, as MLflow names it.</summary>
public enum RunStatus
{
    /// <summary>Started and not ended. A process killed outright leaves its runs here: readers show them as not finished.</summary>
    Running,

    /// <summary>Ended normally.</summary>
    Finished,

    /// <summary>The code threw, or the run was disposed without <c>End()</c>.</summary>
    Failed,

    /// <summary>Stopped from outside: interrupted, or the process was asked to terminate.</summary>
    Killed,
}

/// <summary>Conversions between <see cref="RunStatus"/> and its stored / filter spelling (upper case, as MLflow).</summary>
public static class RunStatusText
{
    public static string ToText(this RunStatus status) => status switch
    {
        RunStatus.Running => "RUNNING",
        RunStatus.Finished => "FINISHED",
        RunStatus.Failed => "FAILED",
        RunStatus.Killed => "KILLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static RunStatus Parse(string text) => TryParse(text, out var status)
        ? status
        : throw new FormatException($"'{text}' is not a run status (RUNNING, FINISHED, FAILED, KILLED).");

    public static bool TryParse(string? text, out RunStatus status)
    {
        status = default;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "RUNNING": status = RunStatus.Running; return true;
            case "FINISHED": status = RunStatus.Finished; return true;
            case "FAILED": status = RunStatus.Failed; return true;
            case "KILLED": status = RunStatus.Killed; return true;
            default: return false;
        }
    }
}
