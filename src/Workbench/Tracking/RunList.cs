using System.Collections;

namespace Workbench.Tracking;

/// <summary>The result of a run search: the runs in order, the query that found them, and a table view for analysis.</summary>
public sealed class RunList(IReadOnlyList<Run> runs, string? filter = null, string? orderBy = null) : IReadOnlyList<Run>
{
    public string? Filter { get; } = filter;

    public string? OrderBy { get; } = orderBy;

    public int Count => runs.Count;

    public Run this[int index] => runs[index];

    /// <summary>One row per run and one column per attribute, parameter, metric and tag, as <c>mlflow.search_runs</c> returns.</summary>
    public RunTable ToTable(bool includeSystemTags = false) => RunTable.From(runs, includeSystemTags);

    public IEnumerator<Run> GetEnumerator() => runs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
