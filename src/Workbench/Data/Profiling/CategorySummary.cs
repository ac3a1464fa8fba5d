using Workbench.Data;

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
        return new ColumnProfile
        {
            Name = column.Name,
            Type = column.Type,
            Count = column.ValidCount,
            Missing = column.NullCount,
            Distinct = distinct,
            TopValues = top,
        };
    }

    // Counts straight from the codes: no per-row allocation.
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

        return new ColumnProfile
        {
            Name = column.Name,
            Type = column.Type,
            Count = column.ValidCount,
            Missing = column.NullCount,
            Distinct = counts.Count(c => c > 0),
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

        return new ColumnProfile
        {
            Name = column.Name,
            Type = column.Type,
            Count = column.ValidCount,
            Missing = column.NullCount,
            Distinct = distinct,
            FirstDate = ticks.Length == 0 ? null : new DateTime(ticks[0]),
            LastDate = ticks.Length == 0 ? null : new DateTime(ticks[^1]),
            Histogram = Histogram.FromSorted(days),
            TopValues = runs.OrderByDescending(r => r.Count).ThenBy(r => r.Ticks).Take(topValues)
                .Select(r => new ValueCount(DateTimeColumn.FormatIso(new DateTime(r.Ticks)), r.Count)).ToArray(),
        };
    }
}
