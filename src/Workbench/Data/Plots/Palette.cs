namespace Workbench.Data.Plots;

/// <summary>Plotly's default qualitative colour sequence ("Plotly"), so our figures look like plotly.py's.</summary>
public static class Palette
{
    public static IReadOnlyList<string> Colors { get; } =
        ["#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880", "#ff97ff", "#fecb52"];

    /// <summary>The colour of the <paramref name="index"/>-th series (wrapping around).</summary>
    public static string At(int index) => Colors[((index % Colors.Count) + Colors.Count) % Colors.Count];
}
