using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>Where and how the legend is drawn.</summary>
public sealed class Legend : PlotElement
{
    public string? Title { get; set; }

    public Orientation? Orientation { get; set; }

    /// <summary>Position in paper coordinates (0..1; beyond 1 is outside the plot).</summary>
    public double? X { get; set; }

    public double? Y { get; set; }

    /// <summary><c>left</c>, <c>center</c>, <c>right</c> or <c>auto</c>.</summary>
    public string? XAnchor { get; set; }

    /// <summary><c>top</c>, <c>middle</c>, <c>bottom</c> or <c>auto</c>.</summary>
    public string? YAnchor { get; set; }

    protected override void WriteProperties(JsonObject node)
    {
        PutTitle(node, Title);
        Put(node, "orientation", OrientationJson.Code(Orientation));
        Put(node, "x", X);
        Put(node, "y", Y);
        Put(node, "xanchor", XAnchor);
        Put(node, "yanchor", YAnchor);
    }
}
