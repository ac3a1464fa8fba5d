using Workbench.Monitoring.ModelMonitorFormat;

namespace Workbench.Monitoring.Baselines;

/// <summary>
/// The constraints a baseline suggests, as Model Monitor's baselining job does: the inferred type of every column,
/// the completeness it must keep, non-negativity for numbers that never went below zero, and the domain of labels for
/// categorical columns of small cardinality.
/// </summary>
internal static class ConstraintSuggestion
{
    public static MonitoringConstraints For(IEnumerable<ColumnBaseline> columns, BaselineOptions options) => new()
    {
        Features = columns.Select(column => new FeatureConstraint
        {
            Name = column.Name,
            InferredType = StatisticsFile.InferredTypeOf(column),
            Completeness = RequiredCompleteness(column, options),
            IsNonNegative = column.Numeric?.NonNegative,
            Domains = column.Categories is { Complete: true } categories && column.Kind is FeatureKind.Categorical or FeatureKind.Boolean
                && categories.Counts.Count <= options.MaxDomainSize
                ? categories.Counts.Select(p => p.Key).Order(StringComparer.Ordinal).ToList()
                : null,
        }).ToList(),
    };

    /// <summary>
    /// 1.0 for a column never missing in the reference; otherwise what remains when the missing share may grow to
    /// reference × <see cref="BaselineOptions.MissingShareGrowth"/> + <see cref="BaselineOptions.MissingShareSlack"/>.
    /// Rounded down to 4 decimals so the file reads well.
    /// </summary>
    public static double RequiredCompleteness(ColumnBaseline column, BaselineOptions options)
    {
        if (column.Missing == 0)
        {
            return 1.0;
        }

        var allowedMissing = Math.Min(1, (column.MissingShare * options.MissingShareGrowth) + options.MissingShareSlack);
        return Math.Max(0, Math.Floor((1 - allowedMissing) * 10000) / 10000);
    }
}
