namespace Workbench.Data.Io;

/// <summary>What a reader does with a row it cannot read (wrong number of fields, a value that does not fit its column's declared type).</summary>
public enum MalformedRowPolicy
{
    /// <summary>Stop with a <see cref="DataFormatException"/> naming the file, line and column.</summary>
    Fail,

    /// <summary>Leave the row out and record a <see cref="DataIssue"/>, so the skipped rows can be counted and shown.</summary>
    Skip,
}
