using System.Text.Json;
using Workbench.Data.Plots;

namespace Workbench.Tests.Data.Plots;

public sealed class PlotTests
{
    private static readonly double[] Ages = [30, 40, 50, 60, 70, 80];
    private static readonly string?[] Sex = ["F", "M", "F", null, "M", "F"];

    [Fact]
    public void Histogram_without_groups_is_one_trace_with_all_values()
    {
        using var json = JsonDocument.Parse(Plot.Histogram(Ages, title: "Age", xTitle: "age", bins: 10).ToJson());
        var data = json.RootElement.GetProperty("data");
        data.GetArrayLength().Should().Be(1);
        data[0].GetProperty("type").GetString().Should().Be("histogram");
        data[0].GetProperty("x").GetArrayLength().Should().Be(6);
        data[0].GetProperty("nbinsx").GetInt32().Should().Be(10);
        var layout = json.RootElement.GetProperty("layout");
        layout.GetProperty("title").GetProperty("text").GetString().Should().Be("Age");
        layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString().Should().Be("count");
    }

    [Fact]
    public void Colour_splits_values_into_one_overlaid_trace_per_category_in_order_of_appearance()
    {
        using var json = JsonDocument.Parse(Plot.Histogram(Ages, color: Sex, colorTitle: "sex").ToJson());
        var data = json.RootElement.GetProperty("data").EnumerateArray().ToArray();
        data.Select(t => t.GetProperty("name").GetString()).Should().Equal("F", "M", "(missing)");
        data[0].GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(30, 50, 80);
        data[1].GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(40, 70);
        data[2].GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(60);
        data.Select(t => t.GetProperty("marker").GetProperty("color").GetString()).Should().Equal(Palette.Colors.Take(3));
        data.Should().OnlyContain(t => t.GetProperty("opacity").GetDouble() == 0.6);
        var layout = json.RootElement.GetProperty("layout");
        layout.GetProperty("barmode").GetString().Should().Be("overlay");
        layout.GetProperty("legend").GetProperty("title").GetProperty("text").GetString().Should().Be("sex");
    }

    [Fact]
    public void Facets_make_one_subplot_per_category_with_consistent_colours_and_one_legend_entry_each()
    {
        string?[] site = ["north", "north", "south", "south", "east", "east"];
        var figure = Plot.Scatter(Ages, Ages, color: Sex, facet: site, facetColumns: 2, xTitle: "age", yTitle: "age");
        figure.Rows.Should().Be(2);
        figure.Columns.Should().Be(2);

        using var json = JsonDocument.Parse(figure.ToJson());
        var data = json.RootElement.GetProperty("data").EnumerateArray().ToArray();
        // north: F(30), M(40); south: F(50), missing(60); east: M(70), F(80)
        data.Select(t => (t.TryGetProperty("xaxis", out var x) ? x.GetString() : "x", t.GetProperty("name").GetString()))
            .Should().Equal(("x", "F"), ("x", "M"), ("x2", "F"), ("x2", "(missing)"), ("x3", "F"), ("x3", "M"));
        data.Count(t => t.GetProperty("showlegend").GetBoolean()).Should().Be(3, "one legend entry per colour");
        data.Where(t => t.GetProperty("name").GetString() == "M")
            .Select(t => t.GetProperty("marker").GetProperty("color").GetString()).Distinct().Should().ContainSingle();
        var layout = json.RootElement.GetProperty("layout");
        layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString())
            .Should().Equal("north", "south", "east");
        layout.GetProperty("xaxis3").GetProperty("title").GetProperty("text").GetString().Should().Be("age", "bottom row carries the x title");
        layout.GetProperty("xaxis").TryGetProperty("title", out _).Should().BeFalse();
        layout.GetProperty("xaxis2").GetProperty("matches").GetString().Should().Be("x");
    }

    [Fact]
    public void Labels_must_match_the_values()
    {
        var act = () => Plot.Histogram(Ages, color: ["a"]);
        act.Should().Throw<ArgumentException>().WithMessage("*1 color labels for 6 values*");
        var lengths = () => Plot.Scatter(Ages, new[] { 1.0 });
        lengths.Should().Throw<ArgumentException>().WithMessage("*6 and 1*");
    }

    [Fact]
    public void Binned_histogram_draws_touching_bars_from_counts()
    {
        var figure = Plot.BinnedHistogram([0, 1, 3], [5, 7], title: "h", xTitle: "v");
        using var json = JsonDocument.Parse(figure.ToJson());
        var bar = json.RootElement.GetProperty("data")[0];
        bar.GetProperty("type").GetString().Should().Be("bar");
        bar.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(0.5, 2);
        bar.GetProperty("width").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(1, 2);
        bar.GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(5, 7);
        bar.GetProperty("text")[1].GetString().Should().Be("[1, 3]: 7");

        var mismatch = () => Plot.BinnedHistogram([0, 1], [1, 2]);
        mismatch.Should().Throw<ArgumentException>().WithMessage("*2 bin edges for 2 counts*");
        var decreasing = () => Plot.BinnedHistogram([0, 2, 1], [1, 2]);
        decreasing.Should().Throw<ArgumentException>().WithMessage("*must not decrease*");
    }

    [Fact]
    public void Bar_with_colour_groups_and_horizontal_swaps_axes()
    {
        var grouped = Plot.Bar(new[] { "a", "b", "a" }, new[] { 1.0, 2.0, 3.0 }, color: ["x", "x", "y"], barMode: BarMode.Stack);
        grouped.Traces.Should().HaveCount(2);
        grouped.Layout.BarMode.Should().Be(BarMode.Stack);

        using var json = JsonDocument.Parse(Plot.Bar(new[] { "a", "b" }, new[] { 1.0, 2.0 }, xTitle: "category", yTitle: "value", horizontal: true).ToJson());
        var bar = json.RootElement.GetProperty("data")[0];
        bar.GetProperty("orientation").GetString().Should().Be("h");
        bar.GetProperty("y")[0].GetString().Should().Be("a");
        bar.GetProperty("x")[1].GetDouble().Should().Be(2);
        json.RootElement.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString().Should().Be("category");
    }

    [Fact]
    public void Line_keeps_point_order_and_draws_one_line_per_series()
    {
        var figure = Plot.Line(new[] { 1, 2, 1, 2 }, new[] { 0.9, 0.5, 1.0, 0.7 }, color: ["train", "train", "valid", "valid"], markers: true);
        using var json = JsonDocument.Parse(figure.ToJson());
        var data = json.RootElement.GetProperty("data");
        data.GetArrayLength().Should().Be(2);
        data[1].GetProperty("name").GetString().Should().Be("valid");
        data[1].GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(1.0, 0.7);
        data[1].GetProperty("mode").GetString().Should().Be("lines+markers");
        data[1].GetProperty("line").GetProperty("color").GetString().Should().Be(Palette.At(1));
    }

    [Fact]
    public void Box_groups_and_colours()
    {
        var figure = Plot.Box(Ages, groups: ["a", "a", "b", "b", "a", "b"], color: Sex, points: BoxPoints.All);
        figure.Layout.BoxMode.Should().Be("group");
        using var json = JsonDocument.Parse(figure.ToJson());
        var first = json.RootElement.GetProperty("data")[0];
        first.GetProperty("type").GetString().Should().Be("box");
        first.GetProperty("boxpoints").GetString().Should().Be("all");
        first.GetProperty("x").EnumerateArray().Select(e => e.GetString()).Should().Equal("a", "b", "b");
    }

    [Fact]
    public void Large_scatter_uses_webgl()
    {
        var x = Enumerable.Range(0, 20_001).Select(i => (double)i).ToArray();
        Plot.Scatter(x, x).Traces[0].Type.Should().Be("scattergl");
        Plot.Scatter(Ages, Ages).Traces[0].Type.Should().Be("scatter");
    }

    [Fact]
    public void Correlation_heatmap_is_fixed_to_minus_one_one_and_reads_top_down()
    {
        double[][] r = [[1, 0.5, double.NaN], [0.5, 1, -0.2], [double.NaN, -0.2, 1]];
        using var json = JsonDocument.Parse(Plot.Correlation(r, ["a", "b", "c"]).ToJson());
        var trace = json.RootElement.GetProperty("data")[0];
        trace.GetProperty("type").GetString().Should().Be("heatmap");
        trace.GetProperty("zmin").GetDouble().Should().Be(-1);
        trace.GetProperty("zmax").GetDouble().Should().Be(1);
        trace.GetProperty("colorscale").GetString().Should().Be("RdBu");
        trace.GetProperty("texttemplate").GetString().Should().Be("%{z:.2f}");
        trace.GetProperty("z")[0][2].ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString().Should().Be("reversed");

        var act = () => Plot.Correlation(r, ["a", "b"]);
        act.Should().Throw<ArgumentException>().WithMessage("*2 x 2*");
    }
}
