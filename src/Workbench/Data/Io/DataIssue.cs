namespace Workbench.Data.Io;

/// <summary>One row a reader could not read: where it is and why.</summary>
/// <param name="Source">The file (or stream name).</param>
/// <param name="Line">The 1-based physical line where the row starts.</param>
/// <param name="Column">The column at fault, when one is.</param>
/// <param name="Message">What is wrong.</param>
public sealed record DataIssue(string Source, long Line, string? Column, string Message)
{
    public override string ToString() =>
        Column is null ? $"{Source}, line {Line}: {Message}" : $"{Source}, line {Line}, column '{Column}': {Message}";
}
