using Workbench.Data.Plots;

namespace Workbench.Extension.Tests.Data;

/// <summary>
/// Every kind of figure the builder makes is checked by plotly.js itself (<c>Plotly.validate</c>, which
/// reports unknown attributes and bad values) and drawn, in headless chromium with the embedded plotly.js.
/// </summary>
public sealed class PlotlyValidationTests
{
    public static TheoryData<string> FigureNames => new(Figures().Keys);

    [Theory]
    [MemberData(nameof(FigureNames))]
    // Plotly.validate itself throws on legend settings of a single-trace figure (plotly.js 3.x), so the
    // figures here that style the legend have two traces.
    public void Plotly_js_accepts_and_draws_the_figure(string name)
    {
        var report = PlotlyCheck.Draw(Figures()[name]);
        report.Errors.Should().BeEmpty();
        report.Svg.Should().BeGreaterThan(0);
        report.Traces.Should().BeGreaterThan(0, "the figure's traces were drawn");
    }

    private static Dictionary<string, Figure> Figures()
    {
        double[] x = [1, 2, 3, 4, 5, 6, double.NaN];
        double[] y = [2, 4, 1, 5, 3, 6, 7];
        string?[] group = ["a", "b", "a", "b", "a", null, "b"];
        string?[] facet = ["f1", "f1", "f2", "f2", "f3", "f3", "f1"];
        var dates = Enumerable.Range(0, 7).Select(d => new DateTime(2024, 1, 1).AddDays(d).AddHours(d)).ToArray();
        var custom = new Figure().WithTitle("custom").WithXAxis("date", AxisType.Date).WithYAxis("value", AxisType.Log);
        custom.Add(new ScatterTrace { X = dates, Y = y, Mode = ScatterMode.Lines | ScatterMode.Markers, ErrorY = x, Fill = "tozeroy", Line = { Dash = "dot", Shape = "spline", Width = 2 }, Marker = { Symbol = "diamond", Size = 8 } });
        custom.Add(new ScatterTrace { X = dates, Y = x, Name = "second", Mode = ScatterMode.Lines });
        custom.Layout.Legend.Orientation = Orientation.Horizontal;
        custom.Layout.Legend.Title = "legend";
        custom.Layout.XAxis.Range = new[] { dates[0], dates[^1] };
        var stats = new Figure().Add(BoxTrace.FromStatistics("age", 18, 40, 55, 68, 95, mean: 54));
        var histogram = new Figure().Add(new HistogramTrace { X = x, BinEdges = (0, 8, 1), Normalization = HistogramNormalization.ProbabilityDensity, Cumulative = true });
        return new()
        {
            ["histogram-colour-facet"] = Plot.Histogram(x, title: "h", xTitle: "x", bins: 5, color: group, colorTitle: "g", facet: facet, facetColumns: 2),
            ["histogram-edges"] = histogram,
            ["binned-histogram"] = Plot.BinnedHistogram([0, 1, 2, 4], [3, 5, 1], title: "b", xTitle: "v"),
            ["scatter-colour"] = Plot.Scatter(x, y, title: "s", xTitle: "x", yTitle: "y", color: group, text: group.Select(g => g ?? "").ToArray()),
            ["line-series"] = Plot.Line(x, y, color: group, markers: true),
            ["bar-horizontal-stacked"] = Plot.Bar(new[] { "p", "q", "p" }, new[] { 1.0, 2.0, 3.0 }, color: ["a", "a", "b"], horizontal: true, barMode: BarMode.Stack),
            ["box-groups"] = Plot.Box(y, groups: facet, color: group, points: BoxPoints.All),
            ["box-statistics"] = stats,
            ["correlation"] = Plot.Correlation([[1, 0.3], [0.3, double.NaN]], ["a", "b"]),
            ["heatmap"] = Plot.Heatmap([[1, 2, 3], [4, 5, 6]], new[] { "c1", "c2", "c3" }, new[] { "r1", "r2" }, "hm", "Blues", cellValueFormat: "d"),
            ["custom"] = custom,
            ["subplots"] = Figure.Subplots(2, 2, ["one", "two"], sharedY: true)
                .Add(new BarTrace { X = new[] { "a", "b" }, Y = new[] { 1.0, 2.0 } }, 1, 1)
                .Add(new ScatterTrace { X = x, Y = y }, 2, 2),
        };
    }
}
