using System.Text.Json;
using AngleSharp.Html.Parser;
using Workbench.Data.Plots;
using Workbench.Extension.Plotly;
using Workbench.Testing;

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
        var figure = Figures()[name];
        using var folder = new TempDirectory("plotly-validate");
        var page = folder.Write("page.html", $$"""
            <html><head><meta charset="utf-8"><script>{{PlotlyHtml.PlotlyJs}}</script></head><body>
            <div id="plot" style="width:800px;height:600px"></div><pre id="result">pending</pre>
            <script>
            var figure = {{PlotlyHtml.EscapeForScript(figure.ToJson())}};
            try {
            var errors = Plotly.validate(figure.data, figure.layout) || [];
            Plotly.newPlot('plot', figure.data, figure.layout).then(function () {
              document.getElementById('result').textContent = JSON.stringify({
                errors: errors.map(function (e) { return e.msg; }),
                traces: document.querySelectorAll('#plot .trace, #plot .hm, #plot image').length,
                svg: document.querySelectorAll('#plot .main-svg').length });
            }, function (err) { document.getElementById('result').textContent = 'newPlot failed: ' + err; });
            } catch (err) { document.getElementById('result').textContent = 'newPlot threw: ' + err + ' ' + err.stack; }
            </script></body></html>
            """);

        var dom = new HtmlParser().ParseDocument(HeadlessChromium.DumpDom(page));
        var text = dom.GetElementById("result")!.TextContent;
        text.Should().StartWith("{", $"plotly.js reported: {text}");
        using var result = JsonDocument.Parse(text);
        result.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).Should().BeEmpty();
        result.RootElement.GetProperty("svg").GetInt32().Should().BeGreaterThan(0);
        result.RootElement.GetProperty("traces").GetInt32().Should().BeGreaterThan(0, "the figure's traces were drawn");
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
