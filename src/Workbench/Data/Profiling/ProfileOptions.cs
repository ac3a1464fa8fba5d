namespace Workbench.Data.Profiling;

/// <summary>What <see cref="FrameProfile.Compute"/> computes and when it warns.</summary>
public sealed record ProfileOptions
{
    /// <summary>A column to relate every other column to (see <see cref="TargetRelation"/>).</summary>
    public string? Target { get; init; }

    /// <summary>Most frequent values kept per column.</summary>
    public int TopValues { get; init; } = 10;

    /// <summary>Whether to compute Spearman rank correlations besides Pearson's.</summary>
    public bool Spearman { get; init; } = true;

    /// <summary>Whether to count duplicate rows.</summary>
    public bool DuplicateRows { get; init; } = true;

    /// <summary>A column missing at least this fraction of its values is flagged.</summary>
    public double MostlyMissingFraction { get; init; } = 0.5;

    /// <summary>A text or categorical column with more distinct values than this, making up more than half its values, is flagged (an identifier, free text).</summary>
    public int HighCardinality { get; init; } = 50;

    /// <summary>Pairs of columns with |Pearson r| at least this are flagged.</summary>
    public double HighCorrelation { get; init; } = 0.9;

    /// <summary>Numeric columns with |skew| at least this are flagged.</summary>
    public double HighSkew { get; init; } = 2;

    /// <summary>Threads across columns (null: one per processor).</summary>
    public int? DegreeOfParallelism { get; init; }
}
