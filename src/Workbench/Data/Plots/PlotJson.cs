using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Workbench.Data.Plots;

/// <summary>
/// Puts typed data arrays into a <see cref="JsonNode"/> tree without converting each value to a node:
/// the array is written straight to the <see cref="Utf8JsonWriter"/> when the tree is serialized.
/// </summary>
internal static class PlotJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new PlotValuesConverter() },
    };

    private static readonly JsonTypeInfo<PlotValues> ValuesTypeInfo = (JsonTypeInfo<PlotValues>)Options.GetTypeInfo(typeof(PlotValues));

    public static JsonNode Array(PlotValues values) => JsonValue.Create(values, ValuesTypeInfo)!;

    /// <summary>A number node, or null for NaN and infinities.</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    public static string Serialize(JsonNode node, bool indented) =>
        node.ToJsonString(indented ? new JsonSerializerOptions(Options) { WriteIndented = true } : Options);

    /// <summary>
    /// Sets <paramref name="path"/> (dot-separated, e.g. <c>marker.line.width</c>) on <paramref name="target"/>,
    /// creating intermediate objects and replacing what a typed property wrote there.
    /// </summary>
    public static void SetPath(JsonObject target, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var current = target;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (current[parts[i]] is not JsonObject next)
            {
                next = new JsonObject();
                current[parts[i]] = next;
            }

            current = next;
        }

        current[parts[^1]] = value?.DeepClone();
    }

    private sealed class PlotValuesConverter : JsonConverter<PlotValues>
    {
        public override PlotValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Plot values are written, never read back.");

        public override void Write(Utf8JsonWriter writer, PlotValues value, JsonSerializerOptions options) => value.WriteTo(writer);
    }
}
