using System.Runtime.CompilerServices;

namespace Workbench.Data.Profiling;

/// <summary>Profiles of text, categorical and datetime columns.</summary>
internal static class CategorySummary
{
    public static ColumnProfile Text(Column column, int topValues)
    {
        if (column is CategoricalColumn categorical)
        {
            return Categories(categorical, topValues);
        }

        var codes = column.Factorize(out var distinct);
        var counts = new long[distinct];
        var firstRow = new int[distinct];
        for (var i = codes.Length - 1; i >= 0; i--)
        {
            if (codes[i] >= 0)
            {
                counts[codes[i]]++;
                firstRow[codes[i]] = i;
            }
        }

        var top = Enumerable.Range(0, distinct)
            .Select(code => new ValueCount(column.Format(firstRow[code])!, counts[code]))
            .OrderByDescending(v => v.Count)
            .ThenBy(v => v.Value, StringComparer.Ordinal)
            .Take(topValues)
            .ToArray();
        return Counted(column, distinct) with { TopValues = top };
    }

    /// <summary>What every column's profile has: name, type, present, missing and distinct counts.</summary>
    private static ColumnProfile Counted(Column column, long distinct) => new()
    {
        Name = column.Name,
        Type = column.Type,
        Count = column.ValidCount,
        Missing = column.NullCount,
        Distinct = distinct,
    };

    // Counts straight from the codes: no per-row allocation.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ColumnProfile Categories(CategoricalColumn column, int topValues)
    {
        var counts = new long[column.Categories.Count];
        foreach (var code in column.Codes)
        {
            if (code >= 0)
            {
                counts[code]++;
            }
        }

        return Counted(column, counts.Count(c => c > 0)) with
        {
            TopValues = Enumerable.Range(0, counts.Length).Where(c => counts[c] > 0)
                .Select(c => new ValueCount(column.Categories[c], counts[c]))
                .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)
                .Take(topValues).ToArray(),
        };
    }

    public static ColumnProfile Dates(DateTimeColumn column, int topValues)
    {
        var ticks = column.ValidValues().Select(d => d.Ticks).ToArray();
        Array.Sort(ticks);
        var days = ticks.Select(t => new DateTime(t).ToOADate()).ToArray();
        long distinct = 0;
        var runs = new List<(long Ticks, long Count)>();
        for (var i = 0; i < ticks.Length; i++)
        {
            if (i == 0 || ticks[i] != ticks[i - 1])
            {
                distinct++;
                runs.Add((ticks[i], 0));
            }

            runs[^1] = (runs[^1].Ticks, runs[^1].Count + 1);
        }

        return Counted(column, distinct) with
        {
            FirstDate = ticks.Length == 0 ? null : new DateTime(ticks[0]),
            LastDate = ticks.Length == 0 ? null : new DateTime(ticks[^1]),
            Histogram = Histogram.FromSorted(days),
            TopValues = runs.OrderByDescending(r => r.Count).ThenBy(r => r.Ticks).Take(topValues)
                .Select(r => new ValueCount(DateTimeColumn.FormatIso(new DateTime(r.Ticks)), r.Count)).ToArray(),
        };
    }
}
