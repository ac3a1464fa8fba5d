using System.Text.Json;
using Workbench.Data.Plots;

namespace Workbench.Tests.Data.Plots;

public sealed class SubplotTests
{
    [Fact]
    public void Grid_places_axes_side_by_side_with_anchors_and_titles()
    {
        var figure = Figure.Subplots(2, 2, ["a", "b", "c"]);
        figure.Add(new ScatterTrace { X = new[] { 1.0 }, Y = new[] { 1.0 } }, 1, 1);
        figure.Add(new ScatterTrace { X = new[] { 2.0 }, Y = new[] { 2.0 } }, 2, 2);
        figure.Add(new ScatterTrace { X = new[] { 3.0 }, Y = new[] { 3.0 } }, 1, 2);
        figure.Add(new ScatterTrace { X = new[] { 4.0 }, Y = new[] { 4.0 } }, 2, 1);
        figure.XAxis(2, 1).Title = "bottom-left x";

        using var json = JsonDocument.Parse(figure.ToJson());
        var data = json.RootElement.GetProperty("data");
        data[0].TryGetProperty("xaxis", out _).Should().BeFalse("the first cell uses the default axes");
        data[1].GetProperty("xaxis").GetString().Should().Be("x4");
        data[1].GetProperty("yaxis").GetString().Should().Be("y4");

        var layout = json.RootElement.GetProperty("layout");
        Domain(layout, "xaxis").Should().Equal(0, 0.45);
        Domain(layout, "xaxis2").Should().Equal(0.55, 1);
        Domain(layout, "yaxis").Should().Equal(0.575, 1);
        Domain(layout, "yaxis3").Should().Equal(0, 0.425);
        layout.GetProperty("xaxis4").GetProperty("anchor").GetString().Should().Be("y4");
        layout.GetProperty("yaxis4").GetProperty("anchor").GetString().Should().Be("x4");
        layout.GetProperty("xaxis3").GetProperty("title").GetProperty("text").GetString().Should().Be("bottom-left x");

        var annotations = layout.GetProperty("annotations").EnumerateArray().ToArray();
        annotations.Select(a => a.GetProperty("text").GetString()).Should().Equal("a", "b", "c");
        annotations[1].GetProperty("x").GetDouble().Should().Be(0.775);
        annotations[1].GetProperty("y").GetDouble().Should().Be(1);
        annotations[2].GetProperty("y").GetDouble().Should().Be(0.425);
        figure.SuggestedHeight.Should().Be(600);
    }

    [Fact]
    public void Empty_cells_get_no_axes()
    {
        var figure = Figure.Subplots(2, 2).Add(new BarTrace(), 2, 1);
        using var json = JsonDocument.Parse(figure.ToJson());
        var layout = json.RootElement.GetProperty("layout");
        layout.TryGetProperty("xaxis", out _).Should().BeFalse();
        layout.TryGetProperty("xaxis4", out _).Should().BeFalse();
        layout.GetProperty("xaxis3").GetProperty("anchor").GetString().Should().Be("y3");
    }

    [Fact]
    public void Shared_axes_follow_the_first_cell()
    {
        var figure = Figure.Subplots(1, 3, sharedX: true);
        for (var column = 1; column <= 3; column++)
        {
            figure.Add(new BarTrace(), 1, column);
        }

        using var json = JsonDocument.Parse(figure.ToJson());
        var layout = json.RootElement.GetProperty("layout");
        layout.GetProperty("xaxis3").GetProperty("matches").GetString().Should().Be("x");
        layout.GetProperty("yaxis3").TryGetProperty("matches", out _).Should().BeFalse();
    }

    [Fact]
    public void Cells_outside_the_grid_are_refused()
    {
        var figure = Figure.Subplots(2, 3);
        var act = () => figure.Add(new BarTrace(), 3, 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*(3, 1)*2 x 3*");
        var zero = () => figure.XAxis(0, 1);
        zero.Should().Throw<ArgumentOutOfRangeException>();
        var tooManyTitles = () => Figure.Subplots(1, 2, ["a", "b", "c"]);
        tooManyTitles.Should().Throw<ArgumentException>().WithMessage("*3 subplot titles*1 x 2*");
    }

    private static double[] Domain(JsonElement layout, string axis) =>
        layout.GetProperty(axis).GetProperty("domain").EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
