namespace Workbench.Data;

/// <summary>What an aggregation computes per group.</summary>
public enum AggregateFunction
{
    /// <summary>Present (non-missing) values.</summary>
    Count,

    /// <summary>Sum of present values (0 for none): int64 for int64 and bool columns, float64 otherwise.</summary>
    Sum,

    Mean,

    Min,

    Max,

    /// <summary>Sample standard deviation (ddof = 1).</summary>
    Std,

    /// <summary>Sample variance (ddof = 1).</summary>
    Var,

    Median,

    /// <summary>The first present value.</summary>
    First,

    /// <summary>The last present value.</summary>
    Last,

    /// <summary>Distinct present values.</summary>
    NUnique,
}

/// <summary>
/// One output column of a group-by: a function of one input column, named <c>{column}_{function}</c>
/// unless <see cref="As"/> is given (pandas' named aggregation).
/// </summary>
public sealed record Aggregation(string Column, AggregateFunction Function, string? As = null)
{
    public string OutputName => As ?? $"{Column}_{Function.ToString().ToLowerInvariant()}";

    public static Aggregation Count(string column, string? @as = null) => new(column, AggregateFunction.Count, @as);

    public static Aggregation Sum(string column, string? @as = null) => new(column, AggregateFunction.Sum, @as);

    public static Aggregation Mean(string column, string? @as = null) => new(column, AggregateFunction.Mean, @as);

    public static Aggregation Min(string column, string? @as = null) => new(column, AggregateFunction.Min, @as);

    public static Aggregation Max(string column, string? @as = null) => new(column, AggregateFunction.Max, @as);

    public static Aggregation Std(string column, string? @as = null) => new(column, AggregateFunction.Std, @as);

    public static Aggregation Var(string column, string? @as = null) => new(column, AggregateFunction.Var, @as);

    public static Aggregation Median(string column, string? @as = null) => new(column, AggregateFunction.Median, @as);

    public static Aggregation First(string column, string? @as = null) => new(column, AggregateFunction.First, @as);

    public static Aggregation Last(string column, string? @as = null) => new(column, AggregateFunction.Last, @as);

    public static Aggregation NUnique(string column, string? @as = null) => new(column, AggregateFunction.NUnique, @as);
}
