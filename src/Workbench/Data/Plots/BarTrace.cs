using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>Bars: category counts, per-class metrics, pre-binned histograms (with <see cref="Widths"/>).</summary>
public sealed class BarTrace : Trace
{
    public override string Type => "bar";

    /// <summary>Categories (vertical bars) or lengths (horizontal bars).</summary>
    public PlotValues? X { get; set; }

    /// <summary>Lengths (vertical bars) or categories (horizontal bars).</summary>
    public PlotValues? Y { get; set; }

    public Orientation? Orientation { get; set; }

    /// <summary>A label per bar.</summary>
    public PlotValues? Text { get; set; }

    /// <summary><c>inside</c>, <c>outside</c>, <c>auto</c> or <c>none</c>.</summary>
    public string? TextPosition { get; set; }

    /// <summary>A width per bar in axis units: bars that touch, as in a histogram drawn from counts.</summary>
    public PlotValues? Widths { get; set; }

    public Marker Marker { get; set; } = new();

    protected override void WriteTraceProperties(JsonObject node)
    {
        Put(node, "x", X);
        Put(node, "y", Y);
        Put(node, "orientation", OrientationJson.Code(Orientation));
        Put(node, "text", Text);
        Put(node, "textposition", TextPosition);
        Put(node, "width", Widths);
        Put(node, "marker", Marker);
    }
}
