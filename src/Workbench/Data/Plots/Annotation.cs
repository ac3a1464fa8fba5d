using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>A text label on the figure: subplot titles, notes on a point.</summary>
public sealed class Annotation : PlotElement
{
    public required string Text { get; set; }

    public double X { get; set; }

    public double Y { get; set; }

    /// <summary><c>paper</c> (0..1 across the figure) or an axis id such as <c>x2</c>.</summary>
    public string XRef { get; set; } = "paper";

    public string YRef { get; set; } = "paper";

    public string? XAnchor { get; set; }

    public string? YAnchor { get; set; }

    public bool ShowArrow { get; set; }

    public double? FontSize { get; set; }

    protected override void WriteProperties(JsonObject node)
    {
        node["text"] = Text;
        node["x"] = PlotJson.Number(X);
        node["y"] = PlotJson.Number(Y);
        node["xref"] = XRef;
        node["yref"] = YRef;
        Put(node, "xanchor", XAnchor);
        Put(node, "yanchor", YAnchor);
        node["showarrow"] = ShowArrow;
        if (FontSize is { } size)
        {
            node["font"] = new JsonObject { ["size"] = size };
        }
    }
}
