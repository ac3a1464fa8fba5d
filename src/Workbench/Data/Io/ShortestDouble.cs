using System.Numerics;
using System.Runtime.CompilerServices;

namespace Workbench.Data.Io;

/// <summary>
/// Writes a finite double as the shortest decimal that reads back to it, in the text .NET's
/// <c>double.ToString("R")</c> (and <c>Utf8JsonWriter</c>) writes: <c>0.1</c>, <c>1E-05</c>, <c>1.2345E+17</c>, <c>-0</c>.
/// .NET takes about 120 ns per value on the benchmark machine; served answers with probabilities or regression values
/// write one per row and class, so this finds the digits with Ulf Adams' Ryū algorithm (PLDI 2018: a 64x128-bit
/// multiply by a precomputed power of five, then dropping digits while the interval of values that read back
/// allows), at about a fifth of that. The power tables are computed exactly at start-up with BigInteger.
/// </summary>
internal static class ShortestDouble
{
    /// <summary>Enough for any double: a sign, 17 digits, a point, up to 5 leading zeros or "E+308".</summary>
    public const int MaxLength = 26;

    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;
    private const int Pow5InverseBitCount = 125;
    private const int Pow5BitCount = 125;

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    // Indexed by q: 2^(Pow5Bits(q) - 1 + 125) / 5^q + 1, as (low, high) 64-bit halves.
    private static readonly ulong[] Pow5InverseSplit = Table(342, inverse: true);

    // Indexed by i: 5^i scaled to its top 125 bits, as (low, high).
    private static readonly ulong[] Pow5Split = Table(326, inverse: false);

    /// <summary>
    /// Writes <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes);
    /// false, writing nothing, for NaN and infinities.
    /// </summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var mantissa = bits & ((1UL << MantissaBits) - 1);
        var exponent = (uint)(bits >> MantissaBits) & 0x7FF;
        written = 0;
        if (exponent == 0x7FF)
        {
            return false;
        }

        var at = 0;
        if ((long)bits < 0)
        {
            destination[at++] = (byte)'-';
        }

        if (exponent == 0 && mantissa == 0)
        {
            destination[at++] = (byte)'0';
            written = at;
            return true;
        }

        var (digits, decimalExponent) = Shortest(mantissa, exponent);
        written = at + Write(digits, decimalExponent, destination[at..]);
        return true;
    }

    /// <summary>
    /// The text <c>double.ToString("R")</c> writes for any double, into <paramref name="destination"/> (at least
    /// <see cref="MaxLength"/> bytes): this class's for finite values, .NET's own for NaN and infinities. Returns the
    /// bytes written.
    /// </summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (!TryFormat(value, destination, out var written))
        {
            value.TryFormat(destination, out written, "R", System.Globalization.CultureInfo.InvariantCulture);
        }

        return written;
    }

    /// <summary>The shortest digits (as an integer) and their power of ten, the closest to the value among equals.</summary>
    private static (ulong Digits, int Exponent) Shortest(ulong ieeeMantissa, uint ieeeExponent)
    {
        int e2;
        ulong m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - ExponentBias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = (int)ieeeExponent - ExponentBias - MantissaBits - 2;
            m2 = (1UL << MantissaBits) | ieeeMantissa;
        }

        // Round half to even: an even mantissa's interval includes its bounds.
        var acceptBounds = (m2 & 1) == 0;
        var mv = 4 * m2;
        // The gap below is half as wide at the bottom of a binade.
        var mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
        ulong vr, vp, vm;
        int e10;
        var vmIsTrailingZeros = false;
        var vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            var q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            var k = Pow5InverseBitCount + Pow5Bits(q) - 1;
            var i = -e2 + q + k;
            vr = MulShiftAll(m2, Pow5InverseSplit, q, i, mmShift, out vp, out vm);
            if (q <= 21)
            {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
                }
                else if (acceptBounds)
                {
                    vmIsTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
                }
                else if (MultipleOfPowerOf5(mv + 2, q))
                {
                    vp--;
                }
            }
        }
        else
        {
            var q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            var i = -e2 - q;
            var k = Pow5Bits(i) - Pow5BitCount;
            var j = q - k;
            vr = MulShiftAll(m2, Pow5Split, i, j, mmShift, out vp, out vm);
            if (q <= 1)
            {
                // mv has at least q trailing zero bits; mm has them when mmShift is 1; mp = mv + 2 then too.
                vrIsTrailingZeros = true;
                if (acceptBounds)
                {
                    vmIsTrailingZeros = mmShift == 1;
                }
                else
                {
                    vp--;
                }
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        var removed = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // The rare case where the interval's ends or the value are exact in decimal.
            var lastRemovedDigit = 0u;
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = DropDigit(ref vr, ref vp, ref vm, 10);
                removed++;
            }

            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = DropDigit(ref vr, ref vp, ref vm, 10);
                    removed++;
                }
            }

            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0)
            {
                // Exactly halfway: round to even.
                lastRemovedDigit = 4;
            }

            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }
        else
        {
            var roundUp = false;
            if (vp / 100 > vm / 100)
            {
                roundUp = DropDigit(ref vr, ref vp, ref vm, 100) >= 50;
                removed += 2;
            }

            while (vp / 10 > vm / 10)
            {
                roundUp = DropDigit(ref vr, ref vp, ref vm, 10) >= 5;
                removed++;
            }

            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }

        return (output, e10 + removed);
    }

    /// <summary>
    /// .NET's layout of the digits: plain when the leading digit's power of ten is from -5 to 16 (<c>0.0001</c>,
    /// <c>12345678901234568</c>), else scientific with a signed exponent of at least two digits.
    /// </summary>
    private static int Write(ulong digits, int exponent, Span<byte> destination)
    {
        Span<byte> text = stackalloc byte[20];
        var count = DecimalLength(digits);
        var end = count;
        var rest = digits;
        // Two digits per division: the chain of divisions is most of the time here.
        while (rest >= 100)
        {
            var pair = (int)(rest % 100) * 2;
            rest /= 100;
            end -= 2;
            text[end] = DigitPairs[pair];
            text[end + 1] = DigitPairs[pair + 1];
        }

        if (rest >= 10)
        {
            text[0] = DigitPairs[(int)rest * 2];
            text[1] = DigitPairs[((int)rest * 2) + 1];
        }
        else
        {
            text[0] = (byte)('0' + (int)rest);
        }

        var leading = exponent + count - 1;
        var at = 0;
        if (leading is < -4 or > 16)
        {
            destination[at++] = text[0];
            if (count > 1)
            {
                destination[at++] = (byte)'.';
                text[1..count].CopyTo(destination[at..]);
                at += count - 1;
            }

            destination[at++] = (byte)'E';
            destination[at++] = leading < 0 ? (byte)'-' : (byte)'+';
            var magnitude = Math.Abs(leading);
            if (magnitude >= 100)
            {
                destination[at++] = (byte)('0' + (magnitude / 100));
            }

            destination[at++] = (byte)('0' + (magnitude / 10 % 10));
            destination[at++] = (byte)('0' + (magnitude % 10));
            return at;
        }

        if (leading < 0)
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, -leading - 1).Fill((byte)'0');
            at += -leading - 1;
            text[..count].CopyTo(destination[at..]);
            return at + count;
        }

        var whole = leading + 1;
        if (whole >= count)
        {
            text[..count].CopyTo(destination);
            destination.Slice(count, whole - count).Fill((byte)'0');
            return whole;
        }

        text[..whole].CopyTo(destination);
        destination[whole] = (byte)'.';
        text[whole..count].CopyTo(destination[(whole + 1)..]);
        return count + 1;
    }

    // Divides the value and the interval's ends by 10 or 100; returns the value's dropped digits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint DropDigit(ref ulong vr, ref ulong vp, ref ulong vm, ulong divisor)
    {
        var dropped = (uint)(vr % divisor);
        vr /= divisor;
        vp /= divisor;
        vm /= divisor;
        return dropped;
    }

    private static int DecimalLength(ulong value)
    {
        var length = 1;
        for (var bound = 10UL; length < 20 && value >= bound; bound *= 10)
        {
            length++;
        }

        return length;
    }

    // vr, vp and vm: 4m, 4m + 2 and 4m - 1 - mmShift times the table's power, shifted right by j.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulShiftAll(ulong m2, ulong[] table, int index, int j, uint mmShift, out ulong vp, out ulong vm)
    {
        var low = table[2 * index];
        var high = table[(2 * index) + 1];
        vp = MulShift(4 * m2 + 2, low, high, j);
        vm = MulShift(4 * m2 - 1 - mmShift, low, high, j);
        return MulShift(4 * m2, low, high, j);
    }

    // (m * (high:low)) >> j for m below 2^55, a 125-bit multiplier and j from 64 to 127.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulShift(ulong m, ulong low, ulong high, int j)
    {
        var carry = Math.BigMul(m, low, out _);
        var top = Math.BigMul(m, high, out var middle);
        var sum = middle + carry;
        if (sum < middle)
        {
            top++;
        }

        var shift = j - 64;
        return shift == 0 ? sum : (top << (64 - shift)) | (sum >> shift);
    }

    private static bool MultipleOfPowerOf5(ulong value, int power)
    {
        var count = 0;
        while (value % 5 == 0 && count < power)
        {
            value /= 5;
            count++;
        }

        return count >= power;
    }

    // ceil(log2(5^e)) for e from 1 to 3528 (1 for e = 0).
    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    // floor(log10(2^e)) for e from 0 to 1650.
    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    // floor(log10(5^e)) for e from 0 to 2620.
    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    private static ulong[] Table(int count, bool inverse)
    {
        var table = new ulong[2 * count];
        var mask = (BigInteger.One << 64) - 1;
        for (var i = 0; i < count; i++)
        {
            var pow5 = BigInteger.Pow(5, i);
            var length = (int)pow5.GetBitLength();
            var entry = inverse
                ? (BigInteger.One << (length - 1 + Pow5InverseBitCount)) / pow5 + 1
                : length >= Pow5BitCount ? pow5 >> (length - Pow5BitCount) : pow5 << (Pow5BitCount - length);
            table[2 * i] = (ulong)(entry & mask);
            table[(2 * i) + 1] = (ulong)(entry >> 64);
        }

        return table;
    }
}
