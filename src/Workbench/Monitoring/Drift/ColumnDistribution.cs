namespace Workbench.Monitoring.Drift;

/// <summary>
/// A column's reference and current distributions on shared bins, for overlays and for reading the drift at a glance:
/// numeric bins (<see cref="Edges"/>, one more than the shares) or labels (<see cref="Labels"/>).
/// Shares are of present values and sum to 1 per side (up to labels beyond those listed).
/// </summary>
public sealed record ColumnDistribution
{
    /// <summary>Bin edges of a numeric column; null for labels.</summary>
    public IReadOnlyList<double>? Edges { get; init; }

    /// <summary>The labels of a categorical column, most frequent in the reference first; null for numbers.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    public required IReadOnlyList<double> Reference { get; init; }

    public required IReadOnlyList<double> Current { get; init; }

    public bool IsNumeric => Edges is not null;
}
