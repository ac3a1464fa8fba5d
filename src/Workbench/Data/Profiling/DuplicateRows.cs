using System.Runtime.CompilerServices;
namespace Workbench.Data.Profiling;

/// <summary>
/// Counts rows that repeat an earlier row exactly (pandas' <c>duplicated().sum()</c>): a 64-bit hash per row
/// from every column's values, then rows with a hash seen before compared value by value, so a hash
/// collision never counts as a duplicate.
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

        var hashes = new ulong[n];
        foreach (var column in frame.Columns)
        {
            column.HashRows(hashes);
        }

        // First row of each hash; rows that share a hash but differ (a collision) go to the overflow list.
        var first = new Dictionary<ulong, int>(n);
        Dictionary<ulong, List<int>>? overflow = null;
        long duplicates = 0;
        for (var row = 0; row < n; row++)
        {
            if (!first.TryGetValue(hashes[row], out var earlier))
            {
                first.Add(hashes[row], row);
                continue;
            }

            if (Equal(frame, row, earlier))
            {
                duplicates++;
                continue;
            }

            overflow ??= [];
            if (!overflow.TryGetValue(hashes[row], out var others))
            {
                overflow[hashes[row]] = others = [];
            }

            if (others.Any(other => Equal(frame, row, other)))
            {
                duplicates++;
            }
            else
            {
                others.Add(row);
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
