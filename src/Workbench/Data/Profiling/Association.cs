namespace Workbench.Data.Profiling;

/// <summary>Strength of association between a column and a grouping, over the rows where both are present.</summary>
internal static class Association
{
    /// <summary>
    /// The correlation ratio η in [0, 1]: the square root of the share of a numeric column's variance explained
    /// by the groups (η² = between-group / total sum of squares). NaN when the values do not vary.
    /// </summary>
    public static double CorrelationRatio(Column numeric, int[] groups, int groupCount)
    {
        var values = new double[numeric.Length];
        numeric.CopyNumbers(values);
        var sums = new double[groupCount];
        var counts = new long[groupCount];
        double total = 0;
        long n = 0;
        for (var r = 0; r < values.Length; r++)
        {
            if (groups[r] >= 0 && !double.IsNaN(values[r]))
            {
                sums[groups[r]] += values[r];
                counts[groups[r]]++;
                total += values[r];
                n++;
            }
        }

        if (n < 2)
        {
            return double.NaN;
        }

        var mean = total / n;
        double within = 0, all = 0;
        for (var r = 0; r < values.Length; r++)
        {
            if (groups[r] >= 0 && !double.IsNaN(values[r]))
            {
                var d = values[r] - mean;
                all += d * d;
                var w = values[r] - (sums[groups[r]] / counts[groups[r]]);
                within += w * w;
            }
        }

        return all > 0 ? Math.Sqrt(Math.Clamp(1 - (within / all), 0, 1)) : double.NaN;
    }

    /// <summary>Cramér's V in [0, 1] from the contingency table of two groupings (without bias correction). NaN when either has one level.</summary>
    public static double CramersV(int[] a, int aCount, int[] b, int bCount)
    {
        var table = new long[aCount, bCount];
        var rowTotals = new long[aCount];
        var columnTotals = new long[bCount];
        long n = 0;
        for (var r = 0; r < a.Length; r++)
        {
            if (a[r] >= 0 && b[r] >= 0)
            {
                table[a[r], b[r]]++;
                rowTotals[a[r]]++;
                columnTotals[b[r]]++;
                n++;
            }
        }

        var rowsUsed = rowTotals.Count(t => t > 0);
        var columnsUsed = columnTotals.Count(t => t > 0);
        if (n == 0 || rowsUsed < 2 || columnsUsed < 2)
        {
            return double.NaN;
        }

        double chi2 = 0;
        for (var i = 0; i < aCount; i++)
        {
            for (var j = 0; j < bCount; j++)
            {
                if (rowTotals[i] == 0 || columnTotals[j] == 0)
                {
                    continue;
                }

                var expected = (double)rowTotals[i] * columnTotals[j] / n;
                var d = table[i, j] - expected;
                chi2 += d * d / expected;
            }
        }

        return Math.Sqrt(chi2 / (n * (Math.Min(rowsUsed, columnsUsed) - 1)));
    }
}
