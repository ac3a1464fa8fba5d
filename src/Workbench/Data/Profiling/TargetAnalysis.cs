namespace Workbench.Data.Profiling;

/// <summary>Relates every column to the target (see <see cref="TargetRelation"/> for the measures).</summary>
internal static class TargetAnalysis
{
    private const int MaxIntegerClasses = 20;

    public static TargetRelation Relate(Frame frame, string target, IReadOnlyList<ColumnProfile> profiles, CorrelationMatrix pearson, CorrelationMatrix? spearman, IReadOnlyList<ProfileWarning> warnings)
    {
        var targetColumn = frame[target];
        var targetProfile = profiles.First(p => p.Name == target);
        var categorical = targetColumn.Type is ColumnType.String or ColumnType.Categorical or ColumnType.Boolean
            || (targetColumn.Type == ColumnType.Int64 && targetProfile.Distinct <= MaxIntegerClasses);
        if (targetColumn.Type == ColumnType.DateTime)
        {
            throw new ArgumentException($"target '{target}' is a date column; choose a numeric or categorical target.");
        }

        var identifiers = warnings.Where(w => w.Kind == ProfileWarningKind.HighCardinality).SelectMany(w => w.Columns).ToHashSet(StringComparer.Ordinal);
        var candidates = frame.Columns.Where(c => c.Name != target && c.Type != ColumnType.DateTime && !identifiers.Contains(c.Name)).ToArray();
        var features = new List<FeatureAssociation>();
        int[]? targetGroups = null;
        var targetGroupCount = 0;
        if (categorical)
        {
            targetGroups = targetColumn.Factorize(out targetGroupCount);
        }

        foreach (var column in candidates)
        {
            if (categorical)
            {
                if (column.IsNumeric && column.Type != ColumnType.Boolean)
                {
                    features.Add(new(column.Name, "correlation_ratio", Association.CorrelationRatio(column, targetGroups!, targetGroupCount)));
                }
                else
                {
                    var codes = column.Factorize(out var count);
                    features.Add(new(column.Name, "cramers_v", Association.CramersV(codes, count, targetGroups!, targetGroupCount)));
                }
            }
            else if (column.IsNumeric)
            {
                var r = pearson[column.Name, target];
                features.Add(new(column.Name, "pearson", Math.Abs(r), r, spearman?[column.Name, target]));
            }
            else
            {
                var codes = column.Factorize(out var count);
                features.Add(new(column.Name, "correlation_ratio", Association.CorrelationRatio(targetColumn, codes, count)));
            }
        }

        var ordered = features.OrderByDescending(f => double.IsNaN(f.Strength) ? -1 : f.Strength).ThenBy(f => f.Column, StringComparer.Ordinal).ToArray();
        if (!categorical)
        {
            return new TargetRelation { Target = target, IsCategorical = false, Features = ordered };
        }

        var numeric = candidates.Where(c => c.IsNumeric).Select(c => c.Name).ToArray();
        var means = numeric.Length == 0 ? null : frame.Select([target, .. numeric]).GroupBy(target).Mean(numeric);
        var balance = frame.ValueCounts(target);
        return new TargetRelation
        {
            Target = target,
            IsCategorical = true,
            Features = ordered,
            ClassMeans = means,
            ClassBalance = Enumerable.Range(0, balance.RowCount)
                .Select(r => new ValueCount(balance[target].Format(r)!, ((Int64Column)balance["count"]).Values[r]))
                .ToArray(),
        };
    }
}
