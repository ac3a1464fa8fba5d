using Workbench.Data;

namespace Workbench.Monitoring.Capture;

/// <summary>
/// Captured requests and responses as rows: one row per instance of each request (a CSV payload with three lines is
/// three rows), the inputs as columns, the model's output in <see cref="CaptureReadOptions.PredictionColumn"/>, and
/// the metadata columns (event id, inference time, position within the event). Malformed lines are skipped and
/// listed in <see cref="Issues"/> with their file and line.
/// </summary>
public sealed class CaptureData
{
    internal CaptureData(Frame frame, IReadOnlyList<string> metadataColumns, IReadOnlyList<CaptureIssue> issues, int issueCount, int skippedLines, int files, long lines, long records)
    {
        SkippedLines = skippedLines;
        Frame = frame;
        MetadataColumns = metadataColumns;
        Issues = issues;
        IssueCount = issueCount;
        Files = files;
        Lines = lines;
        Records = records;
    }

    /// <summary>Every captured row: inputs, prediction and metadata.</summary>
    public Frame Frame { get; }

    /// <summary>The metadata columns (event id, time, row within the event), left out of drift and quality checks.</summary>
    public IReadOnlyList<string> MetadataColumns { get; }

    /// <summary>The inputs and prediction only: what the monitor compares with the baseline.</summary>
    public Frame Rows => Frame.Drop([.. MetadataColumns]);

    /// <summary>The first <see cref="CaptureReadOptions.MaxIssues"/> issues.</summary>
    public IReadOnlyList<CaptureIssue> Issues { get; }

    /// <summary>Issues in all (skipped lines and fallbacks).</summary>
    public int IssueCount { get; }

    /// <summary>Lines skipped as malformed.</summary>
    public int SkippedLines { get; }

    /// <summary>Capture files read.</summary>
    public int Files { get; }

    /// <summary>Non-blank lines read.</summary>
    public long Lines { get; }

    /// <summary>Records turned into rows.</summary>
    public long Records { get; }

    public override string ToString() =>
        $"{Frame.RowCount:N0} rows from {Records:N0} records in {Files} capture file{(Files == 1 ? "" : "s")} ({Lines:N0} lines, {IssueCount} issue{(IssueCount == 1 ? "" : "s")})";
}
