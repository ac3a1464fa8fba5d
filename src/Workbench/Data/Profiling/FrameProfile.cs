namespace Workbench.Data.Profiling;

/// <summary>
/// An exploratory profile of a frame: per column type, counts, missing values, distinct values, moments,
/// quartiles, skew, histogram and top values; across columns Pearson and Spearman correlations
/// (pairwise-complete, as pandas), duplicate rows, warnings, and optionally each column's relation to a target.
/// Computed in double with stable algorithms, columns in parallel.
/// </summary>
public sealed class FrameProfile
{
    public required int RowCount { get; init; }

    public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    /// <summary>Pearson correlations of the numeric (and boolean) columns.</summary>
    public required CorrelationMatrix Pearson { get; init; }

    /// <summary>Spearman rank correlations of the same columns (null when not asked for, or beyond 8,388,608 rows where float ranks stop being exact).</summary>
    public CorrelationMatrix? Spearman { get; init; }

    /// <summary>Rows repeating an earlier row exactly (null when not counted).</summary>
    public long? DuplicateRows { get; init; }

    public required IReadOnlyList<ProfileWarning> Warnings { get; init; }

    /// <summary>Relations to <see cref="ProfileOptions.Target"/>, when one was named.</summary>
    public TargetRelation? Target { get; init; }

    public int ColumnCount => Columns.Count;

    /// <summary>Missing cells over all cells.</summary>
    public double MissingCellFraction => RowCount == 0 || Columns.Count == 0 ? 0 : Columns.Sum(c => (double)c.Missing) / ((double)RowCount * Columns.Count);

    public ColumnProfile this[string column] =>
        Columns.FirstOrDefault(c => c.Name == column) ?? throw new ColumnNotFoundException(column, Columns.Select(c => c.Name).ToArray());

    /// <summary>Profiles <paramref name="frame"/>.</summary>
    public static FrameProfile Compute(Frame frame, ProfileOptions? options = null) => Profiler.Run(frame, options ?? new ProfileOptions());

    /// <summary>One row per column: name, type, count, missing, distinct, mean, std, min, quartiles, max, skew.</summary>
    public Frame ToFrame()
    {
        double? Pick(ColumnProfile c, Func<ColumnProfile, double?> f) => f(c);
        return new Frame(
            new StringColumn("column", Columns.Select(c => c.Name).ToArray()),
            new StringColumn("type", Columns.Select(c => c.Type.DisplayName()).ToArray()),
            new Int64Column("count", Columns.Select(c => c.Count).ToArray()),
            new Int64Column("missing", Columns.Select(c => c.Missing).ToArray()),
            new Int64Column("distinct", Columns.Select(c => c.Distinct).ToArray()),
            new DoubleColumn("mean", Columns.Select(c => Pick(c, p => p.Mean)).ToArray()),
            new DoubleColumn("std", Columns.Select(c => Pick(c, p => p.Std)).ToArray()),
            new DoubleColumn("min", Columns.Select(c => Pick(c, p => p.Min)).ToArray()),
            new DoubleColumn("25%", Columns.Select(c => Pick(c, p => p.Q25)).ToArray()),
            new DoubleColumn("50%", Columns.Select(c => Pick(c, p => p.Median)).ToArray()),
            new DoubleColumn("75%", Columns.Select(c => Pick(c, p => p.Q75)).ToArray()),
            new DoubleColumn("max", Columns.Select(c => Pick(c, p => p.Max)).ToArray()),
            new DoubleColumn("skew", Columns.Select(c => Pick(c, p => p.Skew)).ToArray()));
    }

    public override string ToString() =>
        FormattableString.Invariant($"Profile: {RowCount} rows x {ColumnCount} columns, {MissingCellFraction * 100:F1}% cells missing, {(DuplicateRows is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "uncounted")} duplicate rows, {Warnings.Count} warnings");
}
