namespace Workbench.Data.Plots;

/// <summary>Which way bars, boxes and histograms run.</summary>
public enum Orientation
{
    Vertical,
    Horizontal,
}

internal static class OrientationJson
{
    public static string? Code(Orientation? orientation) => orientation switch
    {
        Orientation.Vertical => "v",
        Orientation.Horizontal => "h",
        _ => null,
    };
}
