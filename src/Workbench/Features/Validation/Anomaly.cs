using System.Globalization;

namespace Workbench.Features.Validation;

/// <summary>
/// One problem with one column: what kind, how many rows and which fraction of the frame, up to five example values
/// (most frequent first; row numbers for missing values), and what the schema expected.
/// </summary>
/// <param name="Column">The column.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Severity">Error, or warning (extra columns).</param>
/// <param name="Count">Rows affected (all rows for a missing or extra column).</param>
/// <param name="Fraction">Count over the frame's rows.</param>
/// <param name="Examples">Up to five offending values as text.</param>
/// <param name="Expected">What the schema says, e.g. <c>int64 in [18, 97] ± 7.9</c>.</param>
public sealed record Anomaly(string Column, AnomalyKind Kind, AnomalySeverity Severity, int Count, double Fraction, IReadOnlyList<string> Examples, string Expected)
{
    /// <summary>A sentence for logs and tables: "age: 14 rows (4.7 %) are not int64, e.g. 'unknown', 'n/a'; expected int64 in [18, 97]".</summary>
    public string Description => Kind switch
    {
        AnomalyKind.MissingColumn => $"{Column}: the column is missing; expected {Expected}",
        AnomalyKind.ExtraColumn => $"{Column}: {Expected}{ExampleText}",
        AnomalyKind.WrongType => $"{Column}: {Rows} {Verb("does", "do")} not parse as {Expected}{ExampleText}",
        AnomalyKind.OutOfRange => $"{Column}: {Rows} {Verb("is", "are")} outside {Expected}{ExampleText}",
        AnomalyKind.UnexpectedCategory => $"{Column}: {Rows} {Verb("holds a category", "hold categories")} outside {Expected}{ExampleText}",
        _ => $"{Column}: {Rows} {Verb("is", "are")} missing; expected {Expected}{ExampleText}",
    };

    public override string ToString() => $"[{Severity.ToString().ToLowerInvariant()}] {Description}";

    private string Rows => $"{Count.ToString("N0", CultureInfo.InvariantCulture)} row{(Count == 1 ? string.Empty : "s")} ({Fraction.ToString("P1", CultureInfo.InvariantCulture)})";

    private string Verb(string one, string many) => Count == 1 ? one : many;

    private string ExampleText => Examples.Count == 0 ? string.Empty : ", e.g. " + string.Join(", ", Examples.Select(e => e.StartsWith("row ", StringComparison.Ordinal) ? e : $"'{e}'"));
}

/// <summary>One cell (or, with a null <see cref="Row"/>, the whole frame) that does not fit the schema: what serving returns per request row.</summary>
/// <param name="Row">The row index, or null for a problem of the whole frame (a missing column).</param>
/// <param name="Column">The column.</param>
/// <param name="Value">The cell's value as text (null when missing).</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Reason">A sentence: "'abc' is not int64", "250 is above the maximum 46.9 (+ tolerance 3.19)".</param>
public sealed record RowError(int? Row, string Column, string? Value, AnomalyKind Kind, string Reason)
{
    public override string ToString() => Row is { } row ? $"row {row}, {Column}: {Reason}" : $"{Column}: {Reason}";
}
