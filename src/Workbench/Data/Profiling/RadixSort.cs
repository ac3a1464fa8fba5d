using System.Runtime.CompilerServices;
namespace Workbench.Data.Profiling;

/// <summary>
/// LSD radix sort of doubles carrying row indices: 11-bit digits over order-preserving integer keys,
/// passes skipped where every key shares the digit. Several times faster than a comparison sort on
/// a million values, and stable. -0 sorts as 0; NaN sorts after +infinity.
/// </summary>
internal static class RadixSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Passes = (64 + Bits - 1) / Bits;

    /// <summary>Scratch arrays for sorting up to <see cref="Capacity"/> values, reused across columns.</summary>
    internal sealed class Buffers(int capacity)
    {
        public int Capacity => capacity;

        public ulong[] Keys { get; } = GC.AllocateUninitializedArray<ulong>(capacity);

        public ulong[] TempKeys { get; } = GC.AllocateUninitializedArray<ulong>(capacity);

        public int[] TempRows { get; } = GC.AllocateUninitializedArray<int>(capacity);

        public int[] Histograms { get; } = new int[Passes * Buckets];
    }

    /// <summary>Sorts the first <paramref name="count"/> <paramref name="values"/> ascending in place, moving <paramref name="rows"/> with them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(double[] values, int[] rows, int count, Buffers? buffers = null)
    {
        if (count < 512)
        {
            // Small arrays: the comparison sort wins; keep it stable by sorting (value, row) pairs.
            var pairs = new (double Value, int Row)[count];
            for (var i = 0; i < count; i++)
            {
                pairs[i] = (Normalize(values[i]), rows[i]);
            }

            Array.Sort(pairs, static (a, b) =>
            {
                var c = Key(a.Value).CompareTo(Key(b.Value));
                return c != 0 ? c : a.Row.CompareTo(b.Row);
            });
            for (var i = 0; i < count; i++)
            {
                values[i] = pairs[i].Value;
                rows[i] = pairs[i].Row;
            }

            return;
        }

        buffers ??= new Buffers(count);
        var keys = buffers.Keys;
        var histograms = buffers.Histograms;
        Array.Clear(histograms);
        for (var i = 0; i < count; i++)
        {
            var key = Key(Normalize(values[i]));
            keys[i] = key;
            for (var p = 0; p < Passes; p++)
            {
                histograms[(p * Buckets) + (int)((key >> (p * Bits)) & (Buckets - 1))]++;
            }
        }

        var tempKeys = buffers.TempKeys;
        var tempRows = buffers.TempRows;
        var sourceKeys = keys;
        var sourceRows = rows;
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
                tempKeys[slot] = key;
                tempRows[slot] = sourceRows[i];
            }

            (sourceKeys, tempKeys) = (tempKeys, sourceKeys);
            (sourceRows, tempRows) = (tempRows, sourceRows);
        }

        for (var i = 0; i < count; i++)
        {
            values[i] = FromKey(sourceKeys[i]);
        }

        if (!ReferenceEquals(sourceRows, rows))
        {
            Array.Copy(sourceRows, rows, count);
        }
    }

    private static double Normalize(double value) => value == 0 ? 0.0 : double.IsNaN(value) ? double.NaN : value;

    // Flip negatives entirely and set the sign bit of positives: unsigned order is then numeric order.
    private static ulong Key(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        return (bits & 0x8000000000000000UL) != 0 ? ~bits : bits | 0x8000000000000000UL;
    }

    private static double FromKey(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & 0x8000000000000000UL) != 0 ? key & 0x7FFFFFFFFFFFFFFFUL : ~key);
}
