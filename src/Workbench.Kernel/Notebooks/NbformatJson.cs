using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Kernel.Notebooks;

/// <summary>
/// Serialises JSON exactly as Python's <c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)</c> does for
/// nbformat, so a notebook Workbench writes diffs cleanly against one Jupyter wrote.
/// </summary>
public static class NbformatJson
{
    public static string Serialize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.Append('\n').ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj, depth);
                break;
            case JsonArray array:
                WriteArray(builder, array, depth);
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }

        builder.Append("{\n");
        var first = true;
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                builder.Append(",\n");
            }

            first = false;
            builder.Append(' ', depth + 1);
            WriteString(builder, key);
            builder.Append(": ");
            Write(builder, value, depth + 1);
        }

        builder.Append('\n').Append(' ', depth).Append('}');
    }

    private static void WriteArray(StringBuilder builder, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        builder.Append("[\n");
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(",\n");
            }

            builder.Append(' ', depth + 1);
            Write(builder, array[i], depth + 1);
        }

        builder.Append('\n').Append(' ', depth).Append(']');
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(builder, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            case JsonValueKind.Number:
                builder.Append(Number(value));
                break;
            default:
                builder.Append(value.ToJsonString());
                break;
        }
    }

    private static string Number(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.GetRawText();
        }

        if (value.TryGetValue<double>(out var d))
        {
            // Python writes floats with a decimal point ("1.0"), integers without.
            var text = d.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text.Replace("E", "e", StringComparison.Ordinal) : text + ".0";
        }

        return value.ToJsonString();
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (c < 0x20 || (char.IsSurrogate(c) && !IsPairedSurrogate(text, i)))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static bool IsPairedSurrogate(string text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
        : i > 0 && char.IsHighSurrogate(text[i - 1]);
}
