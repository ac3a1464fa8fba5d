using System.Globalization;
using System.Text;
using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features.Validation;

/// <summary>
/// The anomalies found in a frame by <see cref="DataSchema.Validate"/>, in schema column order (extra columns last),
/// like TFDV's anomalies and pandera's failure cases: per column, what is wrong, how many rows, which fraction and
/// example values. Valid when no anomaly is an error.
/// </summary>
public sealed class ValidationReport
{
    internal ValidationReport(string environment, int rows, int columns, IReadOnlyList<Anomaly> anomalies, string? source)
    {
        Environment = environment;
        RowCount = rows;
        ColumnCount = columns;
        Anomalies = anomalies;
        Source = source;
    }

    /// <summary>The environment the frame was checked for (training, serving, ...).</summary>
    public string Environment { get; }

    /// <summary>What was validated (a file name), when given.</summary>
    public string? Source { get; }

    public int RowCount { get; }

    public int ColumnCount { get; }

    public IReadOnlyList<Anomaly> Anomalies { get; }

    /// <summary>No errors (warnings allowed).</summary>
    public bool IsValid => Anomalies.All(a => a.Severity != AnomalySeverity.Error);

    public IEnumerable<Anomaly> Errors => Anomalies.Where(a => a.Severity == AnomalySeverity.Error);

    public IEnumerable<Anomaly> Warnings => Anomalies.Where(a => a.Severity == AnomalySeverity.Warning);

    /// <summary>The anomaly of this kind for this column, if any.</summary>
    public Anomaly? Find(string column, AnomalyKind kind) => Anomalies.FirstOrDefault(a => a.Column == column && a.Kind == kind);

    /// <summary>The anomalies of one column.</summary>
    public IEnumerable<Anomaly> For(string column) => Anomalies.Where(a => a.Column == column);

    /// <summary>Throws <see cref="SchemaValidationException"/> listing the errors when the report is not valid.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new SchemaValidationException(this);
        }
    }

    /// <summary>The anomalies as a frame (column, kind, severity, count, fraction, examples, expected), for sorting and filtering.</summary>
    public Frame ToFrame() => Frame.FromArrays(
        ("column", Anomalies.Select(a => a.Column).ToArray()),
        ("kind", Anomalies.Select(a => Name(a.Kind)).ToArray()),
        ("severity", Anomalies.Select(a => a.Severity.ToString().ToLowerInvariant()).ToArray()),
        ("count", Anomalies.Select(a => (long)a.Count).ToArray()),
        ("fraction", Anomalies.Select(a => a.Fraction).ToArray()),
        ("examples", Anomalies.Select(a => string.Join(", ", a.Examples)).ToArray()),
        ("expected", Anomalies.Select(a => a.Expected).ToArray()));

    /// <summary>The report as JSON (for CI logs and monitoring).</summary>
    public string ToJson() => new JsonState()
        .Set("environment", Environment)
        .Set("source", Source)
        .Set("rows", RowCount)
        .Set("columns", ColumnCount)
        .Set("valid", IsValid)
        .Set("anomalies", Anomalies.Select(a => new JsonState()
            .Set("column", a.Column)
            .Set("kind", Name(a.Kind))
            .Set("severity", a.Severity.ToString().ToLowerInvariant())
            .Set("count", a.Count)
            .Set("fraction", a.Fraction)
            .Set("examples", a.Examples)
            .Set("expected", a.Expected)
            .Set("description", a.Description)))
        .ToString();

    public override string ToString()
    {
        var text = new StringBuilder();
        var errors = Errors.Count();
        var warnings = Warnings.Count();
        text.Append(CultureInfo.InvariantCulture, $"{Source ?? "frame"} ({RowCount:N0} rows, {ColumnCount} columns) for {Environment}: ");
        text.Append(Anomalies.Count == 0 ? "valid, no anomalies" : $"{(IsValid ? "valid" : "invalid")}, {errors} error{(errors == 1 ? string.Empty : "s")}, {warnings} warning{(warnings == 1 ? string.Empty : "s")}");
        foreach (var anomaly in Anomalies)
        {
            text.Append('\n').Append("  ").Append(anomaly);
        }

        return text.ToString();
    }

    /// <summary>snake_case kind names, as in the JSON form.</summary>
    public static string Name(AnomalyKind kind) => kind switch
    {
        AnomalyKind.MissingColumn => "missing_column",
        AnomalyKind.ExtraColumn => "extra_column",
        AnomalyKind.WrongType => "wrong_type",
        AnomalyKind.OutOfRange => "out_of_range",
        AnomalyKind.UnexpectedCategory => "unexpected_category",
        _ => "too_many_nulls",
    };
}

/// <summary>Thrown by <see cref="ValidationReport.ThrowIfInvalid"/>; the message lists the errors.</summary>
public sealed class SchemaValidationException : Exception
{
    public SchemaValidationException(ValidationReport report)
        : base(report?.ToString())
    {
        Report = report!;
    }

    public SchemaValidationException()
    {
        Report = null!;
    }

    public SchemaValidationException(string message)
        : base(message)
    {
        Report = null!;
    }

    public SchemaValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = null!;
    }

    public ValidationReport Report { get; }
}
