namespace Workbench.Data.Io;

/// <summary>A frame read from a file and the rows left out under <see cref="MalformedRowPolicy.Skip"/>.</summary>
public sealed record DataReadResult(Frame Frame, IReadOnlyList<DataIssue> SkippedRows)
{
    public int SkippedRowCount => SkippedRows.Count;
}
