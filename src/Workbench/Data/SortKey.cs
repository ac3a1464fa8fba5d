namespace Workbench.Data;

/// <summary>One key of a sort: a column and its direction. Missing values always sort last.</summary>
public readonly record struct SortKey(string Column, bool Descending = false)
{
    public static SortKey Asc(string column) => new(column);

    public static SortKey Desc(string column) => new(column, true);

    public static implicit operator SortKey(string column) => new(column);
}
