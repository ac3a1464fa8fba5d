using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workbench.Data.Io;

/// <summary>
/// Reads JSON Lines (one JSON object per line, as SageMaker data capture and batch transform write) into a
/// <see cref="Frame"/>. Keys become columns in order of first appearance; a key absent from a line, or null,
/// is missing. JSON types decide column types: integers int64, any fraction float64, true / false bool,
/// strings text (datetime when every value is an ISO 8601 date; categorical when few distinct), nested
/// objects and arrays their JSON text. A column mixing kinds becomes text. Blank lines are ignored; a line
/// that is not a JSON object is malformed, reported with file and line.
/// </summary>
public static class JsonLinesReader
{
    public static Frame Read(string path, JsonLinesReadOptions? options = null) => ReadWithReport(path, options).Frame;

    public static DataReadResult ReadWithReport(string path, JsonLinesReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"JSON Lines file '{path}' does not exist (looked for {full}).", full);
        }

        using var stream = CsvReader.OpenFile(full);
        return ReadWithReport(stream, options, path);
    }

    /// <summary>Reads from a stream (left open), named <paramref name="sourceName"/> in errors.</summary>
    public static DataReadResult ReadWithReport(Stream stream, JsonLinesReadOptions? options = null, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new JsonLinesReadOptions();
        using var utf8 = TextDecoding.OpenUtf8(stream, options.Encoding, leaveOpen: true);
        var table = new JsonTable(sourceName, options);
        var buffer = new byte[1 << 16];
        var used = 0;
        var line = 1L;
        var ended = false;
        while (!ended && !table.Full)
        {
            var read = utf8.Read(buffer, used, buffer.Length - used);
            ended = read == 0;
            used += read;
            var start = 0;
            while (true)
            {
                var newline = buffer.AsSpan(start, used - start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                table.AddLine(buffer.AsSpan(start, newline), line++);
                start += newline + 1;
            }

            if (ended && start < used)
            {
                table.AddLine(buffer.AsSpan(start, used - start), line);
                start = used;
            }

            buffer.AsSpan(start, used - start).CopyTo(buffer);
            used -= start;
            if (used == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        return table.ToResult();
    }

    public static Frame ReadText(string text, JsonLinesReadOptions? options = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return ReadWithReport(stream, options, "<text>").Frame;
    }

    /// <summary>Cells by column while reading, then typed columns.</summary>
    private sealed class JsonTable(string source, JsonLinesReadOptions options)
    {
        private readonly List<string> _names = [];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<List<JsonCell>> _cells = [];
        private readonly List<long> _lines = [];
        private readonly List<DataIssue> _issues = [];
        private readonly List<(int Column, JsonCell Cell)> _row = [];

        public bool Full => options.MaxRows is { } max && _lines.Count >= max;

        public void AddLine(ReadOnlySpan<byte> text, long line)
        {
            if (text.Length > 0 && text[^1] == (byte)'\r')
            {
                text = text[..^1];
            }

            if (text.Trim(" \t"u8).IsEmpty || Full)
            {
                return;
            }

            _row.Clear();
            try
            {
                var reader = new Utf8JsonReader(text, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    Malformed(line, null, "the line is not a JSON object");
                    return;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    _row.Add((Column(name), Cell(ref reader)));
                }

                if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                {
                    Malformed(line, null, "there is text after the JSON object");
                    return;
                }
            }
            catch (JsonException e)
            {
                Malformed(line, null, $"not valid JSON ({e.Message})");
                return;
            }

            var row = _lines.Count;
            foreach (var cells in _cells)
            {
                cells.Add(JsonCell.Null);
            }

            foreach (var (column, cell) in _row)
            {
                _cells[column][row] = cell;
            }

            _lines.Add(line);
        }

        public DataReadResult ToResult()
        {
            var declared = new ColumnType?[_names.Count];
            foreach (var (name, type) in options.ColumnTypes)
            {
                if (!_index.TryGetValue(name, out var c))
                {
                    throw new ArgumentException($"ColumnTypes names a key of {source} that is not there: {EditDistance.MissingMessage("key", name, _names)}");
                }

                declared[c] = type;
            }

            // Declared types first: a row whose value does not convert is dropped from every column.
            var keep = Enumerable.Repeat(true, _lines.Count).ToArray();
            for (var c = 0; c < _names.Count; c++)
            {
                if (declared[c] is not { } type)
                {
                    continue;
                }

                for (var r = 0; r < _lines.Count; r++)
                {
                    if (keep[r] && !Converts(_cells[c][r], type))
                    {
                        keep[r] = false;
                        Malformed(_lines[r], _names[c], $"{Describe(_cells[c][r])} is not {type.DisplayName()} (the column is declared {type.DisplayName()})");
                    }
                }
            }

            var rows = Enumerable.Range(0, _lines.Count).Where(r => keep[r]).ToArray();
            var frame = Frame.Empty(rows.Length);
            for (var c = 0; c < _names.Count; c++)
            {
                var cells = rows.Select(r => _cells[c][r]).ToArray();
                frame.Add(Build(_names[c], cells, declared[c]));
            }

            _issues.Sort((a, b) => a.Line.CompareTo(b.Line));
            return new DataReadResult(frame, _issues);
        }

        private int Column(string name)
        {
            if (!_index.TryGetValue(name, out var c))
            {
                c = _names.Count;
                _index[name] = c;
                _names.Add(name);
                _cells.Add(Enumerable.Repeat(JsonCell.Null, _lines.Count).ToList());
            }

            return c;
        }

        private static JsonCell Cell(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return JsonCell.Null;
                case JsonTokenType.True:
                    return new JsonCell(JsonCellKind.Boolean, 1);
                case JsonTokenType.False:
                    return new JsonCell(JsonCellKind.Boolean, 0);
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out var integer)
                        ? new JsonCell(JsonCellKind.Integer, integer)
                        : new JsonCell(JsonCellKind.Real, Real: reader.GetDouble());
                case JsonTokenType.String:
                    return new JsonCell(JsonCellKind.Text, Text: reader.GetString());
                default:
                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        return new JsonCell(JsonCellKind.Raw, Text: document.RootElement.GetRawText());
                    }
            }
        }

        private Column Build(string name, JsonCell[] cells, ColumnType? declared)
        {
            var kinds = cells.Select(c => c.Kind).Where(k => k != JsonCellKind.Null).Distinct().ToArray();
            var type = declared ?? (kinds.Length switch
            {
                0 => ColumnType.Double,
                1 when kinds[0] == JsonCellKind.Integer => ColumnType.Int64,
                1 when kinds[0] == JsonCellKind.Real => ColumnType.Double,
                1 when kinds[0] == JsonCellKind.Boolean => ColumnType.Boolean,
                1 when kinds[0] == JsonCellKind.Text && options.InferDates && cells.All(c => c.Kind == JsonCellKind.Null || FieldParser.TryParseIsoDate(Encoding.UTF8.GetBytes(c.Text!), out _)) => ColumnType.DateTime,
                _ when kinds.All(k => k is JsonCellKind.Integer or JsonCellKind.Real) => ColumnType.Double,
                _ => ColumnType.String,
            });
            switch (type)
            {
                case ColumnType.Int64:
                    return new Int64Column(name, cells.Select(c => c.Kind == JsonCellKind.Null ? (long?)null : ToInt64(c)).ToArray());
                case ColumnType.Double:
                    return new DoubleColumn(name, cells.Select(c => c.Kind == JsonCellKind.Null ? (double?)null : ToDouble(c)).ToArray());
                case ColumnType.Single:
                    return new SingleColumn(name, cells.Select(c => c.Kind == JsonCellKind.Null ? (float?)null : (float)ToDouble(c)).ToArray());
                case ColumnType.Boolean:
                    return new BooleanColumn(name, cells.Select(c => c.Kind == JsonCellKind.Null ? (bool?)null : ToBoolean(c)).ToArray());
                case ColumnType.DateTime:
                    return new DateTimeColumn(name, cells.Select(c => c.Kind == JsonCellKind.Null ? (DateTime?)null : ToDate(c)).ToArray());
                case ColumnType.Categorical:
                    return new CategoricalColumn(name, cells.Select(c => c.AsText()).ToArray());
                default:
                    var text = cells.Select(c => c.AsText()).ToArray();
                    var distinct = text.Where(t => t is not null).Distinct(StringComparer.Ordinal).Count();
                    var present = text.Count(t => t is not null);
                    return declared is null && options.InferCategoricals && kinds.All(k => k == JsonCellKind.Text)
                        && distinct > 0 && distinct <= options.MaxCategories && distinct <= present / 2
                        ? new CategoricalColumn(name, text)
                        : new StringColumn(name, text);
            }
        }

        private static bool Converts(JsonCell cell, ColumnType type) => cell.Kind == JsonCellKind.Null || type switch
        {
            ColumnType.Int64 => cell.Kind == JsonCellKind.Integer || (cell.Kind == JsonCellKind.Text && FieldParser.TryParseInt64(Encoding.UTF8.GetBytes(cell.Text!), out _)),
            ColumnType.Double or ColumnType.Single => cell.Kind is JsonCellKind.Integer or JsonCellKind.Real || (cell.Kind == JsonCellKind.Text && FieldParser.TryParseDouble(Encoding.UTF8.GetBytes(cell.Text!), out _)),
            ColumnType.Boolean => cell.Kind == JsonCellKind.Boolean || (cell.Kind == JsonCellKind.Text && FieldParser.TryParseBoolean(Encoding.UTF8.GetBytes(cell.Text!), out _)),
            ColumnType.DateTime => cell.Kind == JsonCellKind.Text && FieldParser.TryParseDate(Encoding.UTF8.GetBytes(cell.Text!), out _),
            _ => true,
        };

        private static long ToInt64(JsonCell cell) => cell.Kind == JsonCellKind.Integer ? cell.Integer : long.Parse(cell.Text!.Trim(), CultureInfo.InvariantCulture);

        private static double ToDouble(JsonCell cell) => cell.Kind switch
        {
            JsonCellKind.Integer => cell.Integer,
            JsonCellKind.Real => cell.Real,
            _ => FieldParser.TryParseDouble(Encoding.UTF8.GetBytes(cell.Text!), out var value) ? value : double.NaN,
        };

        private static bool ToBoolean(JsonCell cell) => cell.Kind == JsonCellKind.Boolean ? cell.Integer != 0 : FieldParser.TryParseBoolean(Encoding.UTF8.GetBytes(cell.Text!), out var value) && value;

        private static DateTime ToDate(JsonCell cell) => FieldParser.TryParseDate(Encoding.UTF8.GetBytes(cell.Text!), out var value) ? value : default;

        private static string Describe(JsonCell cell) => cell.Kind == JsonCellKind.Text ? $"'{cell.Text}'" : cell.AsText() ?? "null";

        private void Malformed(long line, string? column, string message)
        {
            var issue = new DataIssue(source, line, column, message);
            if (options.OnMalformedRow == MalformedRowPolicy.Fail)
            {
                throw new DataFormatException(issue);
            }

            _issues.Add(issue);
        }
    }
}
