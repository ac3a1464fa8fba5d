using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Data.Io;

namespace Workbench.Monitoring.Json;

/// <summary>Reads JSON files with errors that name the file, and writes them atomically (temporary file, then rename).</summary>
internal static class JsonFile
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ReadObject(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) as JsonObject
                ?? throw new MonitoringFormatException($"{path}: the file must hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new MonitoringFormatException($"{path}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
    }

    public static void Write(string path, Action<Utf8JsonWriter> write)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, WriterOptions);
            write(writer);
            writer.Flush();
            stream.Write("\n"u8);
        });
    }

    public static string ToText(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a number, or null where JSON has none (NaN, infinities).</summary>
    public static void Number(this Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void Number(this Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Typed access to a parsed JSON object whose errors name the file and the JSON path.</summary>
internal readonly struct JsonReader(string file, JsonObject node, string path = "$")
{
    public string File => file;

    public string Path => path;

    public JsonObject Node => node;

    public bool Has(string name) => node.TryGetPropertyValue(name, out var value) && value is not null;

    public JsonReader Object(string name) =>
        node[name] is JsonObject child ? new JsonReader(file, child, $"{path}.{name}") : throw Error(name, "an object");

    public JsonReader? OptionalObject(string name) =>
        node[name] switch
        {
            null => null,
            JsonObject child => new JsonReader(file, child, $"{path}.{name}"),
            _ => throw Error(name, "an object"),
        };

    public IEnumerable<JsonReader> Objects(string name)
    {
        if (node[name] is not JsonArray array)
        {
            throw Error(name, "an array");
        }

        var self = this;
        return array.Select((item, i) => item is JsonObject child
            ? new JsonReader(self.File, child, $"{self.Path}.{name}[{i}]")
            : throw new MonitoringFormatException($"{self.File}: {self.Path}.{name}[{i}] must be an object."));
    }

    public JsonArray? OptionalArray(string name) =>
        node[name] switch
        {
            null => null,
            JsonArray array => array,
            _ => throw Error(name, "an array"),
        };

    public string String(string name) => OptionalString(name) ?? throw Error(name, "a string");

    public string? OptionalString(string name)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }

        return value is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw Error(name, "a string");
    }

    public double Double(string name) => OptionalDouble(name) ?? throw Error(name, "a number");

    public double? OptionalDouble(string name)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v)
        {
            if (v.TryGetValue<double>(out var number))
            {
                return number;
            }

            if (v.TryGetValue<string>(out var text) && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }

        throw Error(name, "a number");
    }

    public long Long(string name)
    {
        var value = Double(name);
        return value == Math.Floor(value) && Math.Abs(value) < 9e15 ? (long)value : throw Error(name, "a whole number");
    }

    public bool? OptionalBool(string name)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v)
        {
            if (v.TryGetValue<bool>(out var flag))
            {
                return flag;
            }

            if (v.TryGetValue<string>(out var text))
            {
                return text.Equals("Enabled", StringComparison.OrdinalIgnoreCase) || text.Equals("true", StringComparison.OrdinalIgnoreCase)
                    ? true
                    : text.Equals("Disabled", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase)
                        ? false
                        : throw Error(name, "Enabled or Disabled");
            }
        }

        throw Error(name, "a boolean");
    }

    public MonitoringFormatException Error(string name, string expected) =>
        new($"{file}: {path}.{name} must be {expected}{(node[name] is { } actual ? $", not {Shorten(actual.ToJsonString())}" : " and is missing")}.");

    public MonitoringFormatException Error(string message) => new($"{file}: {path}: {message}");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
