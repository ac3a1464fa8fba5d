using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Workbench.SageMaker.ServiceModels;

/// <summary>
/// Translates the Java-style patterns of botocore models (the service validates with <c>java.util.regex</c>) into
/// .NET regular expressions with the same meaning, and matches them against whole values as the service does.
/// </summary>
/// <remarks>
/// <para>What is translated: POSIX classes (<c>\p{Print}</c>, <c>\p{ASCII}</c>, <c>\p{Alnum}</c>, ...) which .NET
/// lacks; <c>\d</c>, <c>\w</c>, <c>\s</c>, <c>\h</c>, <c>\v</c>, <c>\R</c> and <c>.</c> to their ASCII / Java line-terminator
/// meanings; surrogate pairs written as <c>\uD800\uDC00</c> (Java reads them as one code point, so
/// <c>[\uD800\uDC00-\uDBFF\uDFFF]</c> is U+10000..U+10FFFF) into exact UTF-16 alternations; <c>\x{...}</c> and
/// <c>\Q...\E</c>; and a quantifier on an anchor (<c>${1,128}</c>), which Java allows and .NET rejects.</para>
/// <para>What is refused with <see cref="NotSupportedException"/> (none occurs in the vendored models, a test
/// checks that every pattern there translates): possessive quantifiers (<c>a*+</c>), class unions and
/// intersections (<c>[a-z[0-9]]</c>, <c>&amp;&amp;</c>), negated POSIX classes inside a class, supplementary
/// characters in a negated class, and the Java-only inline flags <c>d</c>, <c>u</c>, <c>U</c>.</para>
/// <para>Known difference: the negated shorthands <c>\D</c>, <c>\W</c>, <c>\S</c> inside a class keep .NET's
/// Unicode meaning (they differ from Java's ASCII meaning only for non-ASCII digits, letters and spaces), and
/// quantified <c>.</c> counts UTF-16 units where Java counts code points.</para>
/// </remarks>
public static class JavaRegex
{
    private const string JavaLineTerminators = @"\n\r\u0085\u2028\u2029";
    private const string AsciiWhitespace = @" \t\n\x0B\f\r";
    private const string HorizontalWhitespace = @" \t\xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000";
    private const string VerticalWhitespace = @"\n\x0B\f\r\x85\u2028\u2029";

    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["Lower"] = "a-z",
        ["Upper"] = "A-Z",
        ["ASCII"] = @"\x00-\x7F",
        ["Alpha"] = "a-zA-Z",
        ["Digit"] = "0-9",
        ["Alnum"] = "a-zA-Z0-9",
        ["Punct"] = @"!-/:-@\[-`{-~",
        ["Graph"] = @"\x21-\x7E",
        ["Print"] = @"\x20-\x7E",
        ["Blank"] = @" \t",
        ["Cntrl"] = @"\x00-\x1F\x7F",
        ["XDigit"] = "0-9a-fA-F",
        ["Space"] = AsciiWhitespace,
    };

    /// <summary>Compiles <paramref name="javaPattern"/> so that it must match a whole value (Java's <c>matches()</c>).</summary>
    public static Regex CompileFullMatch(string javaPattern) =>
        new($@"\A(?:{Translate(javaPattern)})\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    /// <summary>The .NET equivalent of a Java pattern, unanchored.</summary>
    public static string Translate(string javaPattern)
    {
        ArgumentNullException.ThrowIfNull(javaPattern);
        try
        {
            return new Translator(javaPattern).Run();
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"Java pattern '{javaPattern}' cannot be translated to .NET: {e.Message}", e);
        }
    }

    private sealed class Translator(string pattern)
    {
        private readonly StringBuilder _output = new();
        private int _position;

        public string Run()
        {
            while (_position < pattern.Length)
            {
                var c = pattern[_position];
                switch (c)
                {
                    case '\\':
                        _position++;
                        _output.Append(TranslateEscapeOutsideClass());
                        break;
                    case '[':
                        _position++;
                        _output.Append(TranslateClass());
                        break;
                    case '.':
                        _position++;
                        _output.Append($"[^{JavaLineTerminators}]");
                        break;
                    case '(':
                        TranslateGroupOpening();
                        break;
                    case '^' or '$':
                        _position++;
                        TranslateAnchor(c);
                        break;
                    case '*' or '+' or '?':
                        _position++;
                        _output.Append(c);
                        CopyLazyOrRefusePossessive();
                        break;
                    case '{' when IsQuantifierAt(_position, out var end):
                        _output.Append(pattern, _position, end - _position);
                        _position = end;
                        CopyLazyOrRefusePossessive();
                        break;
                    default:
                        _output.Append(c);
                        _position++;
                        break;
                }
            }

            return _output.ToString();
        }

        private void CopyLazyOrRefusePossessive()
        {
            if (_position < pattern.Length && pattern[_position] == '+')
            {
                throw new NotSupportedException($"possessive quantifier at {_position}");
            }

            if (_position < pattern.Length && pattern[_position] == '?')
            {
                _output.Append('?');
                _position++;
            }
        }

        // Java lets an anchor carry a quantifier; an anchor repeated at least once is the anchor, zero times is nothing.
        private void TranslateAnchor(char anchor)
        {
            var minimum = 1;
            if (_position < pattern.Length && pattern[_position] is '*' or '?')
            {
                minimum = 0;
                _position++;
            }
            else if (_position < pattern.Length && pattern[_position] == '+')
            {
                _position++;
            }
            else if (_position < pattern.Length && pattern[_position] == '{' && IsQuantifierAt(_position, out var end))
            {
                var body = pattern[(_position + 1)..(end - 1)];
                minimum = int.Parse(body.Split(',')[0], CultureInfo.InvariantCulture);
                _position = end;
            }

            if (minimum > 0)
            {
                _output.Append(anchor);
            }
        }

        private bool IsQuantifierAt(int start, out int end)
        {
            end = pattern.IndexOf('}', start);
            if (end < 0)
            {
                return false;
            }

            var body = pattern[(start + 1)..end];
            end++;
            var parts = body.Split(',');
            return parts.Length is 1 or 2
                && parts[0].Length > 0
                && parts.All(p => p.All(char.IsAsciiDigit));
        }

        private void TranslateGroupOpening()
        {
            _output.Append('(');
            _position++;
            if (_position >= pattern.Length || pattern[_position] != '?')
            {
                return;
            }

            var rest = pattern.AsSpan(_position);
            if (rest.StartsWith("?<=") || rest.StartsWith("?<!"))
            {
                Copy(3);
            }
            else if (rest.StartsWith("?<"))
            {
                var close = pattern.IndexOf('>', _position);
                Copy(close - _position + 1);
            }
            else if (rest.Length > 1 && rest[1] is ':' or '=' or '!' or '>')
            {
                Copy(2);
            }
            else
            {
                // Inline flags: (?i) or (?i:...).
                var end = _position + 1;
                while (end < pattern.Length && pattern[end] is not (')' or ':'))
                {
                    if (pattern[end] is 'd' or 'u' or 'U')
                    {
                        throw new NotSupportedException($"the Java-only inline flag '{pattern[end]}'");
                    }

                    end++;
                }

                Copy(end - _position + 1);
            }
        }

        private void Copy(int count)
        {
            _output.Append(pattern, _position, count);
            _position += count;
        }

        private string TranslateEscapeOutsideClass()
        {
            var c = Next();
            switch (c)
            {
                case 'd': return "[0-9]";
                case 'D': return "[^0-9]";
                case 'w': return "[a-zA-Z0-9_]";
                case 'W': return "[^a-zA-Z0-9_]";
                case 's': return $"[{AsciiWhitespace}]";
                case 'S': return $"[^{AsciiWhitespace}]";
                case 'h': return $"[{HorizontalWhitespace}]";
                case 'H': return $"[^{HorizontalWhitespace}]";
                case 'v': return $"[{VerticalWhitespace}]";
                case 'V': return $"[^{VerticalWhitespace}]";
                case 'R': return $@"(?:\r\n|[{VerticalWhitespace}])";
                case 'p' or 'P':
                    {
                        var (name, negated) = (ReadPropertyName(), c == 'P');
                        if (PosixClasses.TryGetValue(name, out var posix))
                        {
                            return negated ? $"[^{posix}]" : $"[{posix}]";
                        }

                        return $@"\{c}{{{name}}}";
                    }

                case 'Q': return QuotedLiteral(Escape);
                case 'u' or 'x':
                    {
                        var codePoint = ReadCodePoint(c);
                        return codePoint > 0xFFFF ? Utf16Sequence(codePoint) : Escape(codePoint);
                    }

                default: return $"\\{c}";
            }
        }

        private string TranslateClass()
        {
            var negated = false;
            if (Peek() == '^')
            {
                negated = true;
                _position++;
            }

            var bmp = new StringBuilder();
            var supplementary = new List<(int From, int To)>();
            ClassAtom? pending = null;
            var first = true;
            while (true)
            {
                if (_position >= pattern.Length)
                {
                    throw new NotSupportedException("an unclosed character class");
                }

                var c = pattern[_position];
                if (c == ']' && !first)
                {
                    _position++;
                    break;
                }

                first = false;
                if (c == '[')
                {
                    throw new NotSupportedException("a class inside a class (union)");
                }

                if (c == '&' && Peek(1) == '&')
                {
                    throw new NotSupportedException("a class intersection (&&)");
                }

                if (c == '-' && pending is { IsSingle: true } && Peek(1) is { } after && after != ']')
                {
                    _position++;
                    var to = ReadClassAtom(negated);
                    if (!to.IsSingle)
                    {
                        throw new NotSupportedException("a range ending in a class");
                    }

                    AddRange(pending.Value.CodePoint, to.CodePoint, bmp, supplementary);
                    pending = null;
                    continue;
                }

                Flush(pending, bmp, supplementary);
                pending = ReadClassAtom(negated);
            }

            Flush(pending, bmp, supplementary);
            if (supplementary.Count == 0)
            {
                return negated ? $"[^{bmp}]" : $"[{bmp}]";
            }

            if (negated)
            {
                throw new NotSupportedException("supplementary characters in a negated class");
            }

            var alternatives = new List<string>();
            if (bmp.Length > 0)
            {
                alternatives.Add($"[{bmp}]");
            }

            alternatives.AddRange(supplementary.Select(r => SupplementaryRange(r.From, r.To)));
            return $"(?:{string.Join('|', alternatives)})";
        }

        private static void Flush(ClassAtom? atom, StringBuilder bmp, List<(int, int)> supplementary)
        {
            if (atom is not { } value)
            {
                return;
            }

            if (!value.IsSingle)
            {
                bmp.Append(value.Fragment);
            }
            else
            {
                AddRange(value.CodePoint, value.CodePoint, bmp, supplementary);
            }
        }

        private static void AddRange(int from, int to, StringBuilder bmp, List<(int, int)> supplementary)
        {
            if (from > to)
            {
                throw new NotSupportedException($"a reversed range U+{from:X4}-U+{to:X4}");
            }

            if (from <= 0xFFFF)
            {
                var bmpTo = Math.Min(to, 0xFFFF);
                bmp.Append(from == bmpTo ? Escape(from) : $"{Escape(from)}-{Escape(bmpTo)}");
            }

            if (to > 0xFFFF)
            {
                supplementary.Add((Math.Max(from, 0x10000), to));
            }
        }

        private ClassAtom ReadClassAtom(bool negatedClass)
        {
            var c = Next();
            if (c != '\\')
            {
                if (char.IsHighSurrogate(c) && _position < pattern.Length && char.IsLowSurrogate(pattern[_position]))
                {
                    return ClassAtom.Single(char.ConvertToUtf32(c, Next()));
                }

                return ClassAtom.Single(c);
            }

            var e = Next();
            switch (e)
            {
                case 'd': return ClassAtom.Of("0-9");
                case 'w': return ClassAtom.Of("a-zA-Z0-9_");
                case 's': return ClassAtom.Of(AsciiWhitespace);
                case 'h': return ClassAtom.Of(HorizontalWhitespace);
                case 'v': return ClassAtom.Of(VerticalWhitespace);
                case 'D' or 'W' or 'S': return ClassAtom.Of($"\\{e}");
                case 'p' or 'P':
                    {
                        var name = ReadPropertyName();
                        if (PosixClasses.TryGetValue(name, out var posix))
                        {
                            return e == 'p'
                                ? ClassAtom.Of(posix)
                                : throw new NotSupportedException($"the negated POSIX class \\P{{{name}}} inside a class");
                        }

                        return ClassAtom.Of($@"\{e}{{{name}}}");
                    }

                case 'Q': return ClassAtom.Of(QuotedLiteral(cp => Escape(cp)));
                case 'u' or 'x': return ClassAtom.Single(ReadCodePoint(e));
                case 't': return ClassAtom.Single('\t');
                case 'n': return ClassAtom.Single('\n');
                case 'r': return ClassAtom.Single('\r');
                case 'f': return ClassAtom.Single('\f');
                case 'a': return ClassAtom.Single('\a');
                case 'e': return ClassAtom.Single('\u001B');
                case '0':
                    {
                        var start = _position;
                        while (_position < pattern.Length && _position - start < 3 && pattern[_position] is >= '0' and <= '7')
                        {
                            _position++;
                        }

                        return ClassAtom.Single(Convert.ToInt32(pattern[start.._position], 8));
                    }

                default:
                    _ = negatedClass;
                    return char.IsAsciiLetterOrDigit(e)
                        ? throw new NotSupportedException($"the escape \\{e} inside a class")
                        : ClassAtom.Single(e);
            }
        }

        // Java reads \uD800\uDC00 (a high then a low surrogate escape) as one supplementary code point.
        private int ReadCodePoint(char kind)
        {
            int value;
            if (kind == 'x')
            {
                if (Peek() == '{')
                {
                    var close = pattern.IndexOf('}', _position);
                    value = int.Parse(pattern[(_position + 1)..close], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    _position = close + 1;
                    return value;
                }

                value = int.Parse(pattern.AsSpan(_position, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _position += 2;
                return value;
            }

            value = int.Parse(pattern.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            _position += 4;
            if (char.IsHighSurrogate((char)value)
                && pattern.AsSpan(_position).StartsWith("\\u")
                && _position + 6 <= pattern.Length
                && int.TryParse(pattern.AsSpan(_position + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var low)
                && char.IsLowSurrogate((char)low))
            {
                _position += 6;
                return char.ConvertToUtf32((char)value, (char)low);
            }

            return value;
        }

        private string ReadPropertyName()
        {
            if (Peek() != '{')
            {
                return Next().ToString();
            }

            var close = pattern.IndexOf('}', _position);
            var name = pattern[(_position + 1)..close];
            _position = close + 1;
            return name.StartsWith("Is", StringComparison.Ordinal) && PosixClasses.ContainsKey(name[2..]) ? name[2..] : name;
        }

        private string QuotedLiteral(Func<int, string> escape)
        {
            var end = pattern.IndexOf("\\E", _position, StringComparison.Ordinal);
            var literal = end < 0 ? pattern[_position..] : pattern[_position..end];
            _position = end < 0 ? pattern.Length : end + 2;
            var builder = new StringBuilder();
            foreach (var rune in literal.EnumerateRunes())
            {
                builder.Append(rune.Value > 0xFFFF ? Utf16Sequence(rune.Value) : escape(rune.Value));
            }

            return builder.ToString();
        }

        private char Next() =>
            _position < pattern.Length ? pattern[_position++] : throw new NotSupportedException("a pattern that ends in an escape");

        private char? Peek(int offset = 0) =>
            _position + offset < pattern.Length ? pattern[_position + offset] : null;

        private static string Escape(int codeUnit) => $"\\u{codeUnit:X4}";

        private static string Utf16Sequence(int codePoint)
        {
            var text = char.ConvertFromUtf32(codePoint);
            return $"{Escape(text[0])}{Escape(text[1])}";
        }

        private static string SupplementaryRange(int from, int to)
        {
            var (fromHigh, fromLow) = Split(from);
            var (toHigh, toLow) = Split(to);
            if (fromHigh == toHigh)
            {
                return $"{Escape(fromHigh)}[{Escape(fromLow)}-{Escape(toLow)}]";
            }

            var parts = new List<string> { $"{Escape(fromHigh)}[{Escape(fromLow)}-\\uDFFF]" };
            if (toHigh - fromHigh > 1)
            {
                parts.Add($"[{Escape(fromHigh + 1)}-{Escape(toHigh - 1)}][\\uDC00-\\uDFFF]");
            }

            parts.Add($"{Escape(toHigh)}[\\uDC00-{Escape(toLow)}]");
            return string.Join('|', parts);
        }

        private static (int High, int Low) Split(int codePoint)
        {
            var text = char.ConvertFromUtf32(codePoint);
            return (text[0], text[1]);
        }
    }

    private readonly record struct ClassAtom(bool IsSingle, int CodePoint, string? Fragment)
    {
        public static ClassAtom Single(int codePoint) => new(true, codePoint, null);

        public static ClassAtom Of(string fragment) => new(false, 0, fragment);
    }
}
