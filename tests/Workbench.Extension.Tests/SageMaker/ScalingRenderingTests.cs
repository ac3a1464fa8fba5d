using System.Text.Json;
using AngleSharp.Html.Parser;
using Workbench.Costs;
using Workbench.Extension.SageMaker;

namespace Workbench.Extension.Tests.SageMaker;

public sealed class ScalingRenderingTests
{
    private static ScalingSimulation Simulation() => TargetTrackingSimulator.Run(
        new TargetTrackingPolicy { MinInstances = 1, MaxInstances = 5, TargetInvocationsPerInstance = 100, ScaleInCooldown = TimeSpan.FromSeconds(30), ScaleOutCooldown = TimeSpan.FromSeconds(30) },
        TrafficSeries.Spike(80, 5, 10, 30, 90));

    [Fact]
    public void A_scaling_simulation_renders_instances_over_time_and_its_activities()
    {
        var simulation = Simulation();
        var document = new HtmlParser().ParseDocument(PlotlyPage.Render<ScalingSimulationHtmlFormatter>(simulation));

        document.QuerySelectorAll("div.wb-plot").Should().ContainSingle();
        document.QuerySelectorAll("table.wb-table")[0].TextContent.Should().Contain("peak instances5").And.Contain("30 s / 30 s");
        var activities = document.QuerySelectorAll("table.wb-table")[1].QuerySelectorAll("tbody tr");
        activities.Should().HaveCount(simulation.Activities.Count);
        activities[0].ClassName.Should().Be("wb-warn");
        activities[0].QuerySelectorAll("td")[0].TextContent.Should().Be("12");
    }

    [Fact]
    public void The_instance_chart_steps_with_the_simulation_and_plotly_draws_it()
    {
        var simulation = Simulation();
        var figure = ScalingCharts.InstanceCount(simulation);
        using var json = JsonDocument.Parse(figure.ToJson());

        var inService = json.RootElement.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "in service");
        inService.GetProperty("y").EnumerateArray().Select(v => (int)v.GetDouble()).Should().Equal(simulation.Steps.Select(s => s.InServiceInstances));
        inService.GetProperty("line").GetProperty("shape").GetString().Should().Be("hv");
        inService.GetProperty("yaxis").GetString().Should().Be("y2");
        var drawn = PlotlyPage.Draw(figure).Single();
        drawn.Errors.Should().BeEmpty();
        drawn.Traces.Should().BeGreaterThan(0);
    }
}
