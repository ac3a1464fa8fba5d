namespace Workbench.Data;

/// <summary>Turns the rows of one or more key columns into integer codes: equal keys, equal codes.</summary>
internal static class KeyCodes
{
    /// <summary>
    /// Codes 0..count-1 in order of first appearance. With <paramref name="nullIsKey"/> a missing value is a key
    /// of its own (group-by); otherwise a row with any missing key gets -1 (joins: missing never matches).
    /// </summary>
    public static int[] Of(IReadOnlyList<Column> keys, bool nullIsKey, out int count)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException("at least one key column is needed.", nameof(keys));
        }

        var codes = Single(keys[0], nullIsKey, out count);
        for (var k = 1; k < keys.Count; k++)
        {
            var next = Single(keys[k], nullIsKey, out var nextCount);
            var combined = new Dictionary<long, int>();
            for (var i = 0; i < codes.Length; i++)
            {
                if (codes[i] < 0 || next[i] < 0)
                {
                    codes[i] = -1;
                    continue;
                }

                var pair = ((long)codes[i] * nextCount) + next[i];
                if (!combined.TryGetValue(pair, out var code))
                {
                    code = combined.Count;
                    combined.Add(pair, code);
                }

                codes[i] = code;
            }

            count = combined.Count;
        }

        return codes;
    }

    private static int[] Single(Column column, bool nullIsKey, out int count)
    {
        var codes = column.Factorize(out count);
        if (nullIsKey && column.HasNulls)
        {
            for (var i = 0; i < codes.Length; i++)
            {
                if (codes[i] < 0)
                {
                    codes[i] = count;
                }
            }

            count++;
        }

        return codes;
    }

    /// <summary>Rows of each code, grouped: rows of code g are <c>rows[offsets[g]..offsets[g + 1]]</c>, in row order.</summary>
    public static (int[] Rows, int[] Offsets) Buckets(ReadOnlySpan<int> codes, int count)
    {
        var offsets = new int[count + 1];
        foreach (var code in codes)
        {
            if (code >= 0)
            {
                offsets[code + 1]++;
            }
        }

        for (var g = 0; g < count; g++)
        {
            offsets[g + 1] += offsets[g];
        }

        var rows = new int[offsets[count]];
        var fill = offsets[..count];
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] >= 0)
            {
                rows[fill[codes[i]]++] = i;
            }
        }

        return (rows, offsets);
    }
}
