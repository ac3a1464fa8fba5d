namespace Workbench.Features.Validation;

/// <summary>What is wrong with a column of a validated frame (TFDV's anomaly types, pandera's checks).</summary>
public enum AnomalyKind
{
    /// <summary>A column the schema requires in this environment is absent.</summary>
    MissingColumn,

    /// <summary>A column the schema does not know, or does not expect in this environment.</summary>
    ExtraColumn,

    /// <summary>Values that are not of the column's type (text in a numeric column, a fraction in an integer column, an unparsable date).</summary>
    WrongType,

    /// <summary>Numbers outside the column's range (with its tolerance).</summary>
    OutOfRange,

    /// <summary>Values outside the column's allowed categories.</summary>
    UnexpectedCategory,

    /// <summary>More missing values than the column allows.</summary>
    TooManyNulls,
}

/// <summary>How serious an anomaly is: errors make a report invalid, warnings are shown.</summary>
public enum AnomalySeverity
{
    /// <summary>Worth a look; the data still fits the schema (extra columns).</summary>
    Warning,

    /// <summary>The data does not fit the schema.</summary>
    Error,
}
