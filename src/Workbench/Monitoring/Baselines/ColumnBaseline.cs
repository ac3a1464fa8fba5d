using Workbench.Data;

namespace Workbench.Monitoring.Baselines;

/// <summary>
/// What the reference data says about one column: its type and kind, role, missing values, and its distribution
/// (<see cref="Numeric"/> for numbers, <see cref="Categories"/> for labels and booleans, a time range for timestamps).
/// </summary>
public sealed record ColumnBaseline
{
    public required string Name { get; init; }

    /// <summary>The column's type as read from the reference.</summary>
    public required ColumnType Type { get; init; }

    public required FeatureKind Kind { get; init; }

    public required ColumnRole Role { get; init; }

    /// <summary>Rows in the reference.</summary>
    public required long Rows { get; init; }

    /// <summary>Missing cells (null or NaN).</summary>
    public required long Missing { get; init; }

    public long Present => Rows - Missing;

    /// <summary>Share of missing cells.</summary>
    public double MissingShare => Rows == 0 ? 0 : (double)Missing / Rows;

    /// <summary>Share of present cells (Model Monitor's completeness).</summary>
    public double Completeness => 1 - MissingShare;

    public NumericBaseline? Numeric { get; init; }

    public CategoryBaseline? Categories { get; init; }

    /// <summary>Distinct values (every kind).</summary>
    public long Distinct { get; init; }

    /// <summary>Earliest timestamp, for <see cref="FeatureKind.DateTime"/>.</summary>
    public DateTime? MinTime { get; init; }

    /// <summary>Latest timestamp, for <see cref="FeatureKind.DateTime"/>.</summary>
    public DateTime? MaxTime { get; init; }

    /// <summary>Whether a batch must carry this column (false for columns a schema marks optional or training-only).</summary>
    public bool Required { get; init; } = true;

    /// <summary>The range numbers must fall in, when a schema declares one (otherwise the reference's [min, max] applies).</summary>
    public (double Low, double High)? AllowedRange { get; init; }

    /// <summary>Whether every present value is the same.</summary>
    public bool Constant => Present > 0 && Distinct == 1;

    public override string ToString() => $"{Name}: {Kind} {Role}, {Present} present, {Missing} missing, {Distinct} distinct";
}
