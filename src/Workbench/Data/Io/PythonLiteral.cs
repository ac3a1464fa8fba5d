using System.Globalization;
using System.Text;

namespace Workbench.Data.Io;

/// <summary>
/// The part of Python's literal syntax an <c>.npy</c> header is written in (numpy reads it with
/// <c>ast.literal_eval</c>): dicts, tuples, lists, strings, integers, <c>True</c>, <c>False</c>, <c>None</c>.
/// Values come back as <see cref="Dictionary{TKey,TValue}"/> (string keys), <see cref="List{T}"/> (tuples and
/// lists), <see cref="string"/>, <see cref="long"/>, <see cref="bool"/> and null. Anything else is a
/// <see cref="FormatException"/> naming the character offset.
/// </summary>
internal sealed class PythonLiteral
{
    private readonly string _text;
    private int _at;

    private PythonLiteral(string text) => _text = text;

    public static object? Parse(string text)
    {
        var parser = new PythonLiteral(text);
        var value = parser.Value();
        parser.SkipSpace();
        return parser._at == text.Length ? value : throw parser.Error("unexpected text after the value");
    }

    /// <summary>Python's <c>repr</c> of a string, in single quotes (what numpy writes for field names and types).</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '\'':
                    builder.Append(@"\'");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                case < 0x20 or 0x7F:
                    builder.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    break;
                default:
                    builder.Append(rune.ToString());
                    break;
            }
        }

        return builder.Append('\'').ToString();
    }

    private object? Value()
    {
        SkipSpace();
        if (_at >= _text.Length)
        {
            throw Error("the text ends where a value was expected");
        }

        var c = _text[_at];
        switch (c)
        {
            case '{':
                return Dict();
            case '(':
                return Sequence(')');
            case '[':
                return Sequence(']');
            case '\'' or '"':
                return Text();
            case '-' or '+' or (>= '0' and <= '9'):
                return Integer();
        }

        foreach (var (word, value) in new (string, object?)[] { ("True", true), ("False", false), ("None", null) })
        {
            if (string.CompareOrdinal(_text, _at, word, 0, word.Length) == 0)
            {
                _at += word.Length;
                return value;
            }
        }

        throw Error($"unexpected '{c}'");
    }

    private Dictionary<string, object?> Dict()
    {
        _at++;
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (Take('}'))
            {
                return dict;
            }

            if (Value() is not string key)
            {
                throw Error("a header key must be a string");
            }

            SkipSpace();
            if (!Take(':'))
            {
                throw Error("expected ':'");
            }

            if (!dict.TryAdd(key, Value()))
            {
                throw Error($"key '{key}' appears twice");
            }

            SkipSpace();
            if (!Take(','))
            {
                SkipSpace();
                return Take('}') ? dict : throw Error("expected ',' or '}'");
            }
        }
    }

    private List<object?> Sequence(char close)
    {
        _at++;
        var items = new List<object?>();
        while (true)
        {
            SkipSpace();
            if (Take(close))
            {
                return items;
            }

            items.Add(Value());
            SkipSpace();
            if (!Take(','))
            {
                SkipSpace();
                return Take(close) ? items : throw Error($"expected ',' or '{close}'");
            }
        }
    }

    private string Text()
    {
        var quote = _text[_at++];
        var builder = new StringBuilder();
        while (_at < _text.Length && _text[_at] != quote)
        {
            var c = _text[_at++];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_at >= _text.Length)
            {
                break;
            }

            var escape = _text[_at++];
            switch (escape)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case '0': builder.Append('\0'); break;
                case 'x': builder.Append(Hex(2)); break;
                case 'u': builder.Append(Hex(4)); break;
                case 'U': builder.Append(Hex(8)); break;
                case '\\' or '\'' or '"': builder.Append(escape); break;
                default: throw Error($"unsupported escape '\\{escape}'");
            }
        }

        return Take(quote) ? builder.ToString() : throw Error("a string is not closed");
    }

    private string Hex(int digits)
    {
        if (_at + digits > _text.Length || !uint.TryParse(_text.AsSpan(_at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) || !Rune.IsValid(code))
        {
            throw Error("a bad escape in a string");
        }

        _at += digits;
        return new Rune(code).ToString();
    }

    private long Integer()
    {
        var start = _at;
        if (_text[_at] is '-' or '+')
        {
            _at++;
        }

        while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
        {
            _at++;
        }

        if (!long.TryParse(_text.AsSpan(start, _at - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("a number that is not a 64-bit integer");
        }

        // Python 2's long suffix, in headers numpy wrote under Python 2 ("(3L, 4L)").
        _ = Take('L');
        return value;
    }

    private bool Take(char c)
    {
        if (_at < _text.Length && _text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && _text[_at] is ' ' or '\t' or '\n' or '\r')
        {
            _at++;
        }
    }

    private FormatException Error(string what) => new($"{what} at character {_at} of the header");
}
