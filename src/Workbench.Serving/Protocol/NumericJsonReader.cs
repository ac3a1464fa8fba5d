using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Workbench.Data.Io;
using Workbench.Features;

namespace Workbench.Serving.Protocol;

/// <summary>
/// The short way for JSON bodies of numeric rows, as MLflow and SageMaker clients send them:
/// <c>{"instances": [[…], …]}</c>, <c>{"inputs": [[…], …]}</c>,
/// <c>{"dataframe_split": {"columns": […], "data": [[…], …]}}</c> (columns in any order; other keys such as
/// <c>index</c> ignored, as the general reader ignores them), <c>{"dataframe_records": […]}</c>, a bare list of rows,
/// or one flat row; rows as lists in the request's column order or as objects keyed by column name
/// (<c>{"mean_radius": 17.99, …}</c>, as pandas' <c>to_dict("records")</c> gives them), and one such object alone.
/// The rows array is scanned by hand (numbers, keys, commas, brackets, whitespace) straight into
/// <see cref="NumericInput"/>'s column-major buffer, where building a document costs several times the parsing; the
/// envelope around it is checked by System.Text.Json with the rows array read as <c>[]</c>. Anything else (a string,
/// null or boolean cell, a number the exact parse does not take, a row of the wrong length, an object row missing a
/// column or naming one twice, a key with an escape, a second key the general reader would choose between, invalid
/// JSON) makes <see cref="TryRead"/> return null and the general reader answers, naming the problem when there is one.
/// </summary>
internal static class NumericJsonReader
{
    // What may follow a number in a row: a comma, the row's closing bracket or brace, whitespace.
    private static readonly SearchValues<byte> NumberEnds = SearchValues.Create(",]} \n\r\t"u8);

    // What ends the text of a string the short way takes: its closing quote. An escape or a control character (which
    // JSON forbids unescaped) ends it too, and the body goes the general way.
    private static readonly SearchValues<byte> StringEnds = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    // The keys the general reader looks for before reading an object as a row ("features" on a JSON Lines line). An
    // object row holding one goes the general way, whichever way the general reader takes it.
    private static readonly byte[][] FormKeys = ["instances"u8.ToArray(), "inputs"u8.ToArray(), "dataframe_split"u8.ToArray(), "dataframe_records"u8.ToArray(), "features"u8.ToArray()];

    /// <summary>The model's input for <paramref name="body"/>, or null when the body must be read the general way.</summary>
    public static FeatureMatrix? TryRead(NumericInput input, ReadOnlySpan<byte> body)
    {
        var lead = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (lead >= 0 && body[lead] == (byte)'{' && TryReadRowObject(input, body, lead) is { } row)
        {
            return row;
        }

        // Every scan below stops at a closing bracket, so ending the span at the last one spares the bounds checks.
        var last = body.LastIndexOf((byte)']');
        if (last < 0 || !JsonRowsEnvelope.TryWalk(body, whole: false, out var start, out _) || start >= last)
        {
            return null;
        }

        var scanned = body[..(last + 1)];
        var width = input.Columns;
        var first = SkipSpace(scanned, start + 1);
        var objects = scanned[first] == (byte)'{';
        // One '[' (or '{') per row, more when the envelope or a skipped string holds some after the rows; none for a
        // single flat row.
        var stride = Math.Max(1, scanned[(start + 1)..].Count(objects ? (byte)'{' : (byte)'['));
        var buffer = ArrayPool<double>.Shared.Rent(checked(stride * width));
        double[]? reordered = null;
        try
        {
            if (!TryScanRows(scanned, start, input, buffer, stride, out var rows, out var end)
                || !JsonRowsEnvelope.TryCheck(body, start, end, out var columns)
                || (objects && columns is not null)
                || Order(input, columns) is not { } order)
            {
                return null;
            }

            if (order.Length == 0)
            {
                return input.TryFinish(buffer, rows, stride);
            }

            reordered = ArrayPool<double>.Shared.Rent(checked(rows * width));
            for (var p = 0; p < width; p++)
            {
                buffer.AsSpan(p * stride, rows).CopyTo(reordered.AsSpan(order[p] * rows, rows));
            }

            return input.TryFinish(reordered, rows, rows);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
            if (reordered is not null)
            {
                ArrayPool<double>.Shared.Return(reordered);
            }
        }
    }

    /// <summary>
    /// A body that is one row given as an object, from its brace at <paramref name="lead"/>, with nothing but whitespace
    /// after it; null otherwise.
    /// </summary>
    private static FeatureMatrix? TryReadRowObject(NumericInput input, ReadOnlySpan<byte> body, int lead)
    {
        var last = body.LastIndexOf((byte)'}');
        if (last <= lead || body[(last + 1)..].IndexOfAnyExcept(" \t\r\n"u8) >= 0)
        {
            return null;
        }

        var buffer = ArrayPool<double>.Shared.Rent(input.Columns);
        try
        {
            var at = lead + 1;
            Span<int> stack = stackalloc int[Math.Min(input.Columns, MaxStackColumns)];
            return TryObjectRow(body[..(last + 1)], ref at, input, buffer, 1, 0, SeenInRow(stack, input.Columns)) && at == last + 1
                ? input.TryFinish(buffer, 1, 1)
                : null;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The model's input for a JSON Lines body of one row per line, each a list of numbers, an object keyed by column
    /// name, or <c>{"features": [numbers]}</c> (SageMaker's form); null when the body must be read the general way
    /// (blank lines included, which the general reader skips).
    /// </summary>
    public static FeatureMatrix? TryReadLines(NumericInput input, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        var rows = RequestReader.LineCount(body);
        var width = input.Columns;
        var buffer = ArrayPool<double>.Shared.Rent(checked(rows * width));
        Span<int> stack = stackalloc int[Math.Min(width, MaxStackColumns)];
        var seenInRow = SeenInRow(stack, width);
        try
        {
            var at = 0;
            for (var row = 0; row < rows; row++)
            {
                var next = body[at..].IndexOf((byte)'\n');
                var line = next < 0 ? body[at..] : body.Slice(at, next);
                at += line.Length + 1;
                if (!TryLine(line, input, buffer, rows, row, seenInRow))
                {
                    return null;
                }
            }

            return at >= body.Length ? input.TryFinish(buffer, rows, rows) : null;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    // One JSON Lines line into row `row` of the buffer.
    private static bool TryLine(ReadOnlySpan<byte> line, NumericInput input, double[] buffer, int stride, int row, Span<int> seenInRow)
    {
        var lead = line.IndexOfAnyExcept(" \t\r"u8);
        if (lead >= 0 && line[lead] == (byte)'{' && !line[(lead + 1)..].TrimStart(" \t\r\n"u8).StartsWith("\"features\""u8))
        {
            // A row by column name. SageMaker's {"features": […]} is read below (straight away when its key comes first).
            var close = line.LastIndexOf((byte)'}');
            var at = lead + 1;
            if (close > lead && TryObjectRow(line[..(close + 1)], ref at, input, buffer, stride, row, seenInRow)
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
        return TryRow(scanned, ref position, input.Columns, buffer, stride, row) && JsonRowsEnvelope.TryCheckLine(line, open, position - 1);
    }

    /// <summary>
    /// For each position in a row, the request column it holds: empty when rows are in the request's own order, null
    /// when <c>dataframe_split.columns</c> does not name every request column exactly once and nothing else.
    /// </summary>
    private static int[]? Order(NumericInput input, List<string>? columns)
    {
        if (columns is null)
        {
            return [];
        }

        if (columns.Count != input.Columns)
        {
            return null;
        }

        var order = new int[columns.Count];
        var seen = new bool[columns.Count];
        var identity = true;
        for (var p = 0; p < order.Length; p++)
        {
            var column = input.IndexOf(columns[p]);
            if (column < 0 || seen[column])
            {
                return null;
            }

            seen[column] = true;
            order[p] = column;
            identity &= column == p;
        }

        return identity ? [] : order;
    }

    /// <summary>
    /// Reads the rows array opening at <paramref name="start"/> in <paramref name="s"/> (whose last byte is
    /// <c>]</c>): a list of rows, each a list of the request's numbers in column order or an object keyed by column
    /// name, or one flat list of numbers (one row). Row r's value for column c goes to <c>buffer[c * stride + r]</c>.
    /// <paramref name="end"/> is just past the array's closing bracket.
    /// </summary>
    private static bool TryScanRows(ReadOnlySpan<byte> s, int start, NumericInput input, double[] buffer, int stride, out int rows, out int end)
    {
        rows = 0;
        end = 0;
        var width = input.Columns;
        var at = SkipSpace(s, start + 1);
        var opener = s[at];
        if (opener is not ((byte)'[' or (byte)'{'))
        {
            // A flat list of values is one row; its closing bracket closes the array.
            if (!TryRow(s, ref at, width, buffer, stride, 0))
            {
                return false;
            }

            rows = 1;
            end = at;
            return true;
        }

        Span<int> stack = stackalloc int[Math.Min(width, MaxStackColumns)];
        var seenInRow = opener == (byte)'{' ? SeenInRow(stack, width) : default;
        while (rows < stride)
        {
            bool read;
            if (opener == (byte)'{')
            {
                at++;
                read = TryObjectRow(s, ref at, input, buffer, stride, rows, seenInRow);
            }
            else
            {
                at = SkipSpace(s, at + 1);
                read = TryRow(s, ref at, width, buffer, stride, rows);
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
    /// One row given as an object, from just past its opening brace through its closing one: each request column's
    /// name once, with a number. Other keys (an id, a timestamp) are passed over when their value is a number, a
    /// string without escapes, true, false or null, as the general reader ignores them; any other value, or a key
    /// <see cref="FormKeys"/> holds, declines. <paramref name="seenInRow"/> holds, per column, the last row that named
    /// it. <paramref name="s"/> ends with a closing bracket or brace.
    /// </summary>
    private static bool TryObjectRow(ReadOnlySpan<byte> s, ref int at, NumericInput input, double[] buffer, int stride, int row, Span<int> seenInRow)
    {
        if (!input.TakesKeys)
        {
            return false;
        }

        var found = 0;
        var hint = 0;
        at = SkipSpace(s, at);
        while (true)
        {
            int column;
            var length = s[at] == (byte)'"' ? input.KeyLengthAt(s, at + 1, hint) : -1;
            if (length >= 0)
            {
                column = hint;
            }
            else if ((length = StringLength(s, at)) >= 0)
            {
                column = input.IndexOf(s.Slice(at + 1, length), hint);
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
                if (seenInRow[column] == row || !TryNumber(s, ref at, out buffer[(column * stride) + row]))
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
                return found == input.Columns;
            }

            if (s[at] != (byte)',')
            {
                return false;
            }

            at = SkipSpace(s, at + 1);
        }
    }

    // The length of the text of a string without escapes or control characters whose opening quote is at `at`, or -1.
    private static int StringLength(ReadOnlySpan<byte> s, int at)
    {
        if (s[at] != (byte)'"')
        {
            return -1;
        }

        var length = s[(at + 1)..].IndexOfAny(StringEnds);
        return length >= 0 && s[at + 1 + length] == (byte)'"' ? length : -1;
    }

    // The value of a key that is not a column: a number, a string StringLength takes (valid UTF-8), true, false or null.
    private static bool TrySkipScalar(ReadOnlySpan<byte> s, ref int at)
    {
        var rest = s[at..];
        var literal = rest[0] switch
        {
            (byte)'t' => "true"u8,
            (byte)'f' => "false"u8,
            (byte)'n' => "null"u8,
            _ => default,
        };
        if (!literal.IsEmpty)
        {
            at += literal.Length;
            return rest.StartsWith(literal);
        }

        if (rest[0] == (byte)'"')
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

    // Object rows with more columns than this track them on the heap.
    private const int MaxStackColumns = 256;

    // No column seen in any row yet: rows count from 0.
    private static Span<int> SeenInRow(Span<int> stack, int columns)
    {
        var seen = columns <= stack.Length ? stack[..columns] : new int[columns];
        seen.Fill(-1);
        return seen;
    }

    /// <summary>The values of one row from its first value through its closing bracket.</summary>
    private static bool TryRow(ReadOnlySpan<byte> s, ref int at, int width, double[] buffer, int stride, int row)
    {
        var last = width - 1;
        for (var c = 0; c <= last; c++)
        {
            if (!TryNumber(s, ref at, out buffer[(c * stride) + row]))
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
    /// A finite JSON number, read as <c>JsonElement.GetDouble</c> reads it: correctly rounded. Most take the plain
    /// scan; one it declines (17 significant digits, as Python and .NET write a double to round-trip) is read whole.
    /// The plain scan also takes forms JSON does not (<c>.5</c>, <c>01</c>, <c>1.</c>); those are refused here, so
    /// the general reader reports them as invalid JSON.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryNumber(ReadOnlySpan<byte> s, ref int at, out double value)
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
    private static int SkipSpace(ReadOnlySpan<byte> s, int at)
    {
        ref var b = ref MemoryMarshal.GetReference(s);
        while (Unsafe.Add(ref b, at) is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            at++;
        }

        return at;
    }
}
