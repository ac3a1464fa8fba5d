using System.Numerics;

namespace Workbench.Data;

/// <summary>Sorting floating-point keys with NaN after every number (the runtime's sort puts NaN first).</summary>
internal static class FloatingSort
{
    public static void SortNaNLast<T>(T[] keys, int[] rows)
        where T : struct, IFloatingPointIeee754<T>
    {
        Array.Sort(keys, rows);
        var nanCount = 0;
        while (nanCount < keys.Length && T.IsNaN(keys[nanCount]))
        {
            nanCount++;
        }

        if (nanCount == 0 || nanCount == keys.Length)
        {
            return;
        }

        Rotate(keys, nanCount);
        Rotate(rows, nanCount);
    }

    /// <summary>Moves the first <paramref name="count"/> elements to the end, keeping both parts in order.</summary>
    private static void Rotate<T>(T[] array, int count)
    {
        var span = array.AsSpan();
        span[..count].Reverse();
        span[count..].Reverse();
        span.Reverse();
    }
}
