using System.Buffers;

namespace Workbench.Monitoring.Statistics;

/// <summary>
/// Sorts finite doubles ascending. Large arrays go through an LSD radix sort on the IEEE 754 bits (flipped so unsigned
/// order is numeric order; eleven-bit digits, passes whose digit is the same for every value skipped), which is several
/// times faster than a comparison sort on the million-value columns a monitoring report sorts; small ones use
/// <see cref="Array.Sort(Array)"/>. The result is the same ascending order (0.0 and -0.0, equal as numbers, may swap).
/// </summary>
internal static class DoubleSort
{
    private const int RadixThreshold = 4096;
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Digits = (64 + DigitBits - 1) / DigitBits;

    public static void Sort(double[] values, int length)
    {
        if (length < RadixThreshold)
        {
            Array.Sort(values, 0, length);
            return;
        }

        var keys = ArrayPool<ulong>.Shared.Rent(length);
        var buffer = ArrayPool<ulong>.Shared.Rent(length);
        var counts = new int[Digits * Buckets];
        try
        {
            for (var i = 0; i < length; i++)
            {
                var bits = (ulong)BitConverter.DoubleToInt64Bits(values[i]);
                // Negative numbers: every bit flipped (larger magnitude sorts first); positive: the sign bit set.
                var key = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
                keys[i] = key;
                for (var d = 0; d < Digits; d++)
                {
                    counts[(d * Buckets) + (int)((key >> (d * DigitBits)) & (Buckets - 1))]++;
                }
            }

            var source = keys;
            var target = buffer;
            for (var d = 0; d < Digits; d++)
            {
                var offset = d * Buckets;
                var first = (int)((source[0] >> (d * DigitBits)) & (Buckets - 1));
                if (counts[offset + first] == length)
                {
                    continue;
                }

                var total = 0;
                for (var b = 0; b < Buckets; b++)
                {
                    var count = counts[offset + b];
                    counts[offset + b] = total;
                    total += count;
                }

                var shift = d * DigitBits;
                for (var i = 0; i < length; i++)
                {
                    var key = source[i];
                    target[counts[offset + (int)((key >> shift) & (Buckets - 1))]++] = key;
                }

                (source, target) = (target, source);
            }

            for (var i = 0; i < length; i++)
            {
                var key = source[i];
                var bits = (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
                values[i] = BitConverter.Int64BitsToDouble((long)bits);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<ulong>.Shared.Return(buffer);
        }
    }
}
