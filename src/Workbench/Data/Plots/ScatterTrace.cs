using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>What a scatter trace draws; combine with <c>|</c>.</summary>
[Flags]
public enum ScatterMode
{
    None = 0,
    Markers = 1,
    Lines = 2,
    Text = 4,
}

/// <summary>Points and/or lines: scatter plots, line charts, learning curves.</summary>
public sealed class ScatterTrace : Trace
{
    /// <summary>Draws with WebGL (<c>scattergl</c>): use it beyond some tens of thousands of points.</summary>
    public bool UseWebGl { get; set; }

    public override string Type => UseWebGl ? "scattergl" : "scatter";

    public PlotValues? X { get; set; }

    public PlotValues? Y { get; set; }

    public ScatterMode Mode { get; set; } = ScatterMode.Markers;

    /// <summary>Text per point, shown on hover (or on the plot with <see cref="ScatterMode.Text"/>).</summary>
    public PlotValues? Text { get; set; }

    /// <summary>Symmetric error bars on y, one per point.</summary>
    public PlotValues? ErrorY { get; set; }

    /// <summary><c>tozeroy</c>, <c>tonexty</c>, <c>toself</c>, ... for area charts and bands.</summary>
    public string? Fill { get; set; }

    /// <summary>Whether a missing value joins its neighbours (true) or leaves a gap (Plotly's default).</summary>
    public bool? ConnectGaps { get; set; }

    public Marker Marker { get; set; } = new();

    public LineStyle Line { get; set; } = new();

    protected override void WriteTraceProperties(JsonObject node)
    {
        Put(node, "x", X);
        Put(node, "y", Y);
        node["mode"] = ModeText(Mode);
        Put(node, "text", Text);
        if (ErrorY is not null)
        {
            node["error_y"] = new JsonObject { ["type"] = "data", ["array"] = PlotJson.Array(ErrorY), ["visible"] = true };
        }

        Put(node, "fill", Fill);
        Put(node, "connectgaps", ConnectGaps);
        Put(node, "marker", Marker);
        Put(node, "line", Line);
    }

    private static string ModeText(ScatterMode mode)
    {
        var parts = new List<string>(3);
        if (mode.HasFlag(ScatterMode.Lines))
        {
            parts.Add("lines");
        }

        if (mode.HasFlag(ScatterMode.Markers))
        {
            parts.Add("markers");
        }

        if (mode.HasFlag(ScatterMode.Text))
        {
            parts.Add("text");
        }

        return parts.Count == 0 ? "none" : string.Join('+', parts);
    }
}
