using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>The scale of an axis; <see cref="Auto"/> lets plotly.js infer it from the data.</summary>
public enum AxisType
{
    Auto,
    Linear,
    Log,
    Date,
    Category,
}

/// <summary>An x or y axis: title, scale, range, ticks; and, in subplots, where it sits.</summary>
public sealed class Axis : PlotElement
{
    private PlotValues? _range;

    public string? Title { get; set; }

    public AxisType Type { get; set; } = AxisType.Auto;

    /// <summary>The visible range: two numbers, or two dates on a date axis (on a log axis, plotly.js wants log10 of the ends).</summary>
    public PlotValues? Range
    {
        get => _range;
        set
        {
            if (value is not null && value.Length != 2)
            {
                throw new ArgumentException($"an axis range has two ends, not {value.Length}.", nameof(value));
            }

            _range = value;
        }
    }

    /// <summary>Draws the axis from high to low (as a heatmap's rows read top-down).</summary>
    public bool Reversed { get; set; }

    /// <summary>A d3 format for tick labels, e.g. <c>.0%</c> or <c>%b %Y</c> on dates.</summary>
    public string? TickFormat { get; set; }

    public bool? ShowGrid { get; set; }

    public bool? ZeroLine { get; set; }

    /// <summary>Category order, e.g. <c>category ascending</c> or <c>total descending</c>.</summary>
    public string? CategoryOrder { get; set; }

    /// <summary>The fraction of the plotting area this axis spans (set by subplots).</summary>
    public (double From, double To)? Domain { get; set; }

    /// <summary>The axis this one is drawn against, e.g. <c>y2</c> for <c>xaxis2</c> (set by subplots).</summary>
    public string? Anchor { get; set; }

    /// <summary>Another axis whose range this one follows (<c>x</c>, <c>y2</c>, ...): shared axes across facets.</summary>
    public string? Matches { get; set; }

    protected override void WriteProperties(JsonObject node)
    {
        PutTitle(node, Title);
        Put(node, "type", Type switch
        {
            AxisType.Linear => "linear",
            AxisType.Log => "log",
            AxisType.Date => "date",
            AxisType.Category => "category",
            _ => null,
        });
        Put(node, "range", Range);
        if (Reversed)
        {
            node["autorange"] = "reversed";
        }

        Put(node, "tickformat", TickFormat);
        Put(node, "showgrid", ShowGrid);
        Put(node, "zeroline", ZeroLine);
        Put(node, "categoryorder", CategoryOrder);
        if (Domain is { } domain)
        {
            node["domain"] = new JsonArray(domain.From, domain.To);
        }

        Put(node, "anchor", Anchor);
        Put(node, "matches", Matches);
    }
}
