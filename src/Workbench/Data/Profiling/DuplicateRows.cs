using System.Runtime.CompilerServices;

namespace Workbench.Data.Profiling;

/// <summary>
/// Counts rows that repeat an earlier row exactly (pandas' <c>duplicated().sum()</c>): a 64-bit hash per row
/// from every column's values, rows radix-sorted by hash, and rows with equal hashes compared value by value,
/// so a hash collision never counts as a duplicate.
/// </summary>
internal static class DuplicateRows
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Count(Frame frame)
    {
        var n = frame.RowCount;
        if (n < 2 || frame.ColumnCount == 0)
        {
            return 0;
        }

        var hashArray = System.Buffers.ArrayPool<ulong>.Shared.Rent(n);
        var rowArray = System.Buffers.ArrayPool<int>.Shared.Rent(n);
        try
        {
            return Count(frame, hashArray.AsSpan(0, n), rowArray.AsSpan(0, n));
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(hashArray);
            System.Buffers.ArrayPool<int>.Shared.Return(rowArray);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Count(Frame frame, Span<ulong> hashes, Span<int> rows)
    {
        var n = hashes.Length;
        hashes.Clear();
        foreach (var column in frame.Columns)
        {
            column.HashRows(hashes);
        }

        for (var i = 0; i < n; i++)
        {
            hashes[i] = RowHash.Mix(hashes[i]);
            rows[i] = i;
        }

        using (var buffers = new RadixSort.Buffers(n))
        {
            RadixSort.Sort(hashes, rows, buffers);
        }

        long duplicates = 0;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && hashes[end] == hashes[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                duplicates += DuplicatesWithin(frame, rows.Slice(start, end - start));
            }

            start = end;
        }

        return duplicates;
    }

    // Rows of one hash (in row order, the sort being stable): each equal to an earlier distinct one is a duplicate.
    private static long DuplicatesWithin(Frame frame, ReadOnlySpan<int> rows)
    {
        var distinct = new List<int>(2);
        long duplicates = 0;
        foreach (var row in rows)
        {
            var seen = false;
            foreach (var other in distinct)
            {
                if (Equal(frame, row, other))
                {
                    seen = true;
                    break;
                }
            }

            if (seen)
            {
                duplicates++;
            }
            else
            {
                distinct.Add(row);
            }
        }

        return duplicates;
    }

    private static bool Equal(Frame frame, int a, int b)
    {
        foreach (var column in frame.Columns)
        {
            if (!column.ValuesEqual(a, b))
            {
                return false;
            }
        }

        return true;
    }
}
