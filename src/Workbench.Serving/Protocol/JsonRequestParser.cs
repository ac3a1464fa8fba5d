using System.Text.Json;
using Workbench.Data.Io;

namespace Workbench.Serving.Protocol;

/// <summary>
/// Reads the JSON request forms MLflow and SageMaker users send into a <see cref="FrameBuilder"/>:
/// <c>{"instances": [...]}</c> and <c>{"inputs": [...]}</c> (rows as lists in column order or as objects by name;
/// <c>inputs</c> may also be columnar, <c>{"col": [values]}</c>), <c>{"dataframe_split": {"columns", "data"}}</c>,
/// <c>{"dataframe_records": [...]}</c>, a bare list of rows, or one row object. JSON Lines bodies give one row per line
/// (a list, an object, or <c>{"features": [...]}</c>).
/// </summary>
internal static class JsonRequestParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    public static void ParseJson(ReadOnlyMemory<byte> body, FrameBuilder builder)
    {
        using var document = Parse(body, lineOffset: 0);
        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                Rows(root, builder, "the body");
                break;
            case JsonValueKind.Object:
                ParseObject(root, builder);
                break;
            default:
                throw ServingException.BadRequest("invalid_request", $"the JSON body is a {Describe(root.ValueKind)}; send {{\"instances\": [...]}}, {{\"dataframe_split\": {{...}}}}, {{\"dataframe_records\": [...]}} or {{\"inputs\": ...}}.");
        }
    }

    public static void ParseJsonLines(ReadOnlyMemory<byte> body, FrameBuilder builder)
    {
        var span = body.Span;
        var position = 0;
        var line = 0;
        while (position < span.Length)
        {
            line++;
            var end = span[position..].IndexOf((byte)'\n');
            var length = end < 0 ? span.Length - position : end;
            var record = body.Slice(position, length);
            position += length + 1;
            if (FieldParser.Trim(record.Span).TrimEnd((byte)'\r').IsEmpty)
            {
                continue;
            }

            using var document = Parse(record, line - 1);
            var row = document.RootElement;
            builder.Line = line;
            if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array)
            {
                row = features;
            }

            Row(row, builder);
        }
    }

    private static void ParseObject(JsonElement root, FrameBuilder builder)
    {
        if (root.TryGetProperty("instances", out var instances))
        {
            Rows(instances, builder, "'instances'");
        }
        else if (root.TryGetProperty("dataframe_records", out var records))
        {
            Rows(records, builder, "'dataframe_records'");
        }
        else if (root.TryGetProperty("dataframe_split", out var split))
        {
            Split(split, builder);
        }
        else if (root.TryGetProperty("inputs", out var inputs))
        {
            if (inputs.ValueKind == JsonValueKind.Object)
            {
                Columnar(inputs, builder);
            }
            else
            {
                Rows(inputs, builder, "'inputs'");
            }
        }
        else if (LooksLikeRow(root, builder))
        {
            Row(root, builder);
        }
        else
        {
            var keys = string.Join(", ", root.EnumerateObject().Take(5).Select(p => $"'{MediaTypes.Truncate(p.Name)}'"));
            throw ServingException.BadRequest("invalid_request",
                $"the JSON object has none of 'instances', 'inputs', 'dataframe_split', 'dataframe_records' (found {(keys.Length == 0 ? "no keys" : keys)}), and its keys are not the model's columns ({builder.Layout.Describe()}).");
        }

        if (builder.Rows == 0 && builder.TotalProblems == 0)
        {
            throw ServingException.BadRequest("empty_body", "the request holds no rows.");
        }
    }

    private static void Rows(JsonElement rows, FrameBuilder builder, string where)
    {
        if (rows.ValueKind != JsonValueKind.Array)
        {
            throw ServingException.BadRequest("invalid_request", $"{where} must be a list of rows, not a {Describe(rows.ValueKind)}.");
        }

        // A flat list of scalars is one row.
        if (rows.GetArrayLength() > 0 && rows[0].ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            Row(rows, builder);
            return;
        }

        foreach (var row in rows.EnumerateArray())
        {
            Row(row, builder);
        }
    }

    private static void Row(JsonElement row, FrameBuilder builder)
    {
        builder.BeginRow();
        var layout = builder.Layout;
        switch (row.ValueKind)
        {
            case JsonValueKind.Array:
            {
                var count = row.GetArrayLength();
                if (count != layout.Count)
                {
                    builder.RowProblem("wrong_field_count", $"expected {layout.Count} values ({layout.Describe()}), found {count}");
                    return;
                }

                var column = 0;
                foreach (var cell in row.EnumerateArray())
                {
                    Cell(cell, column++, builder);
                }

                break;
            }

            case JsonValueKind.Object:
            {
                var hint = 0;
                var seen = 0;
                // Distinct columns: a key given twice (the last value wins, as in Python's json) must not hide one absent.
                Span<bool> named = layout.Count <= 256 ? stackalloc bool[layout.Count] : new bool[layout.Count];
                foreach (var property in row.EnumerateObject())
                {
                    var column = layout.IndexOf(property, static (p, name) => p.NameEquals(name), hint);
                    if (column < 0)
                    {
                        continue;
                    }

                    hint = column + 1;
                    if (!named[column])
                    {
                        named[column] = true;
                        seen++;
                    }

                    Cell(property.Value, column, builder);
                }

                if (seen < layout.Count)
                {
                    for (var column = 0; column < layout.Count; column++)
                    {
                        if (!named[column])
                        {
                            builder.RowProblem("missing_column", "the row has no value for this column (send null for a missing value)", layout[column].Name);
                        }
                    }
                }

                break;
            }

            default:
                builder.RowProblem("invalid_row", $"a row must be a list or an object, not a {Describe(row.ValueKind)}");
                break;
        }
    }

    private static void Split(JsonElement split, FrameBuilder builder)
    {
        if (split.ValueKind != JsonValueKind.Object || !split.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw ServingException.BadRequest("invalid_request", "'dataframe_split' must be an object with 'columns' and 'data' (a list of rows).");
        }

        var layout = builder.Layout;
        int[]? map = null;
        if (split.TryGetProperty("columns", out var columns))
        {
            if (columns.ValueKind != JsonValueKind.Array)
            {
                throw ServingException.BadRequest("invalid_request", "'dataframe_split.columns' must be a list of column names.");
            }

            map = columns.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? layout.IndexOf(c.GetString()!) : -1).ToArray();
            var named = columns.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToHashSet(StringComparer.Ordinal);
            var absent = layout.Columns.Where(c => !named.Contains(c.Name)).ToList();
            if (absent.Count > 0)
            {
                throw ServingException.InvalidData(absent.Select(c => new RequestProblem(null, c.Name, null, "missing_column", "'dataframe_split.columns' does not name this column")).ToList());
            }
        }

        foreach (var row in data.EnumerateArray())
        {
            if (map is null || row.ValueKind != JsonValueKind.Array)
            {
                Row(row, builder);
                continue;
            }

            builder.BeginRow();
            if (row.GetArrayLength() != map.Length)
            {
                builder.RowProblem("wrong_field_count", $"expected {map.Length} values (as many as 'columns'), found {row.GetArrayLength()}");
                continue;
            }

            var i = 0;
            foreach (var cell in row.EnumerateArray())
            {
                if (map[i] >= 0)
                {
                    Cell(cell, map[i], builder);
                }

                i++;
            }
        }
    }

    /// <summary><c>{"inputs": {"col": [v0, v1, …], …}}</c>: one list per column, all of one length.</summary>
    private static void Columnar(JsonElement inputs, FrameBuilder builder)
    {
        var layout = builder.Layout;
        var lists = new JsonElement[layout.Count];
        var length = -1;
        foreach (var property in inputs.EnumerateObject())
        {
            var column = layout.IndexOf(property.Name);
            if (column < 0)
            {
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                throw ServingException.At(new RequestProblem(null, property.Name, null, "invalid_request", "columnar 'inputs' needs a list of values per column"));
            }

            var count = property.Value.GetArrayLength();
            if (length >= 0 && count != length)
            {
                throw ServingException.At(new RequestProblem(null, property.Name, null, "ragged_columns", $"has {count} values where the other columns have {length}"));
            }

            length = count;
            lists[column] = property.Value;
        }

        var absent = layout.Columns.Where(c => lists[c.Index].ValueKind == JsonValueKind.Undefined).ToList();
        if (absent.Count > 0)
        {
            throw ServingException.InvalidData(absent.Select(c => new RequestProblem(null, c.Name, null, "missing_column", "'inputs' has no list for this column")).ToList());
        }

        for (var row = 0; row < length; row++)
        {
            builder.BeginRow();
            for (var column = 0; column < lists.Length; column++)
            {
                Cell(lists[column][row], column, builder);
            }
        }
    }

    private static void Cell(JsonElement cell, int column, FrameBuilder builder)
    {
        switch (cell.ValueKind)
        {
            case JsonValueKind.Number:
            {
                // The exact plain parse gives GetDouble's value for most numbers, at a fraction of its cost.
                var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(cell);
                var end = 0;
                builder.SetNumber(column, FieldParser.TryParsePlainNumber(raw, ref end, out var number) && end == raw.Length ? number : cell.GetDouble());
                break;
            }

            case JsonValueKind.String:
            {
                // The raw text (quotes included) needs no copy unless it holds escapes.
                var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(cell);
                var inner = raw[1..^1];
                if (inner.IndexOf((byte)'\\') < 0)
                {
                    builder.SetText(column, inner);
                }
                else
                {
                    builder.SetText(column, System.Text.Encoding.UTF8.GetBytes(cell.GetString()!));
                }

                break;
            }
            case JsonValueKind.True or JsonValueKind.False:
                builder.SetBoolean(column, cell.ValueKind == JsonValueKind.True);
                break;
            case JsonValueKind.Null:
                builder.SetMissing(column);
                break;
            default:
                builder.RowProblem("wrong_type", $"expected a single value, found a {Describe(cell.ValueKind)}", builder.Layout[column].Name);
                break;
        }
    }

    private static bool LooksLikeRow(JsonElement root, FrameBuilder builder) =>
        root.EnumerateObject().Any(p => builder.Layout.IndexOf(p.Name) >= 0);

    private static JsonDocument Parse(ReadOnlyMemory<byte> body, int lineOffset)
    {
        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1 + lineOffset;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var reason = e.Message.Split(" LineNumber", 2)[0].TrimEnd('.', ' ');
            throw new ServingException(400, "invalid_json", $"the body is not valid JSON at line {line}, byte {column}: {reason}.",
                [new RequestProblem(null, null, null, "invalid_json", reason) { Line = line }]);
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
