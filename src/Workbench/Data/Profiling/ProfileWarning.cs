namespace Workbench.Data.Profiling;

/// <summary>What a profile warns about.</summary>
public enum ProfileWarningKind
{
    /// <summary>One distinct value (or none): the column carries no information.</summary>
    Constant,

    /// <summary>Most values missing.</summary>
    MostlyMissing,

    /// <summary>Text with nearly as many distinct values as rows: an identifier or free text, not a category.</summary>
    HighCardinality,

    /// <summary>Two numeric columns nearly collinear.</summary>
    HighCorrelation,

    /// <summary>Rows repeated exactly.</summary>
    DuplicateRows,

    /// <summary>A floating-point column holds NaN values (left out of its statistics).</summary>
    NaNValues,

    /// <summary>A strongly skewed numeric column (a log transform may help).</summary>
    Skewed,
}

/// <summary>A finding of the profile, with the columns concerned and a sentence for people.</summary>
public sealed record ProfileWarning(ProfileWarningKind Kind, IReadOnlyList<string> Columns, string Message)
{
    public override string ToString() => $"{Kind}: {Message}";
}
