using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>Which individual points a box plot draws beside the box.</summary>
public enum BoxPoints
{
    /// <summary>Points beyond the whiskers (1.5 IQR): Plotly's default.</summary>
    Outliers,
    SuspectedOutliers,
    All,
    None,
}

/// <summary>
/// A box plot, from raw values (plotly.js computes the quartiles) or from precomputed statistics
/// (<see cref="FromStatistics"/>), which keeps a figure of a million-row column small.
/// </summary>
public sealed class BoxTrace : Trace
{
    public override string Type => "box";

    /// <summary>The values (vertical box), or group labels of a horizontal box.</summary>
    public PlotValues? X { get; set; }

    /// <summary>The values of a vertical box; group labels go to <see cref="X"/>.</summary>
    public PlotValues? Y { get; set; }

    public Orientation? Orientation { get; set; }

    public BoxPoints? Points { get; set; }

    /// <summary>Marks the mean (and with <see cref="ShowStandardDeviation"/> the standard deviation) on the box.</summary>
    public bool? ShowMean { get; set; }

    public bool ShowStandardDeviation { get; set; }

    public bool? Notched { get; set; }

    public Marker Marker { get; set; } = new();

    public PlotValues? Q1 { get; set; }

    public PlotValues? Median { get; set; }

    public PlotValues? Q3 { get; set; }

    public PlotValues? LowerFence { get; set; }

    public PlotValues? UpperFence { get; set; }

    public PlotValues? Mean { get; set; }

    /// <summary>One box drawn from its statistics rather than its values; whiskers at the given fences.</summary>
    public static BoxTrace FromStatistics(string name, double lowerFence, double q1, double median, double q3, double upperFence, double? mean = null) => new()
    {
        Name = name,
        X = new[] { name },
        LowerFence = new[] { lowerFence },
        Q1 = new[] { q1 },
        Median = new[] { median },
        Q3 = new[] { q3 },
        UpperFence = new[] { upperFence },
        Mean = mean is { } m ? PlotValues.Of(new[] { m }) : null,
    };

    protected override void WriteTraceProperties(JsonObject node)
    {
        Put(node, "x", X);
        Put(node, "y", Y);
        Put(node, "orientation", OrientationJson.Code(Orientation));
        switch (Points)
        {
            case BoxPoints.Outliers:
                node["boxpoints"] = "outliers";
                break;
            case BoxPoints.SuspectedOutliers:
                node["boxpoints"] = "suspectedoutliers";
                break;
            case BoxPoints.All:
                node["boxpoints"] = "all";
                break;
            case BoxPoints.None:
                node["boxpoints"] = false;
                break;
        }

        if (ShowStandardDeviation)
        {
            node["boxmean"] = "sd";
        }
        else
        {
            Put(node, "boxmean", ShowMean);
        }

        Put(node, "notched", Notched);
        Put(node, "q1", Q1);
        Put(node, "median", Median);
        Put(node, "q3", Q3);
        Put(node, "lowerfence", LowerFence);
        Put(node, "upperfence", UpperFence);
        Put(node, "mean", Mean);
        Put(node, "marker", Marker);
    }
}
