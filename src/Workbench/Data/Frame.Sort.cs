namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>Rows sorted by the columns, ascending; stable; missing values last.</summary>
    public Frame SortBy(params string[] columns) => SortBy(columns.Select(c => new SortKey(c)).ToArray());

    /// <summary>
    /// Rows sorted by several keys, each ascending or descending (<c>SortBy(SortKey.Desc("age"), "bmi")</c>).
    /// The sort is stable (equal rows keep their order), missing values go last whatever the direction, and
    /// NaN sorts after every number. Text sorts by ordinal (code point) order.
    /// </summary>
    public Frame SortBy(params SortKey[] keys) => Take(SortedRows(keys));

    /// <summary>The row order <see cref="SortBy(SortKey[])"/> would produce.</summary>
    public int[] SortedRows(params SortKey[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            throw new ArgumentException("give at least one column to sort by.", nameof(keys));
        }

        var ranks = new int[keys.Length][];
        for (var k = 0; k < keys.Length; k++)
        {
            var r = this[keys[k].Column].DenseRanks(out var distinct);
            for (var i = 0; i < r.Length; i++)
            {
                // Missing last in either direction; descending flips only the present values.
                r[i] = r[i] < 0 ? int.MaxValue : keys[k].Descending ? distinct - 1 - r[i] : r[i];
            }

            ranks[k] = r;
        }

        var order = Range(0, RowCount);
        if (ranks.Length == 1)
        {
            // One key: sort (rank, row) pairs packed in a long, which also makes the sort stable.
            var packed = new long[RowCount];
            var r = ranks[0];
            for (var i = 0; i < packed.Length; i++)
            {
                packed[i] = ((long)r[i] << 32) | (uint)i;
            }

            Array.Sort(packed);
            for (var i = 0; i < packed.Length; i++)
            {
                order[i] = (int)(packed[i] & 0xFFFFFFFF);
            }

            return order;
        }

        Array.Sort(order, new RankComparer(ranks));
        return order;
    }

    private sealed class RankComparer(int[][] ranks) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            foreach (var r in ranks)
            {
                var c = r[x].CompareTo(r[y]);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.CompareTo(y);
        }
    }
}
