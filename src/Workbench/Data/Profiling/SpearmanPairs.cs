using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Workbench.Data.Profiling;

/// <summary>
/// Spearman correlations for pairs where a column has gaps: pandas ranks the pair's common rows afresh, so the
/// global ranks cannot be used. Two exact methods: a walk down a complete column's sorted order that re-ranks it
/// among the rows where the gapped column is present (one pass for all gapped columns at once), and, when both
/// columns have gaps, re-ranking each from its global ranks with a counting table.
/// </summary>
internal static class SpearmanPairs
{
    /// <summary>Lanes of the row-major rank matrix: gapped columns are processed four at a time, padded with NaN.</summary>
    public const int Lanes = 4;

    /// <summary>
    /// Spearman r of a complete column (its values sorted, with their rows) with gapped columns
    /// <c>[first, first + 4)</c>, given their average ranks row-major (<c>ranks[row * 4 + lane]</c>, NaN where absent),
    /// their present counts and Σ (rank - mean)² over their present rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void CompleteWithGapped(ReadOnlySpan<double> sorted, ReadOnlySpan<int> order, float[] ranks, ReadOnlySpan<long> counts, ReadOnlySpan<double> squares, Span<double> result)
    {
        // The rows come in sorted order, so each read of the rank matrix is a cache miss: ask for the row
        // a few steps ahead while working on this one.
        const int Ahead = 16;
        fixed (float* matrix = ranks)
        {
            double c0 = (counts[0] + 1) / 2.0, c1 = (counts[1] + 1) / 2.0, c2 = (counts[2] + 1) / 2.0, c3 = (counts[3] + 1) / 2.0;
            long b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            double x0 = 0, x1 = 0, x2 = 0, x3 = 0;
            double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
            var t = 0;
            while (t < sorted.Length)
            {
                var value = sorted[t];
                long n0 = 0, n1 = 0, n2 = 0, n3 = 0;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                do
                {
                    if (Sse.IsSupported && t + Ahead < order.Length)
                    {
                        Sse.Prefetch0(matrix + ((long)order[t + Ahead] * Lanes));
                    }

                    var row = order[t] * Lanes;
                    float r0 = ranks[row], r1 = ranks[row + 1], r2 = ranks[row + 2], r3 = ranks[row + 3];
                    if (!float.IsNaN(r0))
                    {
                        n0++;
                        s0 += r0 - c0;
                    }

                    if (!float.IsNaN(r1))
                    {
                        n1++;
                        s1 += r1 - c1;
                    }

                    if (!float.IsNaN(r2))
                    {
                        n2++;
                        s2 += r2 - c2;
                    }

                    if (!float.IsNaN(r3))
                    {
                        n3++;
                        s3 += r3 - c3;
                    }

                    t++;
                }
                while (t < sorted.Length && sorted[t] == value);

                // The tie group's rank among each gapped column's rows: after those before it, averaged over the group.
                Close(ref b0, ref x0, ref q0, n0, s0, c0);
                Close(ref b1, ref x1, ref q1, n1, s1, c1);
                Close(ref b2, ref x2, ref q2, n2, s2, c2);
                Close(ref b3, ref x3, ref q3, n3, s3, c3);
            }

            result[0] = Finish(b0, x0, q0, squares[0]);
            result[1] = Finish(b1, x1, q1, squares[1]);
            result[2] = Finish(b2, x2, q2, squares[2]);
            result[3] = Finish(b3, x3, q3, squares[3]);
        }
    }

    /// <summary>
    /// The same correlations for a complete column of whole numbers in a small range (ages, counts, flags): tie groups
    /// are its values, so one pass in row order sums each gapped column's ranks per value, with no random access.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SmallRangeWithGapped(Column column, long min, int range, float[] ranks, ReadOnlySpan<long> counts, ReadOnlySpan<double> squares, Span<double> result)
    {
        Span<double> centre = stackalloc double[Lanes];
        for (var lane = 0; lane < Lanes; lane++)
        {
            centre[lane] = (counts[lane] + 1) / 2.0;
        }

        var groupCount = new long[range * Lanes];
        var groupSum = new double[range * Lanes];
        Span<double> block = stackalloc double[1024];
        for (var start = 0; start < column.Length; start += block.Length)
        {
            var count = Math.Min(block.Length, column.Length - start);
            column.CopyNumbers(start, count, block);
            for (var i = 0; i < count; i++)
            {
                var slot = (int)((long)block[i] - min) * Lanes;
                var row = (start + i) * Lanes;
                for (var lane = 0; lane < Lanes; lane++)
                {
                    var b = ranks[row + lane];
                    if (!float.IsNaN(b))
                    {
                        groupCount[slot + lane]++;
                        groupSum[slot + lane] += b - centre[lane];
                    }
                }
            }
        }

        for (var lane = 0; lane < Lanes; lane++)
        {
            long before = 0;
            double cross = 0, ownSquares = 0;
            for (var value = 0; value < range; value++)
            {
                Close(ref before, ref cross, ref ownSquares, groupCount[(value * Lanes) + lane], groupSum[(value * Lanes) + lane], centre[lane]);
            }

            result[lane] = Finish(before, cross, ownSquares, squares[lane]);
        }
    }

    private static void Close(ref long before, ref double cross, ref double ownSquares, long groupCount, double groupSum, double centre)
    {
        if (groupCount == 0)
        {
            return;
        }

        var a = before + ((groupCount + 1) / 2.0) - centre;
        cross += a * groupSum;
        ownSquares += groupCount * a * a;
        before += groupCount;
    }

    private static double Finish(long present, double cross, double ownSquares, double otherSquares) =>
        present >= 2 && ownSquares > 0 && otherSquares > 0 ? cross / Math.Sqrt(ownSquares * otherSquares) : double.NaN;

    /// <summary>
    /// Spearman r of two gapped columns over their common rows, from their global average ranks (NaN where
    /// absent) in lanes of row-major rank matrices (<c>ranks[row * 4 + lane]</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double BothGapped(float[] xMatrix, int xLane, float[] yMatrix, int yLane)
    {
        // A row's global average rank, doubled, is a whole number: count the common rows per slot, then each
        // slot's rank among the common rows (also doubled) is 2 * (rows in lower slots) + (rows in the slot) + 1.
        var rows = xMatrix.Length / Lanes;
        var slots = (2 * rows) + 2;
        var rentedX = System.Buffers.ArrayPool<int>.Shared.Rent(slots);
        var rentedY = System.Buffers.ArrayPool<int>.Shared.Rent(slots);
        try
        {
            var tableX = rentedX.AsSpan(0, slots);
            var tableY = rentedY.AsSpan(0, slots);
            tableX.Clear();
            tableY.Clear();
            return BothGapped(xMatrix, xLane, yMatrix, yLane, tableX, tableY);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(rentedX);
            System.Buffers.ArrayPool<int>.Shared.Return(rentedY);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double BothGapped(float[] xMatrix, int xLane, float[] yMatrix, int yLane, Span<int> tableX, Span<int> tableY)
    {
        var rows = xMatrix.Length / Lanes;
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            var x = xMatrix[(r * Lanes) + xLane];
            var y = yMatrix[(r * Lanes) + yLane];
            if (!float.IsNaN(x) && !float.IsNaN(y))
            {
                tableX[(int)(2 * x)]++;
                tableY[(int)(2 * y)]++;
                n++;
            }
        }

        if (n < 2)
        {
            return double.NaN;
        }

        ToDoubledRanks(tableX);
        ToDoubledRanks(tableY);
        var centre = n + 1.0;
        double cross = 0, sa = 0, sb = 0;
        for (var r = 0; r < rows; r++)
        {
            var x = xMatrix[(r * Lanes) + xLane];
            var y = yMatrix[(r * Lanes) + yLane];
            if (!float.IsNaN(x) && !float.IsNaN(y))
            {
                var da = tableX[(int)(2 * x)] - centre;
                var db = tableY[(int)(2 * y)] - centre;
                cross += da * db;
                sa += da * da;
                sb += db * db;
            }
        }

        return sa > 0 && sb > 0 ? cross / Math.Sqrt(sa * sb) : double.NaN;
    }

    private static void ToDoubledRanks(Span<int> table)
    {
        var below = 0;
        for (var s = 0; s < table.Length; s++)
        {
            var count = table[s];
            table[s] = (2 * below) + count + 1;
            below += count;
        }
    }
}
