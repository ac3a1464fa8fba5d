using System.Globalization;

namespace Workbench.Data.Profiling;

/// <summary>Turns a profile's numbers into findings people act on.</summary>
internal static class ProfileWarnings
{
    public static List<ProfileWarning> Find(IReadOnlyList<ColumnProfile> columns, CorrelationMatrix pearson, long? duplicates, int rows, ProfileOptions options)
    {
        var warnings = new List<ProfileWarning>();
        foreach (var c in columns)
        {
            if (c.IsConstant && rows > 0)
            {
                warnings.Add(new(ProfileWarningKind.Constant, [c.Name], c.Distinct == 0
                    ? $"'{c.Name}' has no values at all."
                    : $"'{c.Name}' has a single value ({c.TopValues.FirstOrDefault()?.Value}): it carries no information."));
            }

            if (rows > 0 && c.MissingFraction >= options.MostlyMissingFraction && c.Distinct > 0)
            {
                warnings.Add(new(ProfileWarningKind.MostlyMissing, [c.Name], Invariant($"'{c.Name}' is missing in {c.MissingFraction * 100:F1}% of rows.")));
            }

            if (c.Type is ColumnType.String or ColumnType.Categorical && c.Distinct > options.HighCardinality && c.Distinct * 2 > c.Count)
            {
                warnings.Add(new(ProfileWarningKind.HighCardinality, [c.Name], Invariant($"'{c.Name}' has {c.Distinct} distinct values in {c.Count} rows: an identifier or free text, not a category to encode.")));
            }

            if (c.NaNCount > 0)
            {
                warnings.Add(new(ProfileWarningKind.NaNValues, [c.Name], Invariant($"'{c.Name}' holds {c.NaNCount} NaN values (not missing values); they are left out of its statistics.")));
            }

            if (c.Skew is { } skew && Math.Abs(skew) >= options.HighSkew && !c.IsConstant)
            {
                warnings.Add(new(ProfileWarningKind.Skewed, [c.Name], Invariant($"'{c.Name}' is strongly skewed (skew {skew:F2}){(skew > 0 && c.Min > 0 ? "; a log transform may help" : string.Empty)}.")));
            }
        }

        foreach (var (a, b, r) in pearson.Pairs().Where(p => Math.Abs(p.R) >= options.HighCorrelation))
        {
            warnings.Add(new(ProfileWarningKind.HighCorrelation, [a, b], Invariant($"'{a}' and '{b}' are highly correlated (r = {r:F3}): one of them adds little.")));
        }

        if (duplicates > 0)
        {
            warnings.Add(new(ProfileWarningKind.DuplicateRows, [], Invariant($"{duplicates} rows repeat an earlier row exactly ({100.0 * duplicates / rows:F2}% of rows).")));
        }

        return warnings;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
