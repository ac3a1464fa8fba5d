using AngleSharp.Html.Parser;
using Workbench.Kernel.Formatting;
using Workbench.Kernel.Scripting;

namespace Workbench.Kernel.Tests.Formatting;

public sealed class DefaultFormattingTests
{
    private readonly FormatterRegistry _registry = new();

    public sealed record Admission(string Ward, int Age, double? Los);

    public sealed class Poco
    {
        public string Name { get; set; } = "Ann";

        public int Score { get; set; } = 7;

        public int Broken => throw new InvalidOperationException("no score");
    }

    [Theory]
    [InlineData(42, "42")]
    [InlineData(3.5, "3.5")]
    [InlineData(true, "True")]
    [InlineData("plain", "plain")]
    public void Scalars_are_text_only(object value, string text)
    {
        var bundle = _registry.Format(value).Bundle;

        bundle.Keys.Should().Equal("text/plain");
        bundle["text/plain"].Should().Be(text);
    }

    [Fact]
    public void Null_dates_and_decimals_read_the_same_in_every_culture()
    {
        _registry.Format(null).Bundle["text/plain"].Should().Be("<null>");
        _registry.Format(new DateTime(2024, 3, 1)).Bundle["text/plain"].Should().Be("2024-03-01");
        _registry.Format(new DateTime(2024, 3, 1, 14, 5, 0, DateTimeKind.Utc)).Bundle["text/plain"].Should().Be("2024-03-01 14:05:00Z");
        _registry.Format(1234.5m).Bundle["text/plain"].Should().Be("1234.5");
    }

    [Fact]
    public void A_list_of_records_is_a_table_with_a_column_per_member()
    {
        var rows = new List<Admission> { new("cardiology", 71, 4.5), new("oncology", 54, null) };
        var bundle = _registry.Format(rows).Bundle;

        var html = bundle["text/html"];
        Headers(html).Should().Equal(string.Empty, "Ward", "Age", "Los");
        Cells(html).Should().Equal("cardiology", "71", "4.5", "oncology", "54", "<null>");
        html.Should().Contain("List&lt;Admission&gt; (2 rows)");
        bundle["text/plain"].Split('\n')[0].Should().Contain("Ward").And.Contain("Age").And.Contain("Los");
        bundle["text/plain"].Should().Contain("cardiology").And.Contain("oncology");
    }

    [Fact]
    public void A_linq_query_is_captioned_by_what_it_yields()
    {
        var html = _registry.Format(new List<Admission> { new("icu", 1, 1) }.Select(a => a).Take(1)).Bundle["text/html"];

        Parse(html).QuerySelector("caption")!.TextContent.Should().Be("IEnumerable<Admission> (1 row)");
    }

    [Fact]
    public void Long_sequences_are_truncated_with_a_count_of_the_rest()
    {
        var rows = Enumerable.Range(0, 25).Select(i => new Admission("w" + i, i, i)).ToArray();
        var html = _registry.Format(rows).Bundle["text/html"];

        Rows(html).Should().Be(20);
        html.Should().Contain("… 5 more rows (25 in total)");
        _registry.Format(rows).Bundle["text/plain"].Should().EndWith("… 5 more rows (25 in total)");
    }

    [Fact]
    public void An_endless_sequence_does_not_hang_the_display()
    {
        var endless = Enumerable.Range(0, int.MaxValue).Select(i => new Admission("w", i, null));
        var html = _registry.Format(endless).Bundle["text/html"];

        Rows(html).Should().Be(20);
        html.Should().Contain("at least").And.Contain("stopped counting at 100,000");
    }

    [Fact]
    public void Tuples_anonymous_objects_and_dictionaries_also_make_tables()
    {
        Headers(_registry.Format(new[] { (1, "a"), (2, "b") }).Bundle["text/html"]).Should().Equal(string.Empty, "Item1", "Item2");
        Headers(_registry.Format(new[] { new { Patient = "p1", Risk = 0.2 } }).Bundle["text/html"]).Should().Equal(string.Empty, "Patient", "Risk");
        var dictionaries = new[]
        {
            new Dictionary<string, object> { ["a"] = 1, ["b"] = 2 },
            new Dictionary<string, object> { ["b"] = 3, ["c"] = 4 },
        };
        var html = _registry.Format(dictionaries).Bundle["text/html"];
        Headers(html).Should().Equal(string.Empty, "a", "b", "c");
        Cells(html).Should().Equal("1", "2", string.Empty, string.Empty, "3", "4");
    }

    [Fact]
    public void Other_sequences_are_lists()
    {
        var bundle = _registry.Format(new List<int> { 1, 2, 3 }).Bundle;

        bundle["text/plain"].Should().Be("[1, 2, 3]");
        bundle["text/html"].Should().Contain("<ol start=\"0\"><li>1</li><li>2</li><li>3</li></ol>");
        _registry.Format(Enumerable.Range(0, 30).ToList()).Bundle["text/plain"].Should().EndWith(", … 10 more items (30 in total)]");
    }

    [Fact]
    public void A_dictionary_is_a_key_value_table()
    {
        var bundle = _registry.Format(new Dictionary<string, int> { ["beds"] = 12, ["staff"] = 30 }).Bundle;

        bundle["text/plain"].Should().Be("{beds: 12, staff: 30}");
        Cells(bundle["text/html"]).Should().Equal("12", "30");
    }

    [Fact]
    public void A_plain_object_shows_its_members_and_survives_a_throwing_getter()
    {
        var bundle = _registry.Format(new Poco()).Bundle;

        bundle["text/plain"].Should().Be("Poco { Name = Ann, Score = 7, Broken = <InvalidOperationException: no score> }");
        Cells(bundle["text/html"]).Should().Equal("Ann", "7", "<InvalidOperationException: no score>");
    }

    [Fact]
    public void Png_bytes_are_an_image()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var bundle = _registry.Format(png).Bundle;

        bundle["image/png"].Should().Be(Convert.ToBase64String(png));
        bundle["text/plain"].Should().Be("PNG image (11 bytes)");
    }

    [Fact]
    public void Content_wrappers_choose_their_mime_type()
    {
        _registry.Format(new HtmlString("<b>x</b>")).Bundle["text/html"].Should().Be("<b>x</b>");
        _registry.Format(new SvgString("<svg/>")).Bundle["image/svg+xml"].Should().Be("<svg/>");
        _registry.Format(new JsonString("{ \"a\" : [1, 2] }")).Bundle["application/json"].Should().Be("{\"a\":[1,2]}");
        var markdown = _registry.Format(new MarkdownString("**bold**")).Bundle;
        markdown["text/markdown"].Should().Be("**bold**");
        markdown["text/html"].Should().Contain("<strong>bold</strong>");
    }

    [Fact]
    public void Exceptions_show_type_and_message()
    {
        _registry.Format(new InvalidOperationException("bad state")).Bundle["text/plain"].Should().StartWith("System.InvalidOperationException: bad state");
    }

    [Fact]
    public void Html_cells_are_encoded()
    {
        var html = _registry.Format(new[] { new Admission("<script>", 1, null) }).Bundle["text/html"];

        html.Should().Contain("&lt;script&gt;").And.NotContain("<script>");
    }

    private static string[] Headers(string html) =>
        Parse(html).QuerySelectorAll("thead th").Select(th => th.TextContent).ToArray();

    private static string[] Cells(string html) =>
        Parse(html).QuerySelectorAll("tbody td").Select(td => td.TextContent).ToArray();

    private static int Rows(string html) => Parse(html).QuerySelectorAll("tbody tr").Length;

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);
}
