using System.Text.Json;
using AngleSharp.Html.Parser;
using Workbench.Data.Plots;
using Workbench.Extension.Data;
using Workbench.Extension.Plotly;

namespace Workbench.Extension.Tests.Data;

public sealed class FigureFormatterTests
{
    private static readonly Figure Sample = Plot.Histogram(new[] { 1.0, 2.0, double.NaN, 4.0 }, title: "x </script> y", color: ["a", "b", "a", "b"]);

    [Fact]
    public void Plotly_mime_type_carries_the_figure_json()
    {
        var formatter = new FigureFormatter();
        using var writer = new StringWriter();
        formatter.Format(Sample, writer).Should().BeTrue();

        formatter.MimeType.Should().Be("application/vnd.plotly.v1+json");
        writer.ToString().Should().Be(Sample.ToJson());
        using var json = JsonDocument.Parse(writer.ToString());
        json.RootElement.GetProperty("data").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public void Html_fallback_draws_the_figure_and_sends_plotly_js_once_per_session()
    {
        var source = new WorkbenchFormatterSource();
        var formatters = source.CreateTypeFormatters().ToList();
        var html = formatters.OfType<FigureHtmlFormatter>().Single();
        formatters.OfType<FigureFormatter>().Should().ContainSingle();

        using var first = new StringWriter();
        using var second = new StringWriter();
        html.Format(Sample, first).Should().BeTrue();
        html.Format(Sample, second).Should().BeTrue();

        var parser = new HtmlParser();
        var firstDoc = parser.ParseDocument(first.ToString());
        var secondDoc = parser.ParseDocument(second.ToString());
        firstDoc.QuerySelectorAll("div.wb div.wb-plot").Should().ContainSingle();
        secondDoc.QuerySelectorAll("div.wb div.wb-plot").Should().ContainSingle();
        first.ToString().Length.Should().BeGreaterThan(PlotlyHtml.PlotlyJs.Length, "the first figure carries plotly.js");
        second.ToString().Length.Should().BeLessThan(10_000, "later figures reuse the page's plotly.js");
        second.ToString().Should().NotContain("x </script> y", "a title cannot close the script element")
            .And.Contain("x \\u003C/script\\u003E y");
        html.Format(new object(), new StringWriter()).Should().BeFalse();
    }

    [Fact]
    public void Formatter_ignores_other_types()
    {
        new FigureFormatter().Format("not a figure", new StringWriter()).Should().BeFalse();
    }
}
