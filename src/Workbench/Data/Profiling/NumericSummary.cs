using System.Globalization;
using System.Runtime.CompilerServices;

namespace Workbench.Data.Profiling;

/// <summary>
/// The profile of a numeric (or boolean) column from one sort of its values: moments in two passes,
/// then quartiles, distinct values, top values, histogram and average ranks (for Spearman) from the sorted array.
/// </summary>
internal static class NumericSummary
{
    /// <summary>Scratch arrays for one thread, reused from column to column (fresh large arrays cost page faults and collections).</summary>
    internal sealed class Workspace(int rows) : IDisposable
    {
        public double[] Values { get; } = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(rows, 1));

        public int[] Rows { get; } = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(rows, 1));

        public RadixSort.Buffers Sort { get; } = new(rows);

        public void Dispose()
        {
            System.Buffers.ArrayPool<double>.Shared.Return(Values);
            System.Buffers.ArrayPool<int>.Shared.Return(Rows);
            Sort.Dispose();
        }
    }

    /// <summary>Where a column's ranks go: every <c>Stride</c>-th float of <c>Target</c> from <c>Offset</c> (a lane of a row-major matrix), or a new array.</summary>
    internal readonly record struct RankSink(float[] Target, int Stride, int Offset);

    /// <summary>
    /// The result, with the average rank (1-based) of every row among the present non-NaN values, NaN elsewhere,
    /// when asked. The sorted values and their rows stay in the workspace until its next use.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (ColumnProfile Profile, float[]? Ranks) Compute(Column column, bool ranks, int topValues, Workspace workspace, RankSink? sink = null)
    {
        var n = column.Length;
        var present = n - column.NullCount;
        var values = workspace.Values;
        var rows = workspace.Rows;

        // Present, non-NaN values with their rows, copied block by block (missing values arrive as NaN).
        Span<double> block = stackalloc double[1024];
        var m = 0;
        for (var start = 0; start < n; start += block.Length)
        {
            var count = Math.Min(block.Length, n - start);
            column.CopyNumbers(start, count, block);
            for (var i = 0; i < count; i++)
            {
                var v = block[i];
                if (!double.IsNaN(v))
                {
                    values[m] = v;
                    rows[m++] = start + i;
                }
            }
        }

        var nanCount = present - m;
        var finite = values.AsSpan(0, m);
        var mean = Stats.Mean(finite);
        var (variance, skew) = Stats.VarianceAndSkewness(finite, mean);
        if (column.Type is ColumnType.Int64 or ColumnType.Boolean && m > 0)
        {
            CountingSort(values, rows, m, workspace);
        }
        else
        {
            RadixSort.Sort(values, rows, m, workspace.Sort);
        }

        // One pass over the runs of equal values: distinct values, infinities, average ranks and the top values.
        var sorted = values.AsSpan(0, m);
        var distinct = 0L;
        var infinite = 0L;
        var top = new TopValues(topValues);
        float[]? rankArray = null;
        var (target, stride, offset) = !ranks ? default : sink ?? new RankSink(rankArray = new float[n], 1, 0);
        if (ranks && sink is null)
        {
            Array.Fill(target, float.NaN);
        }

        var k = 0;
        while (k < m)
        {
            var value = sorted[k];
            var end = k + 1;
            while (end < m && sorted[end] == value)
            {
                end++;
            }

            distinct++;
            if (double.IsInfinity(value))
            {
                infinite += end - k;
            }

            if (target is not null)
            {
                // Ties share the average of the ranks they span (pandas' method="average").
                var rank = (float)((k + 1 + end) / 2.0);
                for (var t = k; t < end; t++)
                {
                    target[(rows[t] * stride) + offset] = rank;
                }
            }

            top.Offer(value, end - k);
            k = end;
        }

        if (nanCount > 0)
        {
            top.Offer(double.NaN, nanCount);
        }

        var profile = new ColumnProfile
        {
            Name = column.Name,
            Type = column.Type,
            Count = present,
            Missing = column.NullCount,
            Distinct = distinct + (nanCount > 0 ? 1 : 0),
            NaNCount = nanCount,
            InfiniteCount = infinite,
            Mean = m == 0 ? null : mean,
            Std = m < 2 ? null : Math.Sqrt(variance),
            Min = m == 0 ? null : sorted[0],
            Q25 = m == 0 ? null : Stats.QuantileSorted(sorted, 0.25),
            Median = m == 0 ? null : Stats.QuantileSorted(sorted, 0.5),
            Q75 = m == 0 ? null : Stats.QuantileSorted(sorted, 0.75),
            Max = m == 0 ? null : sorted[^1],
            Skew = m < 3 ? null : skew,
            Histogram = Histogram.FromSorted(sorted),
            TopValues = top.Result(column.Type),
        };
        return (profile, rankArray);
    }

    /// <summary>Whole numbers in a small range (ages, counts, flags) sort in one counting pass, stably.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountingSort(double[] values, int[] rows, int count, Workspace workspace)
    {
        double min = values[0], max = values[0];
        for (var i = 1; i < count; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        if (max - min > Math.Max(2L * count, 1 << 16))
        {
            RadixSort.Sort(values, rows, count, workspace.Sort);
            return;
        }

        var buckets = new int[(int)(max - min) + 2];
        for (var i = 0; i < count; i++)
        {
            buckets[(int)(values[i] - min) + 1]++;
        }

        for (var b = 1; b < buckets.Length; b++)
        {
            buckets[b] += buckets[b - 1];
        }

        var sortedRows = workspace.Sort.TempRows;
        for (var i = 0; i < count; i++)
        {
            sortedRows[buckets[(int)(values[i] - min)]++] = rows[i];
        }

        // Rebuild the values from the bucket bounds (each bucket's end is now the next one's start).
        var position = 0;
        for (var b = 0; b < buckets.Length - 1; b++)
        {
            var value = min + b;
            while (position < buckets[b])
            {
                values[position++] = value;
            }
        }

        Array.Copy(sortedRows, rows, count);
    }

    /// <summary>The most frequent values seen so far: a min-heap on (count, then smaller value first).</summary>
    private sealed class TopValues(int limit)
    {
        private readonly PriorityQueue<(double Value, long Count), (long Count, double NegatedValue)> _heap = new();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Offer(double value, long count)
        {
            var priority = (count, double.IsNaN(value) ? double.NegativeInfinity : -value);
            if (_heap.Count < limit)
            {
                _heap.Enqueue((value, count), priority);
            }
            else if (limit > 0 && _heap.TryPeek(out _, out var worst) && (priority.count > worst.Count || (priority.count == worst.Count && priority.Item2 > worst.NegatedValue)))
            {
                _heap.DequeueEnqueue((value, count), priority);
            }
        }

        public IReadOnlyList<ValueCount> Result(ColumnType type)
        {
            var result = new List<(double Value, long Count)>();
            while (_heap.Count > 0)
            {
                result.Add(_heap.Dequeue());
            }

            result.Reverse();
            return result.Select(r => new ValueCount(Format(r.Value, type), r.Count)).ToArray();
        }
    }

    private static string Format(double value, ColumnType type) => type switch
    {
        ColumnType.Boolean => value != 0 ? "true" : "false",
        ColumnType.Int64 => ((long)value).ToString(CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
