using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Workbench.Monitoring.Capture;

/// <summary>Turns captured request and response payloads into named rows and predictions.</summary>
internal static class Payload
{
    private static readonly string[] PredictionKeys = ["score", "probability", "predicted_label", "label", "prediction", "value"];

    /// <summary>The rows of a request: CSV lines (fields named by <paramref name="names"/>), JSON instances or JSON lines.</summary>
    public static IReadOnlyList<IReadOnlyList<KeyValuePair<string, string?>>> Rows(string data, string? contentType, IReadOnlyList<string> names)
    {
        var type = MediaType(contentType);
        if (type is "text/csv" or "text/plain" || (type is null && !LooksLikeJson(data)))
        {
            return Lines(data).Select(line => Named(SplitCsv(line), names)).ToList();
        }

        if (type is "application/jsonlines" or "application/jsonl" or "application/x-jsonlines")
        {
            return Lines(data).Select(line => Instance(JsonNode.Parse(line), names)).ToList();
        }

        if (type is "application/json" || type is null)
        {
            var node = JsonNode.Parse(data);
            var instances = node is JsonObject obj
                ? obj["instances"] ?? obj["inputs"] ?? obj["data"] ?? obj["features"]
                : node;
            return instances is JsonArray array
                ? array.Select(item => Instance(item, names)).ToList()
                : [Instance(node, names)];
        }

        throw new FormatException($"the content type '{contentType}' is not one of text/csv, application/json, application/jsonlines");
    }

    /// <summary>The predictions of a response, one per row.</summary>
    public static IReadOnlyList<string?> Predictions(string data, string? contentType)
    {
        var type = MediaType(contentType);
        if (type is "text/csv" or "text/plain" || (type is null && !LooksLikeJson(data)))
        {
            return Lines(data).Select(line => SplitCsv(line).FirstOrDefault()).ToList();
        }

        if (type is "application/jsonlines" or "application/jsonl" or "application/x-jsonlines")
        {
            return Lines(data).Select(line => Prediction(JsonNode.Parse(line))).ToList();
        }

        var node = JsonNode.Parse(data);
        var predictions = node is JsonObject obj ? obj["predictions"] ?? obj["outputs"] ?? obj["scores"] : node;
        return predictions is JsonArray array ? array.Select(Prediction).ToList() : [Prediction(node)];
    }

    private static IReadOnlyList<KeyValuePair<string, string?>> Instance(JsonNode? node, IReadOnlyList<string> names) => node switch
    {
        JsonObject obj => obj.Select(p => new KeyValuePair<string, string?>(p.Key, Scalar(p.Value))).ToList(),
        JsonArray array => Named(array.Select(Scalar).ToList(), names),
        _ => Named([Scalar(node)], names),
    };

    private static string? Prediction(JsonNode? node) => node switch
    {
        JsonObject obj => PredictionKeys.Select(k => obj[k]).FirstOrDefault(v => v is not null) is { } value
            ? value is JsonArray list ? Scalar(list.FirstOrDefault()) : Scalar(value)
            : throw new FormatException($"a prediction object has none of {string.Join(", ", PredictionKeys)}"),
        JsonArray array => Scalar(array.FirstOrDefault()),
        _ => Scalar(node),
    };

    internal static IReadOnlyList<KeyValuePair<string, string?>> Named(IReadOnlyList<string?> values, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return values.Select((v, i) => new KeyValuePair<string, string?>($"feature_{i}", v)).ToList();
        }

        if (values.Count != names.Count)
        {
            throw new FormatException($"a row holds {values.Count} values but the model takes {names.Count} inputs ({string.Join(", ", names.Take(5))}{(names.Count > 5 ? ", ..." : "")})");
        }

        return values.Select((v, i) => new KeyValuePair<string, string?>(names[i], v)).ToList();
    }

    private static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length == 0 ? null : text,
        JsonValue v when v.TryGetValue<double>(out var number) => number.ToString("R", CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        _ => node.ToJsonString(),
    };

    private static IEnumerable<string> Lines(string data) =>
        data.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0);

    /// <summary>Splits one CSV line (RFC 4180 quoting); an empty field is missing.</summary>
    internal static List<string?> SplitCsv(string line)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
                wasQuoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
                field.Clear();
                wasQuoted = false;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException("a quoted CSV field is not closed");
        }

        fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
        return fields;
    }

    internal static string? MediaType(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() is { Length: > 0 } type ? type : null;

    private static bool LooksLikeJson(string data) => data.TrimStart() is { Length: > 0 } t && (t[0] == '{' || t[0] == '[');
}
