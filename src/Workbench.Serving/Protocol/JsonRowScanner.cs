using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Workbench.Data.Io;

namespace Workbench.Serving.Protocol;

/// <summary>
/// Where a hand-scanned JSON row's values go: <see cref="NumericJsonReader"/>'s column-major buffer of numbers, or
/// <see cref="JsonFrameReader"/>'s frame builder. The scanner finds the values; the sink reads each one.
/// </summary>
internal interface IJsonRowSink
{
    /// <summary>The request columns' names, for rows given as objects.</summary>
    ColumnKeys Keys { get; }

    /// <summary>Starts row <paramref name="row"/> (rows count from 0).</summary>
    void BeginRow(int row);

    /// <summary>
    /// Reads the value at <paramref name="at"/> in <paramref name="s"/> as row <paramref name="row"/>'s value for
    /// <paramref name="column"/>, moving past it; false for a value this way does not take (the body then goes the
    /// general way).
    /// </summary>
    bool TryCell(ReadOnlySpan<byte> s, ref int at, int column, int row);
}

/// <summary>
/// Scans JSON rows by hand (values, keys, commas, brackets, whitespace) for the short JSON ways: a rows array of lists
/// in the request's column order or of objects keyed by column name, one flat row, one row object alone, and JSON
/// Lines lines. It only walks the JSON; each value is read by the <see cref="IJsonRowSink"/>. Every method returns
/// false for anything it does not take whole, and the body then goes the general way, which names any problem.
/// The spans it scans end with a closing bracket or brace, so scans that stop at one need no bounds checks.
/// </summary>
internal static class JsonRowScanner
{
    // What may follow a number in a row: a comma, the row's closing bracket or brace, whitespace.
    private static readonly SearchValues<byte> NumberEnds = SearchValues.Create(",]} \n\r\t"u8);

    // What ends the text of a string the short ways take: its closing quote. An escape or a control character (which
    // JSON forbids unescaped) ends it too, and the body goes the general way.
    private static readonly SearchValues<byte> StringEnds = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    // The keys the general reader looks for before reading an object as a row ("features" on a JSON Lines line). An
    // object row holding one goes the general way, whichever way the general reader takes it.
    private static readonly byte[][] FormKeys = ["instances"u8.ToArray(), "inputs"u8.ToArray(), "dataframe_split"u8.ToArray(), "dataframe_records"u8.ToArray(), "features"u8.ToArray()];

    // Object rows with more columns than this track them on the heap.
    private const int MaxStackColumns = 256;

    /// <summary>
    /// Finds the rows array of a body in one of the forms <see cref="JsonRowsEnvelope"/> takes: <paramref name="start"/>
    /// is its <c>[</c>, <paramref name="last"/> the body's last <c>]</c> (scan the body up to it),
    /// <paramref name="objects"/> whether the rows are objects, and <paramref name="rowCapacity"/> an upper bound on the
    /// rows (at least 1).
    /// </summary>
    public static bool TryFindRows(ReadOnlySpan<byte> body, out int last, out int start, out bool objects, out int rowCapacity)
    {
        start = 0;
        objects = false;
        rowCapacity = 0;
        last = body.LastIndexOf((byte)']');
        if (last < 0 || !JsonRowsEnvelope.TryWalk(body, whole: false, out start, out _) || start >= last)
        {
            return false;
        }

        var scanned = body[..(last + 1)];
        objects = scanned[SkipSpace(scanned, start + 1)] == (byte)'{';
        // One '[' (or '{') per row, more when the envelope or a skipped string holds some after the rows; none for a
        // single flat row.
        rowCapacity = Math.Max(1, scanned[(start + 1)..].Count(objects ? (byte)'{' : (byte)'['));
        return true;
    }

    /// <summary>
    /// Reads the rows array opening at <paramref name="start"/> in <paramref name="s"/> (whose last byte is
    /// <c>]</c>): a list of rows, each a list of the request's values in column order or an object keyed by column
    /// name, or one flat list of values (one row); at most <paramref name="maxRows"/> rows. <paramref name="end"/> is
    /// just past the array's closing bracket.
    /// </summary>
    public static bool TryScanRows<TSink>(ReadOnlySpan<byte> s, int start, ref TSink sink, int maxRows, out int rows, out int end)
        where TSink : struct, IJsonRowSink
    {
        rows = 0;
        end = 0;
        var at = SkipSpace(s, start + 1);
        var opener = s[at];
        if (opener is not ((byte)'[' or (byte)'{'))
        {
            // A flat list of values is one row; its closing bracket closes the array.
            sink.BeginRow(0);
            if (!TryRow(s, ref at, ref sink, 0))
            {
                return false;
            }

            rows = 1;
            end = at;
            return true;
        }

        Span<int> stack = stackalloc int[Math.Min(sink.Keys.Count, MaxStackColumns)];
        var seenInRow = opener == (byte)'{' ? SeenInRow(stack, sink.Keys.Count) : default;
        while (rows < maxRows)
        {
            sink.BeginRow(rows);
            bool read;
            if (opener == (byte)'{')
            {
                at++;
                read = TryObjectRow(s, ref at, ref sink, rows, seenInRow);
            }
            else
            {
                at = SkipSpace(s, at + 1);
                read = TryRow(s, ref at, ref sink, rows);
            }

            if (!read)
            {
                return false;
            }

            rows++;
            if (at >= s.Length)
            {
                return false;
            }

            at = SkipSpace(s, at);
            if (s[at] == (byte)']')
            {
                end = at + 1;
                return true;
            }

            if (s[at] != (byte)',')
            {
                return false;
            }

            at = SkipSpace(s, at + 1);
            if (s[at] != opener)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A body that is one row given as an object, from its brace at <paramref name="lead"/>, with nothing but whitespace
    /// after it.
    /// </summary>
    public static bool TryRowObject<TSink>(ReadOnlySpan<byte> body, int lead, ref TSink sink)
        where TSink : struct, IJsonRowSink
    {
        var last = body.LastIndexOf((byte)'}');
        if (last <= lead || body[(last + 1)..].IndexOfAnyExcept(" \t\r\n"u8) >= 0)
        {
            return false;
        }

        var at = lead + 1;
        Span<int> stack = stackalloc int[Math.Min(sink.Keys.Count, MaxStackColumns)];
        sink.BeginRow(0);
        return TryObjectRow(body[..(last + 1)], ref at, ref sink, 0, SeenInRow(stack, sink.Keys.Count)) && at == last + 1;
    }

    /// <summary>
    /// A JSON Lines body of <paramref name="rows"/> lines (<see cref="RequestReader.LineCount"/>), each a row
    /// <see cref="TryLine"/> takes.
    /// </summary>
    public static bool TryLines<TSink>(ReadOnlySpan<byte> body, int rows, ref TSink sink)
        where TSink : struct, IJsonRowSink
    {
        Span<int> stack = stackalloc int[Math.Min(sink.Keys.Count, MaxStackColumns)];
        var seenInRow = SeenInRow(stack, sink.Keys.Count);
        var at = 0;
        for (var row = 0; row < rows; row++)
        {
            var next = body[at..].IndexOf((byte)'\n');
            var line = next < 0 ? body[at..] : body.Slice(at, next);
            at += line.Length + 1;
            if (!TryLine(line, ref sink, row, seenInRow))
            {
                return false;
            }
        }

        return at >= body.Length;
    }

    /// <summary>
    /// One JSON Lines line as row <paramref name="row"/>: a list, an object keyed by column name, or
    /// <c>{"features": [values]}</c> (SageMaker's form), with nothing else on the line but whitespace.
    /// </summary>
    private static bool TryLine<TSink>(ReadOnlySpan<byte> line, ref TSink sink, int row, Span<int> seenInRow)
        where TSink : struct, IJsonRowSink
    {
        sink.BeginRow(row);
        var lead = line.IndexOfAnyExcept(" \t\r"u8);
        if (lead >= 0 && line[lead] == (byte)'{' && !line[(lead + 1)..].TrimStart(" \t\r\n"u8).StartsWith("\"features\""u8))
        {
            // A row by column name. SageMaker's {"features": […]} is read below (straight away when its key comes first).
            var close = line.LastIndexOf((byte)'}');
            var at = lead + 1;
            if (close > lead && TryObjectRow(line[..(close + 1)], ref at, ref sink, row, seenInRow)
                && at == close + 1 && line[at..].IndexOfAnyExcept(" \t\r"u8) < 0)
            {
                return true;
            }
        }

        var open = line.IndexOf((byte)'[');
        var last = line.LastIndexOf((byte)']');
        if (open < 0 || last <= open)
        {
            return false;
        }

        // Scans stop at the line's last closing bracket; the row's own may come before it.
        var scanned = line[..(last + 1)];
        var position = SkipSpace(scanned, open + 1);
        return TryRow(scanned, ref position, ref sink, row) && JsonRowsEnvelope.TryCheckLine(line, open, position - 1);
    }

    // Per column, the last row that named it in an object: none yet. On the stack when it fits.
    private static Span<int> SeenInRow(Span<int> stack, int columns)
    {
        var seen = columns <= stack.Length ? stack[..columns] : new int[columns];
        seen.Fill(-1);
        return seen;
    }

    /// <summary>Whether <paramref name="key"/> is one the general reader looks for before reading an object as a row.</summary>
    public static bool IsFormKey(ReadOnlySpan<byte> key)
    {
        foreach (var form in FormKeys)
        {
            if (key.SequenceEqual(form))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The values of one row from its first value through its closing bracket.</summary>
    private static bool TryRow<TSink>(ReadOnlySpan<byte> s, ref int at, ref TSink sink, int row)
        where TSink : struct, IJsonRowSink
    {
        var last = sink.Keys.Count - 1;
        for (var c = 0; c <= last; c++)
        {
            if (!sink.TryCell(s, ref at, c, row))
            {
                return false;
            }

            at = SkipSpace(s, at);
            if (s[at] != (c < last ? (byte)',' : (byte)']'))
            {
                return false;
            }

            at = c < last ? SkipSpace(s, at + 1) : at + 1;
        }

        return true;
    }

    /// <summary>
    /// One row given as an object, from just past its opening brace through its closing one: each request column's
    /// name once, with a value the sink takes. Other keys (an id, a timestamp) are passed over when their value is a
    /// number, a string without escapes, true, false or null, as the general reader ignores them; any other value, or
    /// a key <see cref="FormKeys"/> holds, declines. <paramref name="seenInRow"/> holds, per column, the last row that
    /// named it.
    /// </summary>
    private static bool TryObjectRow<TSink>(ReadOnlySpan<byte> s, ref int at, ref TSink sink, int row, Span<int> seenInRow)
        where TSink : struct, IJsonRowSink
    {
        var keys = sink.Keys;
        if (!keys.TakesKeys)
        {
            return false;
        }

        var found = 0;
        var hint = 0;
        at = SkipSpace(s, at);
        while (true)
        {
            int column;
            var length = s[at] == (byte)'"' ? keys.KeyLengthAt(s, at + 1, hint) : -1;
            if (length >= 0)
            {
                column = hint;
            }
            else if ((length = StringLength(s, at)) >= 0)
            {
                column = keys.IndexOf(s.Slice(at + 1, length), hint);
            }
            else
            {
                return false;
            }

            var key = s.Slice(at + 1, length);
            at = SkipSpace(s, at + length + 2);
            if (s[at] != (byte)':')
            {
                return false;
            }

            at = SkipSpace(s, at + 1);
            if (column >= 0)
            {
                if (seenInRow[column] == row || !sink.TryCell(s, ref at, column, row))
                {
                    return false;
                }

                seenInRow[column] = row;
                found++;
                hint = column + 1;
            }
            else if (IsFormKey(key) || !System.Text.Unicode.Utf8.IsValid(key) || !TrySkipScalar(s, ref at))
            {
                return false;
            }

            at = SkipSpace(s, at);
            if (s[at] == (byte)'}')
            {
                at++;
                return found == keys.Count;
            }

            if (s[at] != (byte)',')
            {
                return false;
            }

            at = SkipSpace(s, at + 1);
        }
    }

    /// <summary>
    /// The length of the text of a string without escapes or control characters whose opening quote is at
    /// <paramref name="at"/>, or -1. The text may still be invalid UTF-8.
    /// </summary>
    public static int StringLength(ReadOnlySpan<byte> s, int at)
    {
        if (s[at] != (byte)'"')
        {
            return -1;
        }

        var length = s[(at + 1)..].IndexOfAny(StringEnds);
        return length >= 0 && s[at + 1 + length] == (byte)'"' ? length : -1;
    }

    /// <summary>
    /// <c>true</c>, <c>false</c> or <c>null</c> at <paramref name="at"/>: its length, or 0 for anything else. What
    /// follows is the caller's to check.
    /// </summary>
    public static int LiteralLength(ReadOnlySpan<byte> s, int at)
    {
        var rest = s[at..];
        return rest[0] switch
        {
            (byte)'t' when rest.StartsWith("true"u8) => 4,
            (byte)'f' when rest.StartsWith("false"u8) => 5,
            (byte)'n' when rest.StartsWith("null"u8) => 4,
            _ => 0,
        };
    }

    // The value of a key that is not a column: a number, a string StringLength takes (valid UTF-8), true, false or null.
    private static bool TrySkipScalar(ReadOnlySpan<byte> s, ref int at)
    {
        var literal = LiteralLength(s, at);
        if (literal > 0)
        {
            at += literal;
            return true;
        }

        if (s[at] == (byte)'"')
        {
            var length = StringLength(s, at);
            if (length < 0 || !System.Text.Unicode.Utf8.IsValid(s.Slice(at + 1, length)))
            {
                return false;
            }

            at += length + 2;
            return true;
        }

        return TryNumber(s, ref at, out _);
    }

    /// <summary>
    /// A finite JSON number, read as <c>JsonElement.GetDouble</c> reads it: correctly rounded. Most take the plain
    /// scan; one it declines (17 significant digits, as Python and .NET write a double to round-trip) is read whole.
    /// The plain scan also takes forms JSON does not (<c>.5</c>, <c>01</c>, <c>1.</c>); those are refused here, so
    /// the general reader reports them as invalid JSON.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryNumber(ReadOnlySpan<byte> s, ref int at, out double value)
    {
        var start = at;
        if (FieldParser.TryParsePlainNumber<EndsWithDelimiter>(s, ref at, out value))
        {
            return IsJsonPlainNumber(s, start);
        }

        var length = s[start..].IndexOfAny(NumberEnds);
        if (length <= 0 || !IsJsonNumber(s.Slice(start, length)) || !FieldParser.TryParseDouble(s.Slice(start, length), out value) || !double.IsFinite(value))
        {
            return false;
        }

        at = start + length;
        return true;
    }

    /// <summary>
    /// <see cref="IsJsonNumber"/> for a number the plain scan took at <paramref name="start"/>, which leaves three
    /// things to check: a digit before any point, no leading zero, a digit after a point. Reading one byte past a
    /// digit or a point stays inside: the span's last byte is a bracket.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsJsonPlainNumber(ReadOnlySpan<byte> s, int start)
    {
        ref var b = ref MemoryMarshal.GetReference(s);
        var i = Unsafe.Add(ref b, start) == (byte)'-' ? start + 1 : start;
        var digit = (uint)(Unsafe.Add(ref b, i) - '0');
        if (digit > 9)
        {
            return false;
        }

        if (digit == 0)
        {
            if ((uint)(Unsafe.Add(ref b, ++i) - '0') <= 9)
            {
                return false;
            }
        }
        else
        {
            while ((uint)(Unsafe.Add(ref b, i) - '0') <= 9)
            {
                i++;
            }
        }

        return Unsafe.Add(ref b, i) != (byte)'.' || (uint)(Unsafe.Add(ref b, i + 1) - '0') <= 9;
    }

    /// <summary>JSON's number grammar: an optional minus, 0 or digits without a leading zero, then optional fraction and exponent, each with digits.</summary>
    private static bool IsJsonNumber(ReadOnlySpan<byte> token)
    {
        var i = !token.IsEmpty && token[0] == (byte)'-' ? 1 : 0;
        if (i < token.Length && token[i] == (byte)'0')
        {
            i++;
        }
        else if (!Digits(token, ref i))
        {
            return false;
        }

        if (i < token.Length && token[i] == (byte)'.')
        {
            i++;
            if (!Digits(token, ref i))
            {
                return false;
            }
        }

        if (i < token.Length && (token[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < token.Length && token[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (!Digits(token, ref i))
            {
                return false;
            }
        }

        return i == token.Length;
    }

    // At least one digit.
    private static bool Digits(ReadOnlySpan<byte> token, ref int i)
    {
        var start = i;
        while (i < token.Length && (uint)(token[i] - '0') <= 9)
        {
            i++;
        }

        return i > start;
    }

    /// <summary>Past JSON whitespace; the span's last byte is not whitespace, so the scan stays inside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipSpace(ReadOnlySpan<byte> s, int at)
    {
        ref var b = ref MemoryMarshal.GetReference(s);
        while (Unsafe.Add(ref b, at) is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            at++;
        }

        return at;
    }
}
