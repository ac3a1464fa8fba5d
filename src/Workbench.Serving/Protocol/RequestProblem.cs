namespace Workbench.Serving.Protocol;

/// <summary>
/// One thing wrong with a request, located as precisely as the format allows: the row (0-based record index within
/// the request), the line of a CSV / JSON Lines body (1-based), the column, the offending value, and why.
/// </summary>
public sealed record RequestProblem(int? Row, string? Column, string? Value, string Kind, string Reason)
{
    /// <summary>The 1-based line of a CSV or JSON Lines body.</summary>
    public int? Line { get; init; }

    public override string ToString()
    {
        var where = (Row, Line, Column) switch
        {
            ({ } row, { } line, { } column) => $"row {row} (line {line}), column '{column}': ",
            ({ } row, { } line, null) => $"row {row} (line {line}): ",
            ({ } row, null, { } column) => $"row {row}, column '{column}': ",
            ({ } row, null, null) => $"row {row}: ",
            (null, _, { } column) => $"column '{column}': ",
            _ => string.Empty,
        };
        return where + Reason;
    }
}
