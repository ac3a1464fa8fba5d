using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>
/// A part of a figure (trace, axis, layout, legend, annotation). Typed properties cover the common settings;
/// <see cref="Set"/> reaches any other Plotly attribute by its dotted path, so nothing in plotly.js is out of reach.
/// </summary>
public abstract class PlotElement
{
    private readonly List<(string Path, JsonNode? Value)> _attributes = [];

    /// <summary>
    /// Sets a raw Plotly attribute, e.g. <c>Set("marker.line.width", 1)</c> or <c>Set("hoverinfo", "skip")</c>.
    /// Applied after the typed properties, so it wins where both set the same attribute.
    /// </summary>
    public PlotElement Set(string path, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path.Split('.').Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"'{path}' is not a dotted attribute path such as 'marker.line.width'.", nameof(path));
        }

        _attributes.Add((path, value));
        return this;
    }

    /// <summary>This element as Plotly JSON (data arrays are opaque nodes until serialized).</summary>
    internal JsonObject ToJsonNode()
    {
        var node = new JsonObject();
        WriteProperties(node);
        foreach (var (path, value) in _attributes)
        {
            PlotJson.SetPath(node, path, value);
        }

        return node;
    }

    /// <summary>Writes the typed properties that are set; unset ones are left to Plotly's defaults.</summary>
    protected abstract void WriteProperties(JsonObject node);

    protected static void Put(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }

    protected static void Put(JsonObject node, string name, double? value)
    {
        if (value is { } number)
        {
            node[name] = PlotJson.Number(number);
        }
    }

    protected static void Put(JsonObject node, string name, bool? value)
    {
        if (value is { } flag)
        {
            node[name] = flag;
        }
    }

    protected static void Put(JsonObject node, string name, PlotValues? values)
    {
        if (values is not null)
        {
            node[name] = PlotJson.Array(values);
        }
    }

    protected static void Put(JsonObject node, string name, PlotElement? element)
    {
        if (element is not null)
        {
            var child = element.ToJsonNode();
            if (child.Count > 0)
            {
                node[name] = child;
            }
        }
    }

    /// <summary>Plotly's text attributes that take <c>{"text": ...}</c>.</summary>
    protected static void PutTitle(JsonObject node, string? title)
    {
        if (title is not null)
        {
            node["title"] = new JsonObject { ["text"] = title };
        }
    }
}
