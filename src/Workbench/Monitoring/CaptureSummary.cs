using Workbench.Monitoring.Capture;

namespace Workbench.Monitoring;

/// <summary>What was read from data capture for a report: files, lines, records, and the skipped lines with their file and line.</summary>
public sealed record CaptureSummary(int Files, long Lines, long Records, int SkippedLines, int IssueCount, IReadOnlyList<CaptureIssue> Issues)
{
    public static CaptureSummary Of(CaptureData data) =>
        new(data.Files, data.Lines, data.Records, data.SkippedLines, data.IssueCount, data.Issues);
}
