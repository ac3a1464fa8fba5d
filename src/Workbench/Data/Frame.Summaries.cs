namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>Groups rows by the values of the key columns.</summary>
    public GroupBy GroupBy(params string[] keys) => new(this, keys);

    /// <summary>
    /// How often each combination of values occurs: the columns, then <c>count</c> (or <c>proportion</c>
    /// with <paramref name="normalize"/>), most frequent first, ties in value order. Missing values are
    /// dropped unless <paramref name="dropMissing"/> is false.
    /// </summary>
    public Frame ValueCounts(string[] columns, bool normalize = false, bool dropMissing = true)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var source = this;
        if (dropMissing)
        {
            var keep = new bool[RowCount];
            Array.Fill(keep, true);
            foreach (var name in columns)
            {
                var column = this[name];
                for (var i = 0; i < keep.Length; i++)
                {
                    keep[i] &= !column.IsNull(i);
                }
            }

            source = Filter(new RowMask(keep));
        }

        var sizes = source.GroupBy(columns).Size();
        // Group order is value order; a stable sort by count keeps it for ties.
        var counted = sizes.SortBy(SortKey.Desc("count"));
        if (!normalize)
        {
            return counted;
        }

        var counts = ((Int64Column)counted["count"]).Values;
        var total = source.RowCount;
        var proportions = new double[counts.Length];
        for (var i = 0; i < proportions.Length; i++)
        {
            proportions[i] = (double)counts[i] / total;
        }

        return counted.Drop("count").Add(DoubleColumn.Adopt("proportion", proportions, null));
    }

    /// <summary>Value counts of one column (see <see cref="ValueCounts(string[], bool, bool)"/>).</summary>
    public Frame ValueCounts(string column, bool normalize = false, bool dropMissing = true) => ValueCounts([column], normalize, dropMissing);

    /// <summary>
    /// pandas' <c>describe()</c> for the numeric columns: a <c>statistic</c> column (count, mean, std, min,
    /// 25%, 50%, 75%, max) and one float64 column per numeric column. <see cref="Profiling.FrameProfile"/> covers every type.
    /// </summary>
    public Frame Describe()
    {
        string[] statistics = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"];
        var result = new Frame(StringColumn.Adopt("statistic", statistics));
        foreach (var column in _columns.Where(c => c.IsNumeric))
        {
            var values = Stats.PresentValues(column);
            var mean = Stats.Mean(values);
            var sorted = (double[])values.Clone();
            Stats.FloatingSortInPlace(sorted);
            result.Add(new DoubleColumn(column.Name,
            [
                values.Length, mean, Math.Sqrt(Stats.Variance(values, mean)),
                sorted.Length == 0 ? double.NaN : sorted[0],
                Stats.QuantileSorted(sorted, 0.25), Stats.QuantileSorted(sorted, 0.5), Stats.QuantileSorted(sorted, 0.75),
                sorted.Length == 0 ? double.NaN : sorted[^1],
            ]));
        }

        return result;
    }
}
