namespace Workbench.Monitoring.Capture;

/// <summary>A capture line that was skipped (or read with a fallback), with its file and 1-based line number.</summary>
public sealed record CaptureIssue(string File, int Line, string Message, bool Skipped = true)
{
    public override string ToString() => $"{File}:{Line}: {Message}{(Skipped ? " (skipped)" : "")}";
}
