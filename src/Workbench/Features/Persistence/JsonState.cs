using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workbench.Features.Persistence;

/// <summary>
/// A JSON object under construction whose output is byte-stable: keys are written in ordinal order (except the
/// few pinned to the front of a document), doubles in the shortest form that round-trips (<c>"R"</c>), and
/// non-finite doubles as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
/// </summary>
internal sealed class JsonState
{
    private static readonly string[] Pinned = ["format", "version"];
    private readonly SortedDictionary<string, object?> _values = new(StringComparer.Ordinal);

    public JsonState Set(string key, string? value) => Put(key, value);

    public JsonState Set(string key, bool value) => Put(key, value);

    public JsonState Set(string key, long value) => Put(key, value);

    public JsonState Set(string key, double value) => Put(key, value);

    public JsonState Set(string key, double? value) => Put(key, value);

    public JsonState Set(string key, IReadOnlyList<double>? values) => Put(key, values?.ToArray());

    public JsonState Set(string key, IReadOnlyList<string>? values) => Put(key, values?.ToArray());

    public JsonState Set(string key, IReadOnlyList<long>? values) => Put(key, values?.ToArray());

    public JsonState Set(string key, JsonState? value) => Put(key, value);

    public JsonState Set(string key, IEnumerable<JsonState> values) => Put(key, values.ToArray());

    public JsonState Set(string key, IEnumerable<string[]>? values) => Put(key, values?.ToArray());

    public JsonState Set(string key, IEnumerable<double[]> values) => Put(key, values.ToArray());

    /// <summary>Indented UTF-8 JSON with a final newline.</summary>
    public byte[] ToUtf8()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, this);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    public override string ToString() => Encoding.UTF8.GetString(ToUtf8());

    private JsonState Put(string key, object? value)
    {
        _values[key] = value;
        return this;
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case JsonState state:
                writer.WriteStartObject();
                foreach (var key in Pinned.Where(state._values.ContainsKey).Concat(state._values.Keys.Where(k => !Pinned.Contains(k))))
                {
                    writer.WritePropertyName(key);
                    Write(writer, state._values[key]);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"cannot write {value.GetType().Name} to a state document.");
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsNaN(value))
        {
            writer.WriteStringValue("NaN");
        }
        else if (double.IsInfinity(value))
        {
            writer.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
    }
}
