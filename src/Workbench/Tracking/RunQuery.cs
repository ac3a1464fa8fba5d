namespace Workbench.Tracking;

/// <summary>
/// What to search: experiments (all when empty), a filter in MLflow's grammar
/// (<c>metrics.auc &gt; 0.9 and params.lr = '0.01'</c>), order-by clauses (<c>metrics.auc DESC</c>),
/// and a page (<see cref="MaxResults"/> from <see cref="Skip"/>).
/// </summary>
public sealed record RunQuery
{
    public const int DefaultMaxResults = 1000;

    public IReadOnlyList<long> ExperimentIds { get; init; } = [];

    public string? Filter { get; init; }

    public IReadOnlyList<string> OrderBy { get; init; } = [];

    public int MaxResults { get; init; } = DefaultMaxResults;

    public int Skip { get; init; }
}
