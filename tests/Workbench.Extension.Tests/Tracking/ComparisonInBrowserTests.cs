using AngleSharp.Html.Parser;
using Workbench.Extension.Tests.Data;
using Workbench.Testing;

namespace Workbench.Extension.Tests.Tracking;

/// <summary>The comparison output, as a notebook front end would show it, loaded in headless chromium with no network.</summary>
public sealed class ComparisonInBrowserTests : IDisposable
{
    private readonly TrackingRenderingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void The_overlaid_curves_draw_offline_one_line_per_run_and_metric()
    {
        var comparison = _f.Tracker.CompareRuns(_f.Train("a", 0.01, 0.3), _f.Train("b", 0.1, 0.2), _f.Train("c", 0.2, 0.25));
        using var folder = new TempDirectory("wb-compare-page");
        var page = folder.Write("page.html", $"<html><head><meta charset=\"utf-8\"></head><body>{_f.Html(comparison)}</body></html>");

        var dom = new HtmlParser().ParseDocument(HeadlessChromium.DumpDom(page));

        dom.QuerySelectorAll(".wb-plot .main-svg").Should().NotBeEmpty("plotly.js drew the figure");
        dom.QuerySelectorAll(".wb-plot .scatterlayer .trace").Should().HaveCount(6, "two metrics times three runs");
        dom.QuerySelectorAll(".wb-plot .legendtext").Select(t => t.TextContent).Distinct().Should().BeEquivalentTo("a", "b", "c");
    }
}
