using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>How a histogram's bar heights are normalised.</summary>
public enum HistogramNormalization
{
    Count,
    Percent,
    Probability,
    Density,
    ProbabilityDensity,
}

/// <summary>
/// A histogram binned by plotly.js from raw values. For large columns prefer
/// <see cref="Plot.BinnedHistogram"/>, which sends only the counts.
/// </summary>
public sealed class HistogramTrace : Trace
{
    public override string Type => "histogram";

    /// <summary>The values (vertical histogram).</summary>
    public PlotValues? X { get; set; }

    /// <summary>The values of a horizontal histogram.</summary>
    public PlotValues? Y { get; set; }

    /// <summary>The most bins plotly.js may use (it picks round bin edges).</summary>
    public int? Bins { get; set; }

    /// <summary>Explicit bin edges: first edge, last edge and bin width (all three, or none).</summary>
    public (double Start, double End, double Size)? BinEdges { get; set; }

    public HistogramNormalization? Normalization { get; set; }

    public bool? Cumulative { get; set; }

    public Marker Marker { get; set; } = new();

    protected override void WriteTraceProperties(JsonObject node)
    {
        Put(node, "x", X);
        Put(node, "y", Y);
        var axis = Y is not null && X is null ? "y" : "x";
        if (Bins is { } bins)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins, nameof(Bins));
            node[$"nbins{axis}"] = bins;
        }

        if (BinEdges is { } edges)
        {
            if (!(edges.Size > 0) || !(edges.End > edges.Start))
            {
                throw new ArgumentOutOfRangeException(nameof(BinEdges), $"bin edges need End > Start and Size > 0, got start {edges.Start}, end {edges.End}, size {edges.Size}.");
            }

            node[$"{axis}bins"] = new JsonObject { ["start"] = edges.Start, ["end"] = edges.End, ["size"] = edges.Size };
        }

        Put(node, "histnorm", Normalization switch
        {
            HistogramNormalization.Percent => "percent",
            HistogramNormalization.Probability => "probability",
            HistogramNormalization.Density => "density",
            HistogramNormalization.ProbabilityDensity => "probability density",
            HistogramNormalization.Count => "",
            _ => null,
        });
        if (Cumulative is { } cumulative)
        {
            node["cumulative"] = new JsonObject { ["enabled"] = cumulative };
        }

        Put(node, "marker", Marker);
    }
}
