using System.Buffers;
using System.Text;
using Workbench.Data.Io;

namespace Workbench.Serving.Protocol;

/// <summary>
/// Reads a <c>text/csv</c> body (RFC 4180: quoted fields, doubled quotes, CRLF or LF, blank lines skipped) into a
/// <see cref="FrameBuilder"/>. Without a header, fields are in the layout's order and every row has exactly one field
/// per column; with a header (flagged by the caller), columns are matched by name and extra columns are ignored.
/// </summary>
internal static class CsvRequestParser
{
    public static void Parse(ReadOnlySpan<byte> body, FrameBuilder builder, bool header)
    {
        var layout = builder.Layout;
        int[]? map = null;
        var expected = layout.Count;
        // A header-less body of plain numbers for an all-number layout (what most clients send) is read row by row
        // straight into the columns; a row with anything else (quotes, missing cells, text, a wrong field count)
        // goes through the general path below, which reports it.
        var numbers = !header && builder.AllNumbers;
        var endsWithNewline = body.EndsWith((byte)'\n');
        var scratch = ArrayPool<byte>.Shared.Rent(256);
        var fields = ArrayPool<Range>.Shared.Rent(Math.Max(16, expected + 1));
        try
        {
            var position = 0;
            var line = 0;
            while (position < body.Length)
            {
                line++;
                if (numbers && (endsWithNewline
                        ? builder.TryAddNumberRow<EndsWithDelimiter>(body, ref position)
                        : builder.TryAddNumberRow<WithinSpan>(body, ref position)))
                {
                    continue;
                }

                var start = position;
                var count = SplitRecord(body, ref position, ref fields, ref line, out var quoted);
                if (count == 1 && FieldParser.Trim(body[fields[0]]).IsEmpty)
                {
                    continue;
                }

                if (header && map is null)
                {
                    map = MapHeader(body, start, fields, count, builder, line);
                    expected = count;
                    continue;
                }

                builder.Line = line;
                builder.BeginRow();
                if (count != expected)
                {
                    builder.RowProblem("wrong_field_count", $"expected {expected} fields ({layout.Describe()}), found {count}");
                    continue;
                }

                for (var f = 0; f < count; f++)
                {
                    var column = map is null ? f : map[f];
                    if (column < 0)
                    {
                        continue;
                    }

                    var field = body[fields[f]];
                    if (quoted && field.Length > 0 && field[0] == (byte)'"')
                    {
                        var length = Unquote(field, ref scratch);
                        if (length >= 0)
                        {
                            field = scratch.AsSpan(0, length);
                        }
                    }

                    builder.SetText(column, field);
                }
            }

            if (header && map is null)
            {
                throw ServingException.BadRequest("empty_body", "the CSV body has a header but no rows.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            ArrayPool<Range>.Shared.Return(fields);
        }
    }

    /// <summary>Splits one record starting at <paramref name="position"/> into field ranges; moves past its line end.</summary>
    private static int SplitRecord(ReadOnlySpan<byte> body, ref int position, ref Range[] fields, ref int line, out bool quoted)
    {
        quoted = false;
        var count = 0;
        var fieldStart = position;
        var inQuotes = false;
        var i = position;
        for (; i < body.Length; i++)
        {
            var b = body[i];
            if (inQuotes)
            {
                if (b == (byte)'"')
                {
                    if (i + 1 < body.Length && body[i + 1] == (byte)'"')
                    {
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (b == (byte)'\n')
                {
                    line++;
                }

                continue;
            }

            if (b == (byte)'"' && FieldParser.Trim(body[fieldStart..i]).IsEmpty)
            {
                inQuotes = true;
                quoted = true;
            }
            else if (b == (byte)',')
            {
                Add(ref fields, ref count, fieldStart..i);
                fieldStart = i + 1;
            }
            else if (b == (byte)'\n')
            {
                break;
            }
        }

        var end = i;
        if (end > fieldStart && body[end - 1] == (byte)'\r')
        {
            end--;
        }

        Add(ref fields, ref count, fieldStart..end);
        position = i < body.Length ? i + 1 : i;
        if (inQuotes)
        {
            throw ServingException.At(new RequestProblem(null, null, null, "unterminated_quote", $"a quoted field opened on or before line {line} is never closed") { Line = line });
        }

        return count;
    }

    private static void Add(ref Range[] fields, ref int count, Range range)
    {
        if (count == fields.Length)
        {
            var bigger = ArrayPool<Range>.Shared.Rent(fields.Length * 2);
            fields.AsSpan().CopyTo(bigger);
            ArrayPool<Range>.Shared.Return(fields);
            fields = bigger;
        }

        fields[count++] = range;
    }

    /// <summary>Writes the unquoted text into <paramref name="scratch"/> and returns its length; -1 when the field is not one quoted value.</summary>
    private static int Unquote(ReadOnlySpan<byte> field, ref byte[] scratch)
    {
        var trimmed = FieldParser.Trim(field);
        if (trimmed.Length < 2 || trimmed[^1] != (byte)'"')
        {
            return -1;
        }

        var inner = trimmed[1..^1];
        if (scratch.Length < inner.Length)
        {
            ArrayPool<byte>.Shared.Return(scratch);
            scratch = ArrayPool<byte>.Shared.Rent(inner.Length);
        }

        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            scratch[n++] = inner[i];
            if (inner[i] == (byte)'"' && i + 1 < inner.Length && inner[i + 1] == (byte)'"')
            {
                i++;
            }
        }

        return n;
    }

    private static int[] MapHeader(ReadOnlySpan<byte> body, int start, Range[] fields, int count, FrameBuilder builder, int line)
    {
        var layout = builder.Layout;
        var map = new int[count];
        var seen = new bool[layout.Count];
        var scratch = ArrayPool<byte>.Shared.Rent(64);
        for (var f = 0; f < count; f++)
        {
            var name = body[fields[f]];
            if (name.Length > 0 && FieldParser.Trim(name) is { Length: > 0 } t && t[0] == (byte)'"')
            {
                var length = Unquote(name, ref scratch);
                if (length >= 0)
                {
                    name = scratch.AsSpan(0, length);
                }
            }

            var text = Encoding.UTF8.GetString(FieldParser.Trim(name));
            var index = layout.IndexOf(text);
            if (index >= 0 && seen[index])
            {
                throw ServingException.At(new RequestProblem(null, text, null, "duplicate_column", "the header names this column twice") { Line = line });
            }

            map[f] = index;
            if (index >= 0)
            {
                seen[index] = true;
            }
        }

        var absent = layout.Columns.Where(c => !seen[c.Index]).ToList();
        if (absent.Count > 0)
        {
            throw ServingException.InvalidData(
                absent.Select(c => new RequestProblem(null, c.Name, null, "missing_column", $"the CSV header does not name this column; expected {layout.Describe()}") { Line = line }).ToList());
        }

        return map;
    }
}
