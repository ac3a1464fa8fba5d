using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>One series of a figure: what Plotly calls a trace.</summary>
public abstract class Trace : PlotElement
{
    /// <summary>The Plotly trace type (<c>scatter</c>, <c>bar</c>, ...).</summary>
    public abstract string Type { get; }

    /// <summary>The name shown in the legend and on hover.</summary>
    public string? Name { get; set; }

    public bool? ShowLegend { get; set; }

    /// <summary>Traces with the same group toggle together from the legend (used for colour across facets).</summary>
    public string? LegendGroup { get; set; }

    public double? Opacity { get; set; }

    /// <summary>A Plotly hover template, e.g. <c>%{x}: %{y:.3f}&lt;extra&gt;&lt;/extra&gt;</c>.</summary>
    public string? HoverTemplate { get; set; }

    /// <summary>The x axis this trace is drawn against: <c>x</c>, <c>x2</c>, ... (set by <see cref="Figure.Add(Trace, int, int)"/>).</summary>
    public string? XAxisId { get; set; }

    /// <summary>The y axis this trace is drawn against: <c>y</c>, <c>y2</c>, ...</summary>
    public string? YAxisId { get; set; }

    protected sealed override void WriteProperties(JsonObject node)
    {
        node["type"] = Type;
        Put(node, "name", Name);
        Put(node, "showlegend", ShowLegend);
        Put(node, "legendgroup", LegendGroup);
        Put(node, "opacity", Opacity);
        Put(node, "hovertemplate", HoverTemplate);
        if (XAxisId is not null && XAxisId != "x")
        {
            node["xaxis"] = XAxisId;
        }

        if (YAxisId is not null && YAxisId != "y")
        {
            node["yaxis"] = YAxisId;
        }

        WriteTraceProperties(node);
    }

    /// <summary>Writes the attributes particular to this trace type.</summary>
    protected abstract void WriteTraceProperties(JsonObject node);
}
