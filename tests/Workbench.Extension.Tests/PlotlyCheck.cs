using System.Text.Json;
using AngleSharp.Html.Parser;
using Workbench.Data.Plots;
using Workbench.Extension.Plotly;
using Workbench.Extension.Tests.Data;
using Workbench.Testing;

namespace Workbench.Extension.Tests;

/// <summary>
/// Draws a figure with the embedded plotly.js in headless chromium and returns what plotly.js said:
/// <c>Plotly.validate</c>'s messages, and how many SVG roots and drawn traces the page ended with.
/// </summary>
internal static class PlotlyCheck
{
    public sealed record Report(IReadOnlyList<string?> Errors, int Svg, int Traces);

    public static Report Draw(Figure figure)
    {
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
        return new Report(
            result.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToArray(),
            result.RootElement.GetProperty("svg").GetInt32(),
            result.RootElement.GetProperty("traces").GetInt32());
    }
}
