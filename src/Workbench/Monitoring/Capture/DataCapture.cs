using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Data;
using Workbench.Monitoring.Baselines;

namespace Workbench.Monitoring.Capture;

/// <summary>
/// Reads SageMaker data capture, the JSON Lines format Workbench's inference server also writes: files under
/// <c>endpoint/variant/yyyy/mm/dd/hh/*.jsonl</c>, one record per line with <c>captureData.endpointInput</c> and
/// <c>endpointOutput</c> (<c>observedContentType</c>, <c>mode</c>, <c>data</c>, <c>encoding</c> CSV / JSON / BASE64) and
/// <c>eventMetadata</c> (<c>eventId</c>, <c>inferenceTime</c>). Payloads in text/csv, application/json
/// (<c>{"instances": [...]}</c>, a list, or one object), application/jsonlines and application/x-npy (BASE64) become
/// rows; outputs in the same types (<c>{"predictions": [...]}</c>, one value per line, an array) become the prediction. Ground truth in Model Monitor's
/// merge format (<c>groundTruthData</c> + <c>eventMetadata.eventId</c>) joins on the event id.
/// </summary>
public static partial class DataCapture
{
    /// <summary>The column holding a row's position within its event (0 for single-row requests).</summary>
    public const string EventRowColumn = "event_row";

    /// <summary>Reads every <c>*.jsonl</c> file under <paramref name="path"/> (or that one file), in path order.</summary>
    public static CaptureData Read(string path, CaptureReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CaptureReadOptions();
        var files = CaptureFiles(path);
        var reader = new RecordReader(options);
        foreach (var file in files)
        {
            reader.ReadFile(file);
        }

        return reader.Finish(files.Count);
    }

    /// <summary>Reads capture for a baseline: input names in its capture order, types from its columns, the prediction into its prediction column.</summary>
    public static CaptureData Read(string path, Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return Read(path, new CaptureReadOptions
        {
            InputColumns = baseline.CaptureColumns,
            PredictionColumn = baseline.Prediction?.Name ?? "prediction",
            ColumnTypes = baseline.Columns.ToDictionary(c => c.Name, c => c.Type),
        });
    }

    /// <summary>
    /// Reads ground truth in Model Monitor's format (one JSON record per line: <c>groundTruthData.data</c> with
    /// <c>encoding</c>, and <c>eventMetadata.eventId</c>) into a frame of event id, position within the event and label.
    /// </summary>
    public static (Frame Labels, IReadOnlyList<CaptureIssue> Issues) ReadGroundTruth(string path, string targetColumn, string eventIdColumn = "event_id")
    {
        var ids = new List<string?>();
        var positions = new List<long>();
        var labels = new List<string?>();
        var issues = new List<CaptureIssue>();
        foreach (var file in CaptureFiles(path))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    var record = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("the line is not a JSON object");
                    var id = Text(record["eventMetadata"]?["eventId"]) ?? throw new FormatException("eventMetadata.eventId is missing");
                    var truth = record["groundTruthData"] as JsonObject ?? throw new FormatException("groundTruthData is missing");
                    var data = Decode(truth, "groundTruthData");
                    var values = data.Split('\n').Select(v => v.TrimEnd('\r')).Where(v => v.Length > 0).ToArray();
                    for (var i = 0; i < values.Length; i++)
                    {
                        ids.Add(id);
                        positions.Add(i);
                        labels.Add(values[i]);
                    }
                }
                catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
                {
                    issues.Add(new CaptureIssue(file, lineNumber, e.Message));
                }
            }
        }

        var frame = new Frame(
            new StringColumn(eventIdColumn, ids.ToArray()),
            new Int64Column(EventRowColumn, positions.ToArray()),
            TypedColumn(targetColumn, labels, ColumnType.String));
        return (frame, issues);
    }

    /// <summary>Adds the ground truth to captured rows, matched on event id and position within the event; rows without one get a missing label.</summary>
    public static Frame JoinGroundTruth(CaptureData capture, Frame labels, string targetColumn, string eventIdColumn = "event_id")
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(labels);
        var byEvent = new Dictionary<(string, long), string?>();
        var idColumn = labels[eventIdColumn];
        var rowColumn = labels.Contains(EventRowColumn) ? labels[EventRowColumn] : null;
        var labelColumn = labels[targetColumn];
        for (var i = 0; i < labels.RowCount; i++)
        {
            if (idColumn.Format(i) is { } id)
            {
                byEvent[(id, rowColumn is null ? 0 : Convert.ToInt64(rowColumn[i], CultureInfo.InvariantCulture))] = labelColumn.Format(i);
            }
        }

        var frame = capture.Frame;
        var ids = frame[eventIdColumn];
        var rows = frame[EventRowColumn];
        var joined = new string?[frame.RowCount];
        for (var i = 0; i < joined.Length; i++)
        {
            joined[i] = ids.Format(i) is { } id && byEvent.TryGetValue((id, Convert.ToInt64(rows[i], CultureInfo.InvariantCulture)), out var label) ? label : null;
        }

        var result = frame.Contains(targetColumn) ? frame.Drop(targetColumn) : frame.Copy();
        return result.Add(TypedColumn(targetColumn, joined, labels[targetColumn].Type == ColumnType.String ? null : labels[targetColumn].Type));
    }

    internal static IReadOnlyList<string> CaptureFiles(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"capture folder {path} does not exist.");
        }

        return Directory.EnumerateFiles(path, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A column from text: numbers when every present value parses (float64), else text; other declared types as text.</summary>
    internal static Column TypedColumn(string name, IReadOnlyList<string?> values, ColumnType? type)
    {
        var numeric = type is null or ColumnType.Double or ColumnType.Single or ColumnType.Int64;
        if (numeric && values.Any(v => v is not null))
        {
            var numbers = new double?[values.Count];
            var all = true;
            for (var i = 0; i < values.Count && all; i++)
            {
                if (values[i] is { } text)
                {
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    {
                        numbers[i] = value;
                    }
                    else
                    {
                        all = false;
                    }
                }
            }

            if (all)
            {
                return new DoubleColumn(name, numbers);
            }
        }

        return new StringColumn(name, values.ToArray());
    }

    private static string Decode(JsonObject part, string where)
    {
        var (data, base64) = Raw(part, where);
        return base64 ? Encoding.UTF8.GetString(FromBase64(data, where)) : data;
    }

    // Binary payloads (.npy) are read from their bytes, not from text.
    private static byte[] DecodeBytes(JsonObject part, string where)
    {
        var (data, base64) = Raw(part, where);
        return base64 ? FromBase64(data, where) : Encoding.UTF8.GetBytes(data);
    }

    private static (string Data, bool Base64) Raw(JsonObject part, string where)
    {
        var data = part["data"] switch
        {
            null => throw new FormatException($"{where}.data is missing"),
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            var other => other.ToJsonString(),
        };
        return (data, Text(part["encoding"])?.ToUpperInvariant() == "BASE64");
    }

    private static byte[] FromBase64(string data, string where)
    {
        try
        {
            return Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            throw new FormatException($"{where}.data is not valid base64");
        }
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    [GeneratedRegex(@"(?:^|[/\\])(\d{4})[/\\](\d{2})[/\\](\d{2})[/\\](\d{2})(?:[/\\]|$)")]
    private static partial Regex HourFolder();

    /// <summary>Accumulates rows from capture records.</summary>
    private sealed class RecordReader(CaptureReadOptions options)
    {
        private readonly List<string?> _eventIds = [];
        private readonly List<DateTime?> _times = [];
        private readonly List<long> _positions = [];
        private readonly List<string?> _predictions = [];
        private readonly Dictionary<string, List<string?>> _inputs = new(StringComparer.Ordinal);
        private readonly List<string> _inputOrder = [];
        private readonly List<CaptureIssue> _issues = [];
        private int _issueCount;
        private int _skipped;
        private long _lines;
        private long _records;

        public void ReadFile(string file)
        {
            DateTime? folderHour = HourFolder().Match(file.Replace('\\', '/')) is { Success: true } m
                ? new DateTime(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture), 0, 0, DateTimeKind.Utc)
                : null;
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                _lines++;
                try
                {
                    ReadRecord(file, lineNumber, line, folderHour);
                }
                catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
                {
                    Issue(new CaptureIssue(file, lineNumber, e is JsonException json ? $"not valid JSON: {json.Message}" : e.Message));
                    _skipped++;
                }
            }
        }

        public CaptureData Finish(int files)
        {
            var columns = new List<Column>
            {
                new StringColumn(options.EventIdColumn, _eventIds.ToArray()),
                new DateTimeColumn(options.TimeColumn, _times.ToArray()),
                new Int64Column(EventRowColumn, _positions.ToArray()),
            };
            var named = options.InputColumns.Concat(_inputOrder.Where(n => !options.InputColumns.Contains(n))).Where(_inputs.ContainsKey);
            foreach (var name in named)
            {
                columns.Add(TypedColumn(name, _inputs[name], options.ColumnTypes.TryGetValue(name, out var type) ? type : null));
            }

            if (_predictions.Any(p => p is not null) && !_inputs.ContainsKey(options.PredictionColumn))
            {
                columns.Add(TypedColumn(options.PredictionColumn, _predictions, options.ColumnTypes.TryGetValue(options.PredictionColumn, out var type) ? type : null));
            }

            return new CaptureData(new Frame(columns), [options.EventIdColumn, options.TimeColumn, EventRowColumn], _issues, _issueCount, _skipped, files, _lines, _records);
        }

        private void ReadRecord(string file, int lineNumber, string line, DateTime? folderHour)
        {
            var record = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("the line is not a JSON object");
            var capture = record["captureData"] as JsonObject ?? throw new FormatException("captureData is missing");
            var input = capture["endpointInput"] as JsonObject ?? throw new FormatException("captureData.endpointInput is missing");
            var metadata = record["eventMetadata"] as JsonObject;
            var eventId = Text(metadata?["eventId"]) ?? Text(metadata?["inferenceId"]);

            DateTime? time = null;
            var timeText = Text(metadata?["inferenceTime"]);
            if (timeText is not null && DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                time = parsed.UtcDateTime;
            }
            else if (folderHour is not null)
            {
                time = folderHour;
                Issue(new CaptureIssue(file, lineNumber, timeText is null
                    ? "eventMetadata.inferenceTime is missing; the hour folder's time was used"
                    : $"eventMetadata.inferenceTime '{timeText}' is not a time; the hour folder's time was used", Skipped: false));
            }
            else
            {
                // The rows still count for the batch as a whole; only the windows need a time.
                Issue(new CaptureIssue(file, lineNumber, timeText is null
                    ? "eventMetadata.inferenceTime is missing; the record is kept without a time and left out of windows"
                    : $"eventMetadata.inferenceTime '{timeText}' is not a time; the record is kept without a time and left out of windows", Skipped: false));
            }

            var inputType = Text(input["observedContentType"]);
            var rows = NpyPayload.Is(inputType)
                ? NpyPayload.Rows(DecodeBytes(input, "captureData.endpointInput"), options.InputColumns)
                : Payload.Rows(Decode(input, "captureData.endpointInput"), inputType, options.InputColumns);
            IReadOnlyList<string?> predictions = [];
            if (capture["endpointOutput"] is JsonObject output)
            {
                var outputType = Text(output["observedContentType"]);
                predictions = NpyPayload.Is(outputType)
                    ? NpyPayload.Predictions(DecodeBytes(output, "captureData.endpointOutput"))
                    : Payload.Predictions(Decode(output, "captureData.endpointOutput"), outputType);
                if (predictions.Count != rows.Count && predictions.Count != 0)
                {
                    throw new FormatException($"the input holds {rows.Count} rows but the output {predictions.Count} predictions");
                }
            }

            for (var r = 0; r < rows.Count; r++)
            {
                foreach (var (name, value) in rows[r])
                {
                    if (!_inputs.TryGetValue(name, out var values))
                    {
                        values = Enumerable.Repeat<string?>(null, _eventIds.Count).ToList();
                        _inputs[name] = values;
                        _inputOrder.Add(name);
                    }

                    values.Add(value);
                }

                _eventIds.Add(eventId);
                _times.Add(time);
                _positions.Add(r);
                _predictions.Add(predictions.Count == 0 ? null : predictions[r]);
                foreach (var values in _inputs.Values)
                {
                    if (values.Count < _eventIds.Count)
                    {
                        values.Add(null);
                    }
                }
            }

            _records++;
        }

        private void Issue(CaptureIssue issue)
        {
            _issueCount++;
            if (_issues.Count < options.MaxIssues)
            {
                _issues.Add(issue);
            }
        }
    }
}
