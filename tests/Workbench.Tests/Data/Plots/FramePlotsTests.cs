using System.Text.Json;
using Workbench.Data;
using Workbench.Data.Plots;

namespace Workbench.Tests.Data.Plots;

public sealed class FramePlotsTests
{
    private static readonly Frame Frame = Workbench.Data.Frame.FromArrays(
        ("age", new long?[] { 30, 40, null, 60 }),
        ("bmi", new[] { 20.0, 25.0, 30.0, 35.0 }),
        ("sex", new[] { "F", "M", null, "F" }),
        ("when", new[] { new DateTime(2024, 1, 1), new DateTime(2024, 1, 2), new DateTime(2024, 1, 3), new DateTime(2024, 1, 4) }));

    [Fact]
    public void Histogram_by_column_names_splits_by_colour_and_keeps_missing_numbers_as_gaps()
    {
        using var json = JsonDocument.Parse(FramePlots.Histogram(Frame, "age", color: "sex").ToJson());
        var data = json.RootElement.GetProperty("data");
        data.EnumerateArray().Select(t => t.GetProperty("name").GetString()).Should().Equal("F", "M", "(missing)");
        data[2].GetProperty("x")[0].ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("layout").GetProperty("legend").GetProperty("title").GetProperty("text").GetString().Should().Be("sex");
    }

    [Fact]
    public void Scatter_line_box_and_counts_take_column_names()
    {
        FramePlots.Scatter(Frame, "age", "bmi", facet: "sex").Rows.Should().Be(1);
        using var line = JsonDocument.Parse(FramePlots.Line(Frame, "when", "bmi").ToJson());
        line.RootElement.GetProperty("data")[0].GetProperty("x")[0].GetString().Should().Be("2024-01-01");
        FramePlots.Box(Frame, "bmi", by: "sex").Traces[0].Should().BeOfType<BoxTrace>();
        using var counts = JsonDocument.Parse(FramePlots.Counts(Frame, "sex").ToJson());
        counts.RootElement.GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(e => e.GetString()).Should().Equal("F", "M", "(missing)");
        counts.RootElement.GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(2, 1, 1);
        var missing = () => FramePlots.Histogram(Frame, "agee");
        missing.Should().Throw<ColumnNotFoundException>().WithMessage("*'age'*");
    }
}
