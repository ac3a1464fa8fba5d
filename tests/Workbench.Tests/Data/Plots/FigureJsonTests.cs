using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Data.Plots;

namespace Workbench.Tests.Data.Plots;

public sealed class FigureJsonTests
{
    [Fact]
    public void Empty_figure_is_data_and_layout()
    {
        new Figure().ToJson().Should().Be("{\"data\":[],\"layout\":{}}");
    }

    [Fact]
    public void NaN_and_infinities_become_null_and_numbers_are_invariant_round_trip()
    {
        var figure = new Figure().Add(new ScatterTrace
        {
            X = new[] { 1.5, double.NaN, 1e-7, double.PositiveInfinity, -2.25, 0.1 + 0.2 },
            Y = new[] { 0.1f, float.NaN, 3f, 4f, 5f, 6f },
        });

        using var json = JsonDocument.Parse(figure.ToJson());
        var trace = json.RootElement.GetProperty("data")[0];
        var x = trace.GetProperty("x").EnumerateArray().ToArray();
        x[0].GetDouble().Should().Be(1.5);
        x[1].ValueKind.Should().Be(JsonValueKind.Null);
        x[2].GetDouble().Should().Be(1e-7);
        x[3].ValueKind.Should().Be(JsonValueKind.Null);
        x[5].GetDouble().Should().Be(0.1 + 0.2, "doubles are written in round-trip form");
        var y = trace.GetProperty("y").EnumerateArray().ToArray();
        y[0].GetRawText().Should().Be("0.1", "a float is written in its own shortest form, not widened to double");
        y[1].ValueKind.Should().Be(JsonValueKind.Null);
        trace.GetProperty("x").GetRawText().Should().StartWith("[1.5,null,", "numbers are culture-invariant");
    }

    [Fact]
    public void Value_kinds_write_their_json_types()
    {
        var dates = new[] { new DateTime(2024, 3, 1), new DateTime(2024, 3, 1, 14, 30, 5), new DateTime(2024, 3, 1, 0, 0, 0, 250) };
        var figure = new Figure()
            .Add(new ScatterTrace { X = dates, Y = new long[] { 1, long.MaxValue, -3 } })
            .Add(new BarTrace { X = new string?[] { "a", null, "c" }, Y = new[] { true, false, true } })
            .Add(new BarTrace { X = new[] { 1, 2, 3 }, Y = new double?[] { 1, null, 3 } });

        using var json = JsonDocument.Parse(figure.ToJson());
        var data = json.RootElement.GetProperty("data");
        data[0].GetProperty("x").EnumerateArray().Select(e => e.GetString()).Should()
            .Equal("2024-03-01", "2024-03-01 14:30:05", "2024-03-01 00:00:00.25");
        data[0].GetProperty("y")[1].GetInt64().Should().Be(long.MaxValue);
        data[1].GetProperty("x")[1].ValueKind.Should().Be(JsonValueKind.Null);
        data[1].GetProperty("y")[0].ValueKind.Should().Be(JsonValueKind.True);
        data[2].GetProperty("x")[2].GetInt64().Should().Be(3);
        data[2].GetProperty("y")[1].ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Layout_titles_axes_legend_and_size_are_written()
    {
        var figure = new Figure().WithTitle("Age").WithXAxis("age (years)", AxisType.Log).WithYAxis("count").WithSize(640, 360);
        figure.Layout.XAxis.Range = new[] { 0.0, 2.0 };
        figure.Layout.YAxis.Reversed = true;
        figure.Layout.YAxis.TickFormat = ".0%";
        figure.Layout.Legend.Orientation = Orientation.Horizontal;
        figure.Layout.Legend.Title = "class";
        figure.Layout.BarMode = BarMode.Stack;

        using var json = JsonDocument.Parse(figure.ToJson());
        var layout = json.RootElement.GetProperty("layout");
        layout.GetProperty("title").GetProperty("text").GetString().Should().Be("Age");
        layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString().Should().Be("age (years)");
        layout.GetProperty("xaxis").GetProperty("type").GetString().Should().Be("log");
        layout.GetProperty("xaxis").GetProperty("range").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(0, 2);
        layout.GetProperty("yaxis").GetProperty("autorange").GetString().Should().Be("reversed");
        layout.GetProperty("yaxis").GetProperty("tickformat").GetString().Should().Be(".0%");
        layout.GetProperty("yaxis").TryGetProperty("type", out _).Should().BeFalse("an Auto axis is left to plotly.js");
        layout.GetProperty("legend").GetProperty("orientation").GetString().Should().Be("h");
        layout.GetProperty("legend").GetProperty("title").GetProperty("text").GetString().Should().Be("class");
        layout.GetProperty("barmode").GetString().Should().Be("stack");
        layout.GetProperty("width").GetInt32().Should().Be(640);
        layout.GetProperty("height").GetInt32().Should().Be(360);
    }

    [Fact]
    public void Axis_range_needs_two_ends()
    {
        var act = () => new Axis { Range = new[] { 1.0, 2.0, 3.0 } };
        act.Should().Throw<ArgumentException>().WithMessage("*two ends*3*");
    }

    [Fact]
    public void Scatter_modes_combine_and_webgl_switches_type()
    {
        var trace = new ScatterTrace { Mode = ScatterMode.Lines | ScatterMode.Markers, UseWebGl = true, ErrorY = new[] { 0.1, 0.2 } };
        trace.Line.Dash = "dash";
        var node = trace.Json();
        node["type"]!.GetValue<string>().Should().Be("scattergl");
        node["mode"]!.GetValue<string>().Should().Be("lines+markers");
        node["line"]!["dash"]!.GetValue<string>().Should().Be("dash");
        node["error_y"]!["type"]!.GetValue<string>().Should().Be("data");
        new ScatterTrace { Mode = ScatterMode.None }.Json()["mode"]!.GetValue<string>().Should().Be("none");
    }

    [Fact]
    public void Set_reaches_any_attribute_and_overrides_typed_ones()
    {
        var trace = new BarTrace { Marker = { Color = "red", LineWidth = 2 } };
        trace.Set("marker.color", "blue").Set("marker.line.color", "black").Set("hoverinfo", "skip");
        var node = trace.Json();
        node["marker"]!["color"]!.GetValue<string>().Should().Be("blue");
        node["marker"]!["line"]!["width"]!.GetValue<double>().Should().Be(2);
        node["marker"]!["line"]!["color"]!.GetValue<string>().Should().Be("black");
        node["hoverinfo"]!.GetValue<string>().Should().Be("skip");

        var bad = () => trace.Set("marker..color", 1);
        bad.Should().Throw<ArgumentException>().WithMessage("*dotted*");
    }

    [Fact]
    public void Histogram_bins_normalisation_and_cumulative()
    {
        var node = new HistogramTrace
        {
            X = new[] { 1.0, 2.0 },
            Bins = 20,
            BinEdges = (0, 10, 0.5),
            Normalization = HistogramNormalization.ProbabilityDensity,
            Cumulative = true,
        }.Json();
        node["nbinsx"]!.GetValue<int>().Should().Be(20);
        node["xbins"]!["size"]!.GetValue<double>().Should().Be(0.5);
        node["histnorm"]!.GetValue<string>().Should().Be("probability density");
        node["cumulative"]!["enabled"]!.GetValue<bool>().Should().BeTrue();

        var horizontal = new HistogramTrace { Y = new[] { 1.0 }, Bins = 5 }.Json();
        horizontal["nbinsy"]!.GetValue<int>().Should().Be(5);

        var bad = () => new HistogramTrace { X = new[] { 1.0 }, BinEdges = (5, 1, 1) }.Json();
        bad.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*End > Start*");
    }

    [Fact]
    public void Heatmap_writes_rows_and_checks_label_counts()
    {
        var trace = new HeatmapTrace
        {
            Z = HeatmapTrace.Rows(new double[,] { { 1, double.NaN }, { 3, 4 } }),
            X = new[] { "a", "b" },
            Y = new[] { "r1", "r2" },
            ZMid = 0,
            CellValueFormat = ".2f",
            ColorBarTitle = "r",
        };
        var node = trace.Json();
        node.ToJsonString().Should().Contain("\"z\":[[1,null],[3,4]]");
        node["texttemplate"]!.GetValue<string>().Should().Be("%{z:.2f}");
        node["colorbar"]!["title"]!["text"]!.GetValue<string>().Should().Be("r");

        trace.X = new[] { "a", "b", "c" };
        var act = () => trace.Json();
        act.Should().Throw<InvalidOperationException>().WithMessage("*3 column labels*2 values*");
        trace.X = null;
        trace.Y = new[] { "only" };
        act.Should().Throw<InvalidOperationException>().WithMessage("*1 row labels*2 rows*");
    }

    [Fact]
    public void Box_from_statistics_and_points_settings()
    {
        var box = BoxTrace.FromStatistics("age", 18, 40, 55, 68, 95, mean: 54.2);
        box.Points = BoxPoints.None;
        box.ShowStandardDeviation = true;
        var node = box.Json();
        node["q1"]![0]!.GetValue<double>().Should().Be(40);
        node["median"]![0]!.GetValue<double>().Should().Be(55);
        node["upperfence"]![0]!.GetValue<double>().Should().Be(95);
        node["mean"]![0]!.GetValue<double>().Should().Be(54.2);
        node["boxpoints"]!.GetValue<bool>().Should().BeFalse();
        node["boxmean"]!.GetValue<string>().Should().Be("sd");
    }

    [Fact]
    public void Indented_json_is_the_same_document()
    {
        var figure = Plot.Scatter(new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 }, title: "t");
        using var compact = JsonDocument.Parse(figure.ToJson());
        using var indented = JsonDocument.Parse(figure.ToJson(indented: true));
        figure.ToJson(indented: true).Should().Contain("\n");
        indented.RootElement.GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", "")
            .Should().Be(compact.RootElement.GetRawText());
    }
}

internal static class PlotElementJson
{
    /// <summary>The element's JSON as a plain, inspectable tree.</summary>
    public static JsonNode Json(this PlotElement element) => JsonNode.Parse(element.ToJsonNode().ToJsonString())!;
}
