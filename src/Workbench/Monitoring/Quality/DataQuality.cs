using System.Globalization;
using Workbench.Data;
using Workbench.Data.Profiling;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Columns;
using Workbench.Monitoring.Drift;
using Workbench.Monitoring.ModelMonitorFormat;
using Workbench.Monitoring.Statistics;

namespace Workbench.Monitoring.Quality;

/// <summary>
/// Data-quality checks of a batch against a baseline (row and column counts, missing and extra columns, types,
/// missing shares, emptied columns, out-of-range values, new categories, constant and duplicated columns, duplicated
/// rows) and the constraint violations Model Monitor would write for the baseline's constraints.json.
/// </summary>
public static class DataQuality
{
    public static DataQualityResult Check(Baseline baseline, Frame current, QualityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new QualityOptions();
        options.Validate();
        var checks = new List<QualityCheck>();
        var violations = new List<ConstraintViolation>();
        var config = baseline.Constraints.Config;

        checks.Add(RowCount(current.RowCount, options));
        var missing = baseline.Columns.Where(c => !current.Contains(c.Name)).ToList();
        var extra = current.ColumnNames.Where(n => baseline.Find(n) is null).ToList();
        foreach (var column in missing)
        {
            var severity = column.Role switch
            {
                ColumnRole.Feature or ColumnRole.Prediction => QualitySeverity.Critical,
                ColumnRole.Timestamp => QualitySeverity.Major,
                _ => QualitySeverity.Minor,
            };
            var passed = column.Role == ColumnRole.Target || !column.Required;
            checks.Add(new QualityCheck(QualityCheckKind.MissingColumn, column.Name, passed, severity, 1, "present",
                column.Role == ColumnRole.Target ? $"the target '{column.Name}' is absent: its ground truth arrives later"
                : passed ? $"column '{column.Name}' is absent; the schema does not require it in serving batches"
                : $"column '{column.Name}' ({column.Kind}, {column.Role}) is missing from the batch"));
        }

        foreach (var name in extra)
        {
            checks.Add(new QualityCheck(QualityCheckKind.ExtraColumn, name, false, QualitySeverity.Minor, 1, "absent", $"column '{name}' is not in the baseline"));
        }

        var constrained = baseline.Constraints.Features.Where(f => baseline.Find(f.Name) is not { Role: ColumnRole.Target } and not { Required: false }).ToList();
        var currentConstrained = current.ColumnNames.Count(n => constrained.Any(f => f.Name == n));
        if (config.EvaluateConstraints)
        {
            foreach (var feature in constrained.Where(f => !current.Contains(f.Name)))
            {
                violations.Add(new ConstraintViolation(feature.Name, ConstraintCheckTypes.MissingColumn, ConstraintViolation.MissingColumnsDescription(currentConstrained, constrained.Count)));
            }

            foreach (var name in current.ColumnNames.Where(n => baseline.Constraints.Find(n) is null))
            {
                violations.Add(new ConstraintViolation(name, ConstraintCheckTypes.ExtraColumn, ConstraintViolation.ExtraColumnsDescription(current.ColumnCount, constrained.Count)));
            }
        }

        foreach (var column in baseline.Columns.Where(c => current.Contains(c.Name)))
        {
            CheckColumn(baseline, column, current[column.Name], options, checks, violations);
        }

        checks.AddRange(DuplicatedColumns(baseline, current));
        if (current.RowCount > 0)
        {
            var share = (double)DuplicateRows.Count(current) / current.RowCount;
            var allowed = baseline.DuplicateRowShare + options.DuplicatedRowSlack;
            checks.Add(new QualityCheck(QualityCheckKind.DuplicatedRows, null, share <= allowed, QualitySeverity.Minor, share, $"≤ {Format(allowed)}",
                $"{Format(share)} of the rows repeat an earlier row (reference {Format(baseline.DuplicateRowShare)})"));
        }

        return new DataQualityResult(checks, violations);
    }

    private static QualityCheck RowCount(int rows, QualityOptions options)
    {
        if (rows < Math.Max(1, options.MinimumRows))
        {
            return new QualityCheck(QualityCheckKind.RowCount, null, false, rows == 0 ? QualitySeverity.Critical : QualitySeverity.Major, rows, $"≥ {Math.Max(1, options.MinimumRows)}",
                rows == 0 ? "the batch has no rows" : $"the batch has {rows} rows, fewer than the {options.MinimumRows} expected");
        }

        if (options.MaximumRows is { } max && rows > max)
        {
            return new QualityCheck(QualityCheckKind.RowCount, null, false, QualitySeverity.Minor, rows, $"≤ {max}", $"the batch has {rows} rows, more than the {max} expected");
        }

        return new QualityCheck(QualityCheckKind.RowCount, null, true, QualitySeverity.Critical, rows, $"≥ {Math.Max(1, options.MinimumRows)}", $"the batch has {rows} rows");
    }

    private static void CheckColumn(Baseline baseline, ColumnBaseline column, Column values, QualityOptions options, List<QualityCheck> checks, List<ConstraintViolation> violations)
    {
        var constraint = baseline.Constraints.Find(column.Name);
        var config = baseline.Constraints.Config;
        var evaluate = config.EvaluateConstraints && column.Role != ColumnRole.Target;
        long present, mismatched;
        NumericValues? numbers = null;
        LabelValues? labels = null;
        switch (column.Kind)
        {
            case FeatureKind.Numeric:
                numbers = ColumnReader.Numbers(values);
                present = numbers.Present;
                mismatched = numbers.Mismatched;
                break;
            case FeatureKind.Categorical or FeatureKind.Boolean:
                labels = ColumnReader.Labels(values, booleans: column.Kind == FeatureKind.Boolean);
                present = labels.Present;
                mismatched = labels.Mismatched;
                break;
            case FeatureKind.DateTime:
                (present, mismatched) = ColumnReader.Timestamps(values);
                break;
            default:
                present = values.ValidCount;
                mismatched = 0;
                break;
        }

        var rows = values.Length;
        if (rows == 0)
        {
            return;
        }

        // Types: the share of present values that read as the baseline's type.
        var typeShare = present == 0 ? 1.0 : 1.0 - ((double)mismatched / present);
        var typeThreshold = Override(constraint, "datatype_check_threshold") ?? config.DatatypeCheckThreshold;
        checks.Add(new QualityCheck(QualityCheckKind.DataType, column.Name, typeShare >= typeThreshold, QualitySeverity.Critical, typeShare, $"≥ {Format(typeThreshold)}",
            mismatched == 0 ? $"every value reads as {Describe(column)}" : $"{mismatched} of {present} values do not read as {Describe(column)} ({Format(typeShare)} do)"));
        if (evaluate && constraint is not null && typeShare < typeThreshold)
        {
            violations.Add(new ConstraintViolation(column.Name, ConstraintCheckTypes.DataType, ConstraintViolation.ValueDescription(typeShare)));
        }

        // Completeness against the constraint (the reference's missing share plus its allowance).
        var completeness = (double)present / rows;
        var required = constraint?.Completeness ?? ConstraintSuggestion.RequiredCompleteness(column, baseline.Options);
        if (column.Role != ColumnRole.Target)
        {
            checks.Add(new QualityCheck(QualityCheckKind.Completeness, column.Name, completeness >= required, QualitySeverity.Major, 1 - completeness, $"≤ {Format(1 - required)}",
                $"{Format(1 - completeness)} of the values are missing (reference {Format(column.MissingShare)}, allowed {Format(1 - required)})"));
            if (evaluate && constraint?.Completeness is { } constraintCompleteness && completeness < constraintCompleteness)
            {
                violations.Add(new ConstraintViolation(column.Name, ConstraintCheckTypes.Completeness, ConstraintViolation.ValueDescription(completeness)));
            }
        }

        if (present == 0 && column.Present > 0)
        {
            checks.Add(new QualityCheck(QualityCheckKind.AllMissing, column.Name, false, QualitySeverity.Critical, 1, "< 1", $"column '{column.Name}' has no value at all"));
        }

        if (numbers is not null && column.Numeric is { } reference && !double.IsNaN(reference.Min))
        {
            var tolerance = options.RangeTolerance * (reference.Max - reference.Min);
            var (low, high) = column.AllowedRange ?? (reference.Min - tolerance, reference.Max + tolerance);
            var rangeName = column.AllowedRange is null ? "reference range" : "schema's range";
            var outside = Binning.LowerBound(numbers.Sorted, low) + (numbers.Sorted.Length - Binning.UpperBound(numbers.Sorted, high)) + numbers.NonFinite;
            var numericPresent = numbers.Sorted.Length + numbers.NonFinite;
            var share = numericPresent == 0 ? 0 : (double)outside / numericPresent;
            checks.Add(new QualityCheck(QualityCheckKind.OutOfRange, column.Name, share <= options.OutOfRangeShare, QualitySeverity.Major, share, $"≤ {Format(options.OutOfRangeShare)}",
                outside == 0
                    ? $"every value lies in the {rangeName} [{Format(low)}, {Format(high)}]"
                    : $"{outside} values ({Format(share)}) lie outside the {rangeName} [{Format(low)}, {Format(high)}]{(numbers.NonFinite > 0 ? $", {numbers.NonFinite} of them infinite" : "")}; current range [{Format(numbers.Min)}, {Format(numbers.Max)}]"));
        }

        if (evaluate && numbers is { Count: > 0 } && constraint?.IsNonNegative == true && numbers.Min < 0)
        {
            // constraints.json's num_constraints.is_non_negative: checked even where a range check tolerates the values.
            var negative = Binning.LowerBound(numbers.Sorted, 0);
            checks.Add(new QualityCheck(QualityCheckKind.OutOfRange, column.Name, false, QualitySeverity.Major, (double)negative / numbers.Count, "= 0",
                $"{negative} negative values where constraints.json requires non-negative numbers (smallest {Format(numbers.Min)})"));
        }

        if (labels is not null && column.Categories is { } categories && column.Kind == FeatureKind.Categorical && present > 0)
        {
            // A label in the constraints' domain (declared by a schema, or added to constraints.json by hand) is not new.
            var known = categories.Counts.Select(p => p.Key).Concat(constraint?.Domains ?? []).ToHashSet(StringComparer.Ordinal);
            var unseen = labels.Counts.Where(p => !known.Contains(p.Key)).OrderByDescending(p => p.Value).ToList();
            if (categories.Complete)
            {
                var share = (double)unseen.Sum(p => p.Value) / present;
                checks.Add(new QualityCheck(QualityCheckKind.NewCategories, column.Name, share <= options.NewCategoryShare, QualitySeverity.Minor, share, $"≤ {Format(options.NewCategoryShare)}",
                    unseen.Count == 0
                        ? "every label is known from the reference or the declared domain"
                        : $"{unseen.Count} new label{(unseen.Count == 1 ? "" : "s")} in {Format(share)} of the values: {string.Join(", ", unseen.Take(5).Select(p => $"'{p.Key}' ({p.Value})"))}{(unseen.Count > 5 ? ", ..." : "")}"));
            }

            if (evaluate && constraint?.Domains is { } domains)
            {
                var domain = domains.ToHashSet(StringComparer.Ordinal);
                var inDomain = (double)labels.Counts.Where(p => domain.Contains(p.Key)).Sum(p => p.Value) / present;
                var threshold = Override(constraint, "domain_content_threshold") ?? config.DomainContentThreshold;
                if (inDomain < threshold)
                {
                    violations.Add(new ConstraintViolation(column.Name, ConstraintCheckTypes.CategoricalValues, ConstraintViolation.ValueDescription(inDomain)));
                }
            }
        }

        var distinctNow = numbers?.Distinct() ?? labels?.Counts.Count ?? -1;
        if (distinctNow >= 0 && present >= 2 && column.Distinct > 1)
        {
            checks.Add(new QualityCheck(QualityCheckKind.ConstantColumn, column.Name, distinctNow > 1, QualitySeverity.Minor, distinctNow, "> 1",
                distinctNow > 1 ? $"{distinctNow} distinct values" : $"every value is the same where the reference had {column.Distinct} distinct values"));
        }

        if (evaluate && config.PerformComparison && constraint is not null && column.Kind is FeatureKind.Numeric or FeatureKind.Categorical or FeatureKind.Boolean)
        {
            var method = column.Kind == FeatureKind.Numeric && config.ComparisonMethod == DistributionComparison.Robust ? DriftMethod.LInfinityRobust : DriftMethod.LInfinity;
            var threshold = column.Kind == FeatureKind.Numeric
                ? Override(constraint, "comparison_threshold") ?? config.ComparisonThreshold
                : Override(constraint, "categorical_comparison_threshold") ?? config.CategoricalComparisonThreshold;
            var drift = DataDrift.TestColumn(baseline, column, values, new DriftOptions
            {
                ColumnMethods = new Dictionary<string, DriftMethod> { [column.Name] = method },
                ColumnThresholds = new Dictionary<string, double> { [column.Name] = threshold },
            });
            if (drift is { Tested: true, Drifted: true })
            {
                violations.Add(new ConstraintViolation(column.Name, ConstraintCheckTypes.BaselineDrift, ConstraintViolation.ValueDescription(drift.Statistic)));
            }
        }
    }

    private static IEnumerable<QualityCheck> DuplicatedColumns(Baseline baseline, Frame current)
    {
        // An emptied column is reported as such (AllMissing), not as a copy of every other empty column.
        var columns = baseline.Columns.Where(c => current.Contains(c.Name) && c.Role is not ColumnRole.Target).Select(c => current[c.Name]).Where(c => c.ValidCount > 0).ToList();
        var hashes = columns.Select(ColumnHash).ToList();
        for (var a = 0; a < columns.Count; a++)
        {
            for (var b = a + 1; b < columns.Count; b++)
            {
                if (hashes[a] != hashes[b] || columns[a].Type != columns[b].Type || !SameValues(columns[a], columns[b]))
                {
                    continue;
                }

                var before = baseline.Reference is { } reference && reference.Contains(columns[a].Name) && reference.Contains(columns[b].Name)
                    && SameValues(reference[columns[a].Name], reference[columns[b].Name]);
                if (!before)
                {
                    yield return new QualityCheck(QualityCheckKind.DuplicatedColumn, columns[b].Name, false, QualitySeverity.Minor, 1, "distinct",
                        $"column '{columns[b].Name}' repeats column '{columns[a].Name}' value for value");
                }
            }
        }
    }

    private static ulong ColumnHash(Column column)
    {
        var hashes = new ulong[column.Length];
        column.HashRows(hashes);
        ulong combined = 0;
        foreach (var hash in hashes)
        {
            combined = RowHash.Combine(combined, hash);
        }

        return combined;
    }

    private static bool SameValues(Column a, Column b)
    {
        if (a.Length != b.Length || a.Type != b.Type)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static double? Override(FeatureConstraint? constraint, string name) =>
        constraint?.MonitoringConfigOverrides?[name] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static string Describe(ColumnBaseline column) => column.Kind switch
    {
        FeatureKind.Numeric => "a number",
        FeatureKind.Boolean => "true or false",
        FeatureKind.DateTime => "a timestamp",
        _ => "text",
    };

    internal static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
