namespace Workbench.Tracking.Query;

/// <summary>What a search identifier refers to.</summary>
public enum SearchEntity
{
    Metric,
    Param,
    Tag,
    Attribute,
    Dataset,
}

/// <summary>A literal in a filter: a quoted string or a number, with its 0-based position.</summary>
public readonly record struct FilterLiteral(string Text, double? Number, int Position)
{
    public bool IsNumber => Number.HasValue;
}

/// <summary>
/// One <c>entity.key operator value</c> term of a filter (terms are joined by AND). The operator is normalised:
/// =, !=, &lt;, &lt;=, &gt;, &gt;=, LIKE, ILIKE, NOT LIKE, NOT ILIKE, IN, NOT IN.
/// </summary>
public sealed record FilterComparison(SearchEntity Entity, string Key, string Operator, IReadOnlyList<FilterLiteral> Values, int Position);

/// <summary>One order-by term.</summary>
public sealed record OrderClause(SearchEntity Entity, string Key, bool Descending, int Position);
