using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>How a line trace is drawn.</summary>
public sealed class LineStyle : PlotElement
{
    public string? Color { get; set; }

    /// <summary>Width in pixels.</summary>
    public double? Width { get; set; }

    /// <summary><c>solid</c>, <c>dot</c>, <c>dash</c>, <c>longdash</c>, <c>dashdot</c>.</summary>
    public string? Dash { get; set; }

    /// <summary><c>linear</c>, <c>spline</c>, <c>hv</c> (step), <c>vh</c>, <c>hvh</c>, <c>vhv</c>.</summary>
    public string? Shape { get; set; }

    protected override void WriteProperties(JsonObject node)
    {
        Put(node, "color", Color);
        Put(node, "width", Width);
        Put(node, "dash", Dash);
        Put(node, "shape", Shape);
    }
}
