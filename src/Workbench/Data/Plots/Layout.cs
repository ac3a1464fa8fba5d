using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>How bars (and histograms) of several traces share a position.</summary>
public enum BarMode
{
    Group,
    Stack,
    Overlay,
    Relative,
}

/// <summary>The figure's layout: title, the first subplot's axes, legend, size, annotations.</summary>
public sealed class Layout : PlotElement
{
    public string? Title { get; set; }

    /// <summary>The x axis of the first (or only) plot.</summary>
    public Axis XAxis { get; set; } = new();

    /// <summary>The y axis of the first (or only) plot.</summary>
    public Axis YAxis { get; set; } = new();

    public bool? ShowLegend { get; set; }

    public Legend Legend { get; set; } = new();

    public BarMode? BarMode { get; set; }

    /// <summary>How box traces with the same position share it: <c>group</c> or <c>overlay</c>.</summary>
    public string? BoxMode { get; set; }

    /// <summary>Width in pixels; unset fills the output's width.</summary>
    public int? Width { get; set; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; set; }

    public List<Annotation> Annotations { get; } = [];

    protected override void WriteProperties(JsonObject node)
    {
        PutTitle(node, Title);
        Put(node, "xaxis", XAxis);
        Put(node, "yaxis", YAxis);
        Put(node, "showlegend", ShowLegend);
        Put(node, "legend", Legend);
        Put(node, "barmode", BarMode switch
        {
            Plots.BarMode.Group => "group",
            Plots.BarMode.Stack => "stack",
            Plots.BarMode.Overlay => "overlay",
            Plots.BarMode.Relative => "relative",
            _ => null,
        });
        Put(node, "boxmode", BoxMode);
        Put(node, "width", Width);
        Put(node, "height", Height);
        if (Annotations.Count > 0)
        {
            node["annotations"] = new JsonArray(Annotations.Select(a => (JsonNode)a.ToJsonNode()).ToArray());
        }
    }
}
