using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Workbench.Data.Io;

/// <summary>
/// Culture-invariant parsing of UTF-8 fields. Numbers take a fast exact path (Clinger: at most 19 digits,
/// mantissa below 2^53, power of ten within ±22, where one IEEE multiplication or division is correctly
/// rounded) and fall back to the runtime's parser, so every result is the correctly rounded double.
/// </summary>
internal static class FieldParser
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field)
    {
        var start = 0;
        var end = field.Length;
        while (start < end && (field[start] == (byte)' ' || field[start] == (byte)'\t'))
        {
            start++;
        }

        while (end > start && (field[end - 1] == (byte)' ' || field[end - 1] == (byte)'\t'))
        {
            end--;
        }

        return field[start..end];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseInt64(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        var s = Trim(field);
        if (s.IsEmpty)
        {
            return false;
        }

        var negative = s[0] == (byte)'-';
        var i = s[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        if (i == s.Length || s.Length - i > 19)
        {
            return s.Length - i > 19 && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        ulong result = 0;
        for (; i < s.Length; i++)
        {
            var digit = (uint)(s[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            result = (result * 10) + digit;
        }

        if (negative)
        {
            if (result > 9223372036854775808UL)
            {
                return false;
            }

            value = (long)(0 - result);
            return true;
        }

        if (result > long.MaxValue)
        {
            return false;
        }

        value = (long)result;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDouble(ReadOnlySpan<byte> field, out double value)
    {
        var s = Trim(field);
        if (s.IsEmpty)
        {
            value = 0;
            return false;
        }

        var i = 0;
        var negative = false;
        if (s[0] is (byte)'-' or (byte)'+')
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        var sawDigit = false;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            sawDigit = true;
            if (mantissa == 0 && s[i] == (byte)'0')
            {
                i++;
                continue;
            }

            if (digits < 19)
            {
                mantissa = (mantissa * 10) + (uint)(s[i] - '0');
                digits++;
            }
            else
            {
                return Fallback(s, out value);
            }

            i++;
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                sawDigit = true;
                if (mantissa == 0 && s[i] == (byte)'0')
                {
                    exponent--;
                    i++;
                    continue;
                }

                if (digits >= 19)
                {
                    return Fallback(s, out value);
                }

                mantissa = (mantissa * 10) + (uint)(s[i] - '0');
                digits++;
                exponent--;
                i++;
            }
        }

        if (!sawDigit)
        {
            return Special(s, out value);
        }

        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            i++;
            var exponentNegative = false;
            if (i < s.Length && s[i] is (byte)'-' or (byte)'+')
            {
                exponentNegative = s[i] == (byte)'-';
                i++;
            }

            if (i == s.Length)
            {
                value = 0;
                return false;
            }

            var e = 0;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                if (e > 100_000)
                {
                    return Fallback(s, out value);
                }

                e = (e * 10) + (s[i] - '0');
                i++;
            }

            exponent += exponentNegative ? -e : e;
        }

        if (i != s.Length)
        {
            value = 0;
            return false;
        }

        return TryExact(mantissa, exponent, negative, out value) || Fallback(s, out value);
    }

    /// <summary>
    /// Reads a plain number (<c>-12.5</c>, <c>0.0061</c>, <c>3e-05</c>: optional minus, digits, optional fraction and
    /// exponent; no spaces, no plus sign) starting at <paramref name="position"/> and moves past it, stopping at the
    /// first byte that cannot continue it. Only numbers on the exact fast path (see the class remarks) are read; for
    /// anything else it returns false and leaves <paramref name="position"/> alone, and the caller takes the general
    /// path (<see cref="TryParseDouble"/>), which gives the same double for every number this one reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParsePlainNumber(ReadOnlySpan<byte> s, ref int position, out double value) =>
        TryParsePlainNumber<WithinSpan>(s, ref position, out value);

    /// <summary>
    /// <see cref="TryParsePlainNumber(ReadOnlySpan{byte}, ref int, out double)"/> where <typeparamref name="TLimit"/>
    /// says how a scan is kept inside <paramref name="s"/>: <see cref="WithinSpan"/> checks every index;
    /// <see cref="EndsWithDelimiter"/> checks none, for a span whose last byte (a line feed, a closing bracket) stops
    /// every scan.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParsePlainNumber<TLimit>(ReadOnlySpan<byte> s, ref int position, out double value)
        where TLimit : struct, IScanLimit
    {
        value = 0;
        ref var b = ref MemoryMarshal.GetReference(s);
        var length = s.Length;
        var i = position;
        var negative = false;
        if (TLimit.Inside(i, length) && Unsafe.Add(ref b, i) == (byte)'-')
        {
            negative = true;
            i++;
        }

        ulong mantissa = 0;
        var first = i;
        uint digit;
        while (TLimit.Inside(i, length) && (digit = (uint)(Unsafe.Add(ref b, i) - '0')) <= 9)
        {
            mantissa = (mantissa * 10) + digit;
            i++;
        }

        var digits = i - first;
        var exponent = 0;
        if (TLimit.Inside(i, length) && Unsafe.Add(ref b, i) == (byte)'.')
        {
            i++;
            var fraction = i;
            while (TLimit.Inside(i, length) && (digit = (uint)(Unsafe.Add(ref b, i) - '0')) <= 9)
            {
                mantissa = (mantissa * 10) + digit;
                i++;
            }

            exponent = fraction - i;
            digits += i - fraction;
        }

        // Leading zeros count as digits here, so 19 digits never overflow the mantissa.
        if (digits is 0 or > 19)
        {
            return false;
        }

        if (TLimit.Inside(i, length) && (Unsafe.Add(ref b, i) | 0x20) == (byte)'e')
        {
            i++;
            var exponentNegative = false;
            if (TLimit.Inside(i, length) && Unsafe.Add(ref b, i) is (byte)'-' or (byte)'+')
            {
                exponentNegative = Unsafe.Add(ref b, i) == (byte)'-';
                i++;
            }

            var start = i;
            var e = 0;
            while (TLimit.Inside(i, length) && (digit = (uint)(Unsafe.Add(ref b, i) - '0')) <= 9 && i - start < 4)
            {
                e = (e * 10) + (int)digit;
                i++;
            }

            if (i == start || (TLimit.Inside(i, length) && (uint)(Unsafe.Add(ref b, i) - '0') <= 9))
            {
                return false;
            }

            exponent += exponentNegative ? -e : e;
        }

        if (!TryExact(mantissa, exponent, negative, out value))
        {
            return false;
        }

        position = i;
        return true;
    }

    /// <summary>
    /// ±<paramref name="mantissa"/> × 10^<paramref name="exponent"/> when one IEEE multiplication or division gives it
    /// correctly rounded (Clinger: mantissa at most 2^53, power of ten within ±22); false, with 0, otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryExact(ulong mantissa, int exponent, bool negative, out double value)
    {
        if (mantissa == 0)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }

        if (mantissa <= (1UL << 53) && exponent is >= -22 and <= 22)
        {
            double result = mantissa;
            result = exponent >= 0 ? result * PowersOfTen[exponent] : result / PowersOfTen[-exponent];
            value = negative ? -result : result;
            return true;
        }

        value = 0;
        return false;
    }

    private static bool Fallback(ReadOnlySpan<byte> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    // "inf", "infinity", "nan" in any case, with a sign, as pandas reads them.
    private static bool Special(ReadOnlySpan<byte> s, out double value)
    {
        var negative = s.Length > 0 && s[0] == (byte)'-';
        var body = s.Length > 0 && s[0] is (byte)'-' or (byte)'+' ? s[1..] : s;
        if (body.Length is 3 or 8 && (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8)))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Length == 3 && Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            value = double.NaN;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>true / false in any case (what inference accepts as bool).</summary>
    public static bool TryParseBooleanStrict(ReadOnlySpan<byte> field, out bool value)
    {
        var s = Trim(field);
        if (s.Length == 4 && Ascii.EqualsIgnoreCase(s, "true"u8))
        {
            value = true;
            return true;
        }

        if (s.Length == 5 && Ascii.EqualsIgnoreCase(s, "false"u8))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>What an explicit bool column accepts: true/false, t/f, yes/no, y/n, 1/0 in any case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> field, out bool value)
    {
        if (TryParseBooleanStrict(field, out value))
        {
            return true;
        }

        var s = Trim(field);
        foreach (var (text, flag) in BooleanWords)
        {
            if (Ascii.EqualsIgnoreCase(s, text))
            {
                value = flag;
                return true;
            }
        }

        return false;
    }

    private static readonly (byte[] Text, bool Value)[] BooleanWords =
        [("t"u8.ToArray(), true), ("f"u8.ToArray(), false), ("yes"u8.ToArray(), true), ("no"u8.ToArray(), false),
         ("y"u8.ToArray(), true), ("n"u8.ToArray(), false), ("1"u8.ToArray(), true), ("0"u8.ToArray(), false)];

    /// <summary>
    /// ISO 8601 dates: <c>yyyy-MM-dd</c>, optionally <c>T</c> or a space and <c>HH:mm[:ss[.fffffff]]</c>,
    /// optionally <c>Z</c> or an offset (both give UTC). Inference accepts only these.
    /// </summary>
    public static bool TryParseIsoDate(ReadOnlySpan<byte> field, out DateTime value)
    {
        value = default;
        var s = Trim(field);
        if (s.Length < 10 || s[4] != (byte)'-' || s[7] != (byte)'-'
            || !Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || month is < 1 or > 12 || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (s.Length == 10)
        {
            value = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
            return true;
        }

        if ((s[10] != (byte)'T' && s[10] != (byte)' ') || s.Length < 16 || s[13] != (byte)':'
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || hour > 23 || minute > 59)
        {
            return false;
        }

        var i = 16;
        var second = 0;
        long fractionTicks = 0;
        if (i < s.Length && s[i] == (byte)':')
        {
            if (s.Length < i + 3 || !Digits(s.Slice(i + 1, 2), out second) || second > 59)
            {
                return false;
            }

            i += 3;
            if (i < s.Length && s[i] == (byte)'.')
            {
                i++;
                var scale = TimeSpan.TicksPerSecond / 10;
                var start = i;
                while (i < s.Length && (uint)(s[i] - '0') <= 9)
                {
                    fractionTicks += (s[i] - '0') * scale;
                    scale /= 10;
                    i++;
                }

                if (i == start)
                {
                    return false;
                }
            }
        }

        var kind = DateTimeKind.Unspecified;
        var offsetMinutes = 0;
        if (i < s.Length)
        {
            if (s[i] == (byte)'Z' && i == s.Length - 1)
            {
                kind = DateTimeKind.Utc;
            }
            else if ((s[i] == (byte)'+' || s[i] == (byte)'-') && TryOffset(s[(i + 1)..], out var minutes))
            {
                kind = DateTimeKind.Utc;
                offsetMinutes = s[i] == (byte)'-' ? -minutes : minutes;
            }
            else
            {
                return false;
            }
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        value = DateTime.SpecifyKind(local.AddMinutes(-offsetMinutes), kind);
        return true;
    }

    /// <summary>An explicit datetime column also takes what <see cref="DateTime.TryParse(string, IFormatProvider, DateTimeStyles, out DateTime)"/> reads invariantly.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> field, out DateTime value)
    {
        if (TryParseIsoDate(field, out value))
        {
            return true;
        }

        Span<char> chars = stackalloc char[Math.Min(field.Length, 64)];
        if (field.Length > 64 || !System.Text.Unicode.Utf8.ToUtf16(Trim(field), chars, out _, out var written).Equals(System.Buffers.OperationStatus.Done))
        {
            return false;
        }

        return DateTime.TryParse(chars[..written], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
    }

    private static bool TryOffset(ReadOnlySpan<byte> s, out int minutes)
    {
        minutes = 0;
        if (s.Length == 5 && s[2] == (byte)':' && Digits(s[..2], out var h) && Digits(s[3..], out var m))
        {
            minutes = (h * 60) + m;
            return true;
        }

        if (s.Length == 4 && Digits(s[..2], out h) && Digits(s[2..], out m))
        {
            minutes = (h * 60) + m;
            return true;
        }

        if (s.Length == 2 && Digits(s, out h))
        {
            minutes = h * 60;
            return true;
        }

        return false;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
