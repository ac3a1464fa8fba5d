using System.Buffers;
using System.Text.Json;
using Workbench.Data.Io;

namespace Workbench.Serving.Protocol;

/// <summary>
/// The JSON around the rows <see cref="NumericJsonReader"/> scans by hand, read with System.Text.Json: which forms
/// are taken, where their rows begin, and whether the rest of the body is one the general reader reads the same way.
/// </summary>
internal static class JsonRowsEnvelope
{
    // As the general reader parses a body.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>
    /// Checks the body with its rows array (from <paramref name="start"/> to <paramref name="end"/>) read as
    /// <c>[]</c>: valid JSON in a taken form, with that array where the rows go. <paramref name="columns"/> is
    /// <c>dataframe_split.columns</c>, when given.
    /// </summary>
    public static bool TryCheck(ReadOnlySpan<byte> body, int start, int end, out List<string>? columns)
    {
        var rented = ArrayPool<byte>.Shared.Rent(start + 2 + (body.Length - end));
        try
        {
            var envelope = WithEmptyArray(body, start, end, rented);
            return TryWalk(envelope, whole: true, out var rowsAt, out columns) && rowsAt == start;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Whether a JSON Lines line is one row list (from <paramref name="open"/> to <paramref name="close"/>) alone
    /// or as the <c>features</c> of an object, read as the general reader reads it.
    /// </summary>
    public static bool TryCheckLine(ReadOnlySpan<byte> line, int open, int close)
    {
        var prefix = line[..open];
        var suffix = line[(close + 1)..];
        if (FieldParser.Trim(prefix).IsEmpty && FieldParser.Trim(suffix).TrimEnd((byte)'\r').IsEmpty)
        {
            return true;
        }

        Span<byte> room = stackalloc byte[256];
        if (prefix.Length + 2 + suffix.Length > room.Length)
        {
            return false;
        }

        var envelope = WithEmptyArray(line, open, close + 1, room);
        try
        {
            var reader = new Utf8JsonReader(envelope, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var features = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isFeatures = reader.ValueTextEquals("features"u8);
                reader.Read();
                if (isFeatures && (++features > 1 || reader.TokenType != JsonTokenType.StartArray || reader.TokenStartIndex != open))
                {
                    return false;
                }

                reader.Skip();
            }

            return features == 1 && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Finds the rows array of a taken form (<paramref name="rowsAt"/>, the index of its <c>[</c>). With
    /// <paramref name="whole"/> false it stops there; with it true it reads on to the end and also requires exactly
    /// one of the keys the general reader chooses between, nothing after the root, and no key given twice.
    /// </summary>
    public static bool TryWalk(ReadOnlySpan<byte> json, bool whole, out int rowsAt, out List<string>? columns)
    {
        rowsAt = -1;
        columns = null;
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                rowsAt = (int)reader.TokenStartIndex;
                return !whole || SkipToEnd(ref reader);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var forms = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("instances"u8) || reader.ValueTextEquals("inputs"u8) || reader.ValueTextEquals("dataframe_records"u8))
                {
                    forms++;
                    if (!TryRows(ref reader, whole, ref rowsAt))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("dataframe_split"u8))
                {
                    forms++;
                    if (!TrySplit(ref reader, whole, ref rowsAt, ref columns))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                if (!whole)
                {
                    return true;
                }
            }

            return whole && forms == 1 && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // The value after a rows key: a list, skipped when reading the whole envelope.
    private static bool TryRows(ref Utf8JsonReader reader, bool whole, ref int rowsAt)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        rowsAt = (int)reader.TokenStartIndex;
        if (whole)
        {
            reader.Skip();
        }

        return true;
    }

    // {"columns": [names], "data": rows, ...}: without columns, rows are in the request's order. Only the whole walk
    // reads the names; the first pass, which stops at the rows, skips them.
    private static bool TrySplit(ref Utf8JsonReader reader, bool whole, ref int rowsAt, ref List<string>? columns)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var data = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                data++;
                if (!TryRows(ref reader, whole, ref rowsAt))
                {
                    return false;
                }

                if (!whole)
                {
                    return true;
                }
            }
            else if (whole && reader.ValueTextEquals("columns"u8))
            {
                if (columns is not null || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                columns = [];
                while (reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    columns.Add(reader.GetString()!);
                }

                if (reader.TokenType != JsonTokenType.EndArray)
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return data == 1;
    }

    // `text` with its bytes from `start` to `end` replaced by "[]", written into `room` (long enough).
    private static Span<byte> WithEmptyArray(ReadOnlySpan<byte> text, int start, int end, Span<byte> room)
    {
        text[..start].CopyTo(room);
        "[]"u8.CopyTo(room[start..]);
        text[end..].CopyTo(room[(start + 2)..]);
        return room[..(start + 2 + text.Length - end)];
    }

    private static bool SkipToEnd(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return !reader.Read();
    }
}
