using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Workbench.Data.Profiling;

/// <summary>
/// LSD radix sort of 64-bit keys carrying row indices: 11-bit digits, passes skipped where every key shares
/// the digit. Stable, and several times faster than a comparison sort on a million values. Doubles are sorted
/// as order-preserving keys in their own array (-0 sorts as 0; NaN after +infinity).
/// </summary>
internal static class RadixSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Passes = (64 + Bits - 1) / Bits;
    private const int SmallSort = 512;

    /// <summary>
    /// Scratch arrays for sorting up to <see cref="Capacity"/> keys, reused from sort to sort and rented from the
    /// shared pool, so a profile's many large sorts reuse the same memory.
    /// </summary>
    internal sealed class Buffers(int capacity) : IDisposable
    {
        public int Capacity => capacity;

        public ulong[] TempKeys { get; } = System.Buffers.ArrayPool<ulong>.Shared.Rent(capacity);

        public int[] TempRows { get; } = System.Buffers.ArrayPool<int>.Shared.Rent(capacity);

        public int[] Histograms { get; } = new int[Passes * Buckets];

        public void Dispose()
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(TempKeys);
            System.Buffers.ArrayPool<int>.Shared.Return(TempRows);
        }
    }

    /// <summary>Sorts the first <paramref name="count"/> <paramref name="values"/> ascending in place, moving <paramref name="rows"/> with them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(double[] values, int[] rows, int count, Buffers? buffers = null)
    {
        // The doubles' own memory holds their integer keys while sorting.
        var keys = MemoryMarshal.Cast<double, ulong>(values.AsSpan(0, count));
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Key(values[i]);
        }

        if (buffers is null)
        {
            using var own = new Buffers(count);
            Sort(keys, rows.AsSpan(0, count), own);
        }
        else
        {
            Sort(keys, rows.AsSpan(0, count), buffers);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            values[i] = FromKey(keys[i]);
        }
    }

    /// <summary>Sorts <paramref name="keys"/> ascending (unsigned) in place, stably, moving <paramref name="rows"/> with them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(Span<ulong> keys, Span<int> rows, Buffers buffers)
    {
        var count = keys.Length;
        if (count < SmallSort)
        {
            SmallStable(keys, rows);
            return;
        }

        var histograms = buffers.Histograms;
        Array.Clear(histograms);
        foreach (var key in keys)
        {
            for (var p = 0; p < Passes; p++)
            {
                histograms[(p * Buckets) + (int)((key >> (p * Bits)) & (Buckets - 1))]++;
            }
        }

        Span<ulong> sourceKeys = keys;
        Span<int> sourceRows = rows;
        Span<ulong> targetKeys = buffers.TempKeys.AsSpan(0, count);
        Span<int> targetRows = buffers.TempRows.AsSpan(0, count);
        var offsets = new int[Buckets];
        for (var p = 0; p < Passes; p++)
        {
            var shift = p * Bits;
            if (histograms[(p * Buckets) + (int)((keys[0] >> shift) & (Buckets - 1))] == count)
            {
                continue;
            }

            var sum = 0;
            for (var b = 0; b < Buckets; b++)
            {
                offsets[b] = sum;
                sum += histograms[(p * Buckets) + b];
            }

            for (var i = 0; i < count; i++)
            {
                var key = sourceKeys[i];
                var slot = offsets[(int)((key >> shift) & (Buckets - 1))]++;
                targetKeys[slot] = key;
                targetRows[slot] = sourceRows[i];
            }

            var swapKeys = sourceKeys;
            sourceKeys = targetKeys;
            targetKeys = swapKeys;
            var swapRows = sourceRows;
            sourceRows = targetRows;
            targetRows = swapRows;
        }

        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(sourceKeys), ref MemoryMarshal.GetReference(keys)))
        {
            sourceKeys.CopyTo(keys);
            sourceRows.CopyTo(rows);
        }
    }

    private static void SmallStable(Span<ulong> keys, Span<int> rows)
    {
        var pairs = new (ulong Key, int Row)[keys.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = (keys[i], rows[i]);
        }

        // Rows carry the original order, so sorting by (key, position) is stable.
        var positions = new int[pairs.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
        }

        Array.Sort(positions, (a, b) =>
        {
            var c = pairs[a].Key.CompareTo(pairs[b].Key);
            return c != 0 ? c : a.CompareTo(b);
        });
        for (var i = 0; i < positions.Length; i++)
        {
            keys[i] = pairs[positions[i]].Key;
            rows[i] = pairs[positions[i]].Row;
        }
    }

    // Flip negatives entirely and set the sign bit of positives: unsigned order is then numeric order.
    private static ulong Key(double value)
    {
        value = value == 0 ? 0.0 : double.IsNaN(value) ? double.NaN : value;
        var bits = BitConverter.DoubleToUInt64Bits(value);
        return (bits & 0x8000000000000000UL) != 0 ? ~bits : bits | 0x8000000000000000UL;
    }

    private static double FromKey(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & 0x8000000000000000UL) != 0 ? key & 0x7FFFFFFFFFFFFFFFUL : ~key);
}
