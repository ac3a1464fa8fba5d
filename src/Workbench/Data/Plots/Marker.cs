using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>How points, bars and boxes are filled: one colour, or a colour per point on a colour scale.</summary>
public sealed class Marker : PlotElement
{
    /// <summary>One CSS colour for every point, e.g. <c>#636efa</c> or <c>rgba(0,0,0,0.5)</c>.</summary>
    public string? Color { get; set; }

    /// <summary>A colour per point: numbers (mapped through <see cref="ColorScale"/>) or CSS colours.</summary>
    public PlotValues? Colors { get; set; }

    /// <summary>A Plotly colour scale name (<c>Viridis</c>, <c>RdBu</c>, ...) for <see cref="Colors"/>.</summary>
    public string? ColorScale { get; set; }

    public bool? ShowScale { get; set; }

    public double? Size { get; set; }

    /// <summary>A size per point (bubble charts).</summary>
    public PlotValues? Sizes { get; set; }

    public double? Opacity { get; set; }

    /// <summary>A Plotly symbol name: <c>circle</c>, <c>square</c>, <c>x</c>, <c>diamond</c>, ...</summary>
    public string? Symbol { get; set; }

    /// <summary>Outline width in pixels.</summary>
    public double? LineWidth { get; set; }

    public string? LineColor { get; set; }

    protected override void WriteProperties(JsonObject node)
    {
        if (Colors is not null)
        {
            Put(node, "color", Colors);
        }
        else
        {
            Put(node, "color", Color);
        }

        Put(node, "colorscale", ColorScale);
        Put(node, "showscale", ShowScale);
        if (Sizes is not null)
        {
            Put(node, "size", Sizes);
        }
        else
        {
            Put(node, "size", Size);
        }

        Put(node, "opacity", Opacity);
        Put(node, "symbol", Symbol);
        if (LineWidth is not null || LineColor is not null)
        {
            var line = new JsonObject();
            Put(line, "width", LineWidth);
            Put(line, "color", LineColor);
            node["line"] = line;
        }
    }
}
