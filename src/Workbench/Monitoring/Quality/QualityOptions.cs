namespace Workbench.Monitoring.Quality;

/// <summary>Thresholds of the data-quality checks that the baseline's constraints do not already fix.</summary>
public sealed record QualityOptions
{
    /// <summary>Fewest rows a batch may have (fewer fail RowCount, critically when zero).</summary>
    public int MinimumRows { get; init; } = 1;

    /// <summary>Most rows a batch may have (null: no limit).</summary>
    public long? MaximumRows { get; init; }

    /// <summary>The share of numbers outside the reference range [min, max] tolerated (the rest fail OutOfRange).</summary>
    public double OutOfRangeShare { get; init; } = 0.01;

    /// <summary>How far beyond the reference range, as a share of the range, a value still counts as in range.</summary>
    public double RangeTolerance { get; init; }

    /// <summary>The share of present values with labels the reference never had that is tolerated (0: any new label fails).</summary>
    public double NewCategoryShare { get; init; }

    /// <summary>How much the duplicated-row share may exceed the reference's.</summary>
    public double DuplicatedRowSlack { get; init; } = 0.01;

    internal void Validate()
    {
        if (MinimumRows < 0 || MaximumRows is < 0 || OutOfRangeShare is < 0 or > 1 || RangeTolerance < 0 || NewCategoryShare is < 0 or > 1 || DuplicatedRowSlack < 0)
        {
            throw new ArgumentException("quality thresholds must not be negative, and shares must lie in [0, 1].");
        }
    }
}
