using System.Text.Json;
using AngleSharp.Html.Parser;
using Workbench.Costs;
using Workbench.Extension.Costs;

namespace Workbench.Extension.Tests.Costs;

public sealed class CostRenderingTests
{
    private static CostComparison Comparison() => DeploymentCosts.Compare(
        new InferenceTraffic { RequestsPerMonth = 1_000_000, AverageDuration = TimeSpan.FromMilliseconds(500) },
        new LambdaDeployment { MemoryMB = 2048, EphemeralStorageMB = 2048 },
        new ServerlessInferenceDeployment { MemoryMB = 2048 },
        new RealTimeDeployment { InstanceType = "ml.t2.medium" });

    [Fact]
    public void A_cost_comparison_renders_a_stacked_chart_the_cheapest_option_and_each_charge_with_its_source()
    {
        var document = new HtmlParser().ParseDocument(PlotlyPage.Render<CostComparisonHtmlFormatter>(Comparison()));

        document.QuerySelectorAll("div.wb div.wb-plot").Should().ContainSingle();
        var summary = document.QuerySelectorAll("table.wb-table")[0];
        summary.QuerySelector("tr.wb-good td")!.TextContent.Should().Be("Lambda");
        summary.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent).Should().Equal("16.90", "20.00", "40.88");
        var lambda = document.QuerySelectorAll("table.wb-table")[1];
        lambda.QuerySelector("caption")!.TextContent.Should().Contain("16.90 USD");
        lambda.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[4].TextContent).Should().Equal("16.67", "0.20", "0.0264", "16.90");
        lambda.TextContent.Should().Contain("aws.amazon.com/lambda/pricing").And.Contain("2024-11-01");
        document.Body!.TextContent.Should().Contain("no free tier");
    }

    [Fact]
    public void The_cost_chart_stacks_each_charge_per_option_and_plotly_draws_it()
    {
        var figure = CostCharts.Comparison(Comparison());
        using var json = JsonDocument.Parse(figure.ToJson());
        var traces = json.RootElement.GetProperty("data").EnumerateArray().ToArray();

        traces.Select(t => t.GetProperty("name").GetString()).Should().Equal("compute", "requests", "ephemeral storage", "instances");
        traces.Should().OnlyContain(t => t.GetProperty("type").GetString() == "bar" && t.GetProperty("orientation").GetString() == "h");
        traces[0].GetProperty("x").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 6)).Should().Equal(16.6667, 20, 0);
        json.RootElement.GetProperty("layout").GetProperty("barmode").GetString().Should().Be("stack");
        var drawn = PlotlyPage.Draw(figure).Single();
        drawn.Errors.Should().BeEmpty();
        drawn.Traces.Should().BeGreaterThan(0);
    }
}
