using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Workbench.Data;
using Workbench.Extension.Data;
using Workbench.Testing;

namespace Workbench.Extension.Tests.Data;

public sealed class FrameRenderingTests
{
    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public void Header_shows_names_and_dtypes_and_missing_cells_are_marked()
    {
        var frame = new Frame(new DoubleColumn("bmi", [22.5, null]), new CategoricalColumn("sex", ["F", "M"]), new StringColumn("note", ["<b>bold</b>", null]));
        var html = PlotlyPage.Render<FrameHtmlFormatter>(frame);
        var document = Parse(html);
        var headers = document.QuerySelectorAll("thead th").Skip(1).ToArray();
        headers.Select(h => h.ChildNodes[0].TextContent).Should().Equal("bmi", "sex", "note");
        headers.Select(h => h.QuerySelector(".wb-dtype")!.TextContent).Should().Equal("float64", "category", "string");
        headers[0].GetAttribute("title").Should().Be("float64, 1 missing");
        var cells = document.QuerySelectorAll("tbody tr")[1].QuerySelectorAll("td").ToArray();
        cells[1].ClassName.Should().Be("wb-null");
        cells[1].TextContent.Should().Be("null");
        document.QuerySelectorAll("tbody td")[3].TextContent.Should().Be("<b>bold</b>", "cell text is encoded, never markup");
        document.QuerySelector(".wb-muted")!.TextContent.Should().Be("2 rows × 3 columns");
        html.Should().NotContain("<script", "a frame that fits on one page needs no pager");
    }

    [Fact]
    public void A_million_row_frame_renders_its_edges_in_a_few_kilobytes()
    {
        var n = 1_000_000;
        var frame = new Frame(
            new DoubleColumn("x", Enumerable.Range(0, n).Select(i => i * 0.5).ToArray()),
            new Int64Column("id", Enumerable.Range(0, n).Select(i => (long)i).ToArray()));
        var html = PlotlyPage.Render<FrameHtmlFormatter>(frame);
        html.Length.Should().BeLessThan(20_000);
        var rows = Parse(html).QuerySelectorAll("tbody tr").ToArray();
        rows.Should().HaveCount(21);
        rows[0].QuerySelector("td")!.TextContent.Should().Be("0");
        rows[10].TextContent.Should().Contain("…");
        rows[^1].QuerySelector("td")!.TextContent.Should().Be("999999");
        html.Should().Contain("1,000,000 rows × 2 columns; showing the first and last 10 rows");
    }

    [Fact]
    public void Wide_frames_elide_middle_columns()
    {
        var frame = new Frame(Enumerable.Range(0, 100).Select(i => (Column)new DoubleColumn($"c{i}", [i])));
        var headers = Parse(PlotlyPage.Render<FrameHtmlFormatter>(frame)).QuerySelectorAll("thead th").Skip(1).Select(h => h.ChildNodes[0].TextContent).ToArray();
        headers.Should().HaveCount(41);
        headers[0].Should().Be("c0");
        headers[20].Should().Be("…");
        headers[^1].Should().Be("c99");
    }

    [Fact]
    public void Pages_move_through_every_row_in_the_browser()
    {
        var frame = new Frame(new Int64Column("n", Enumerable.Range(0, 45).Select(i => (long)(i * 10)).ToArray()), new DoubleColumn("x", Enumerable.Range(0, 45).Select(i => i % 5 == 0 ? (double?)null : i).ToArray()));
        var html = PlotlyPage.Render<FrameHtmlFormatter>(frame);
        Parse(html).QuerySelector(".wb-page")!.TextContent.Should().Be("page 1 of 3");
        using var folder = new TempDirectory("frame-pager");
        var page = folder.Write("page.html", $$"""
            <html><head><meta charset="utf-8"></head><body>{{html}}
            <script>
            var next = document.querySelectorAll('.wb-pager button')[1];
            next.click(); next.click(); next.click();
            document.body.setAttribute('data-first', document.querySelector('tbody tr td').textContent);
            document.body.setAttribute('data-rows', document.querySelectorAll('tbody tr').length);
            document.body.setAttribute('data-label', document.querySelector('.wb-page').textContent);
            document.body.setAttribute('data-null', document.querySelectorAll('tbody td.wb-null').length);
            </script></body></html>
            """);
        var body = Parse(HeadlessChromium.DumpDom(page)).Body!;
        body.GetAttribute("data-label").Should().Be("page 3 of 3", "the pager stops at the last page");
        body.GetAttribute("data-first").Should().Be("40");
        body.GetAttribute("data-rows").Should().Be("5");
        body.GetAttribute("data-null").Should().Be("1", "row 40 has a missing x");
    }

    [Fact]
    public void A_column_renders_as_a_one_column_table()
    {
        var html = PlotlyPage.Render<ColumnHtmlFormatter>(new StringColumn("name", ["a", "b"]));
        Parse(html).QuerySelectorAll("thead th").Should().HaveCount(2);
    }
}
