using System.Text.Json;
using AngleSharp.Html.Parser;
using Workbench.Data.Plots;
using Workbench.Extension.Plotly;
using Workbench.Extension.Tests.Data;
using Workbench.Testing;

namespace Workbench.Extension.Tests;

/// <summary>Draws figures with the embedded plotly.js in headless chromium and reports what <c>Plotly.validate</c> says.</summary>
internal static class PlotlyPage
{
    /// <summary>Per figure: the validation messages and how many traces were drawn.</summary>
    public static IReadOnlyList<(string[] Errors, int Traces)> Draw(params Figure[] figures)
    {
        using var folder = new TempDirectory("plotly-page");
        var divs = string.Concat(figures.Select((_, i) => $"<div id=\"p{i}\" style=\"width:900px;height:600px\"></div>"));
        var calls = string.Concat(figures.Select((f, i) => $"check({i}, {PlotlyHtml.EscapeForScript(f.ToJson())});"));
        var page = folder.Write("page.html", $$"""
            <html><head><meta charset="utf-8"><script>{{PlotlyHtml.PlotlyJs}}</script></head><body>{{divs}}<pre id="result"></pre>
            <script>
            var results = [], pending = {{figures.Length}};
            function check(i, figure) {
              var errors = (Plotly.validate(figure.data, figure.layout) || []).map(function (e) { return e.msg; });
              Plotly.newPlot('p' + i, figure.data, figure.layout).then(function () {
                results[i] = { errors: errors, traces: document.querySelectorAll('#p' + i + ' .trace').length };
                if (--pending === 0) { document.getElementById('result').textContent = JSON.stringify(results); }
              }, function (err) { document.getElementById('result').textContent = 'newPlot failed: ' + err; });
            }
            {{calls}}
            </script></body></html>
            """);

        var text = new HtmlParser().ParseDocument(HeadlessChromium.DumpDom(page)).GetElementById("result")!.TextContent;
        if (!text.StartsWith('['))
        {
            throw new InvalidOperationException($"plotly.js reported: {text}");
        }

        using var results = JsonDocument.Parse(text);
        return results.RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray(), r.GetProperty("traces").GetInt32()))
            .ToArray();
    }

    /// <summary>The output of the session formatter of type <typeparamref name="TFormatter"/> for <paramref name="value"/>.</summary>
    public static string Render<TFormatter>(object value)
        where TFormatter : class
    {
        var formatter = new WorkbenchFormatterSource().CreateTypeFormatters().OfType<TFormatter>().Single();
        using var writer = new StringWriter();
        var written = (bool)typeof(TFormatter).GetMethod("Format", [typeof(object), typeof(TextWriter)])!.Invoke(formatter, [value, writer])!;
        return written ? writer.ToString() : throw new InvalidOperationException($"{typeof(TFormatter).Name} declined {value.GetType().Name}.");
    }
}
