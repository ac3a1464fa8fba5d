namespace Workbench.Monitoring.Quality;

/// <summary>The data-quality checks, after Evidently's data stability / quality presets and Model Monitor's constraint checks.</summary>
public enum QualityCheckKind
{
    /// <summary>The batch has rows (and as many as expected, when a range is given).</summary>
    RowCount,

    /// <summary>A baseline column is absent (Model Monitor: missing_column_check).</summary>
    MissingColumn,

    /// <summary>A column the baseline does not know (Model Monitor: extra_column_check).</summary>
    ExtraColumn,

    /// <summary>Values that do not read as the column's type (Model Monitor: data_type_check).</summary>
    DataType,

    /// <summary>The missing share above what the baseline allows (Model Monitor: completeness_check).</summary>
    Completeness,

    /// <summary>A column with no value at all where the reference had values.</summary>
    AllMissing,

    /// <summary>Numbers outside the reference range, infinite, or negative where the reference never was.</summary>
    OutOfRange,

    /// <summary>Labels the reference never had (Model Monitor: categorical_values_check for columns with a domain).</summary>
    NewCategories,

    /// <summary>A column holding one value where the reference had several.</summary>
    ConstantColumn,

    /// <summary>A column identical to another, where the reference kept them apart.</summary>
    DuplicatedColumn,

    /// <summary>More repeated rows than the reference had.</summary>
    DuplicatedRows,
}

/// <summary>How bad a failing check is for the retraining policy.</summary>
public enum QualitySeverity
{
    /// <summary>Worth knowing; a retrain absorbs it (new categories, a constant column, duplicates, extra columns).</summary>
    Minor,

    /// <summary>The data degraded (missing values, out-of-range values): several at once send the decision to a human.</summary>
    Major,

    /// <summary>The data is broken for the model (a column missing, emptied or of the wrong type, no rows): always escalated.</summary>
    Critical,
}

/// <summary>The outcome of one data-quality check.</summary>
/// <param name="Kind">Which check.</param>
/// <param name="Column">The column checked, or null for dataset checks.</param>
/// <param name="Passed">Whether the batch meets the condition.</param>
/// <param name="Severity">How bad a failure is.</param>
/// <param name="Observed">What the batch shows (a share, a count).</param>
/// <param name="Expected">The condition, e.g. "≤ 0.043" or "= 0".</param>
/// <param name="Description">One sentence a person reads.</param>
public sealed record QualityCheck(
    QualityCheckKind Kind, string? Column, bool Passed, QualitySeverity Severity, double Observed, string Expected, string Description)
{
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Kind}{(Column is null ? "" : $" {Column}")}: {Description}";
}
