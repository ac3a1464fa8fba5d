using Workbench.Costs;

namespace Workbench.Tests.Costs;

public sealed class TargetTrackingSimulatorTests
{
    // The seeds' case: at most 5 instances, 30 s cooldowns, a 5x spike.
    private static readonly TargetTrackingPolicy Seeds = new()
    {
        MinInstances = 1,
        MaxInstances = 5,
        TargetInvocationsPerInstance = 100,
        ScaleOutCooldown = TimeSpan.FromSeconds(30),
        ScaleInCooldown = TimeSpan.FromSeconds(30),
    };

    private static readonly TrafficSeries Spike = TrafficSeries.Spike(baselinePerMinute: 80, factor: 5, spikeStartMinute: 10, spikeMinutes: 30, totalMinutes: 90);

    [Fact]
    public void The_seeds_spike_scales_out_after_three_high_minutes_and_in_after_fifteen_low_ones()
    {
        var simulation = TargetTrackingSimulator.Run(Seeds, Spike);

        var first = simulation.Activities[0];
        first.IsScaleOut.Should().BeTrue();
        first.Minute.Should().Be(12, "the alarm needs 3 datapoints above target: minutes 10, 11 and 12");
        first.ToInstances.Should().Be(4, "ceil(1 instance x 400 / 100)");
        simulation.Steps[17].InServiceInstances.Should().Be(1, "new instances need 5 minutes to start");
        simulation.Steps[18].InServiceInstances.Should().BeGreaterThan(1);

        simulation.Steps.Should().OnlyContain(s => s.InServiceInstances >= 1 && s.InServiceInstances <= 5 && s.DesiredInstances <= 5);

        // 13: the 30 s cooldown has passed, so the still-high metric is applied to the 4 instances already starting.
        // 33: all 5 served from minute 19 at 80 per instance, below 90 % of target for 15 minutes: back to 4.
        // 54: the spike ended at minute 40; 15 low minutes later, ceil(4 x 20 / 100) = 1.
        simulation.Activities.Select(a => (a.Minute, a.FromInstances, a.ToInstances))
            .Should().Equal((12, 1, 4), (13, 4, 5), (33, 5, 4), (54, 4, 1));
        simulation.Steps[^1].InServiceInstances.Should().Be(1);
    }

    [Fact]
    public void A_cooldown_shorter_than_instance_start_up_over_provisions_and_a_long_one_does_not()
    {
        var shortCooldown = TargetTrackingSimulator.Run(Seeds, Spike);
        var longCooldown = TargetTrackingSimulator.Run(Seeds with { ScaleOutCooldown = TimeSpan.FromMinutes(10) }, Spike);

        shortCooldown.PeakInstances.Should().Be(5, "with 30 s cooldowns the still-high metric is applied to capacity already on its way");
        shortCooldown.Activities.Should().Contain(a => a.Reason.Contains("capped at the maximum"));
        longCooldown.PeakInstances.Should().Be(4, "ceil(400 / 100): exactly enough");
        longCooldown.InstanceHours.Should().BeLessThan(shortCooldown.InstanceHours);
    }

    [Fact]
    public void Overflow_is_counted_while_instances_start_when_a_capacity_is_given()
    {
        var simulation = TargetTrackingSimulator.Run(Seeds, Spike, new ScalingSimulationSettings { InstanceCapacityPerMinute = 150 });

        simulation.Steps[10].OverflowRequests.Should().Be(400 - 150);
        simulation.Steps[5].OverflowRequests.Should().Be(0);
        simulation.OverflowRequests.Should().Be(simulation.Steps.Sum(s => s.OverflowRequests)).And.BeGreaterThan(0);
        simulation.MinutesAboveTarget.Should().BeGreaterThanOrEqualTo(8);
    }

    [Fact]
    public void Disabled_scale_in_keeps_the_capacity_and_steady_traffic_never_scales()
    {
        var noScaleIn = TargetTrackingSimulator.Run(Seeds with { DisableScaleIn = true }, Spike);
        noScaleIn.Activities.Should().OnlyContain(a => a.IsScaleOut);
        noScaleIn.Steps[^1].InServiceInstances.Should().Be(noScaleIn.PeakInstances);

        var steady = TargetTrackingSimulator.Run(Seeds, new TrafficSeries(Enumerable.Repeat(95.0, 240)));
        steady.Activities.Should().BeEmpty("95 per instance is below the target and above 90 % of it");
        steady.InstanceHours.Should().BeApproximately(4, 1e-9);
    }

    [Fact]
    public void Capacity_stays_within_bounds_under_random_traffic()
    {
        var random = new Random(7);
        var traffic = new TrafficSeries(Enumerable.Range(0, 600).Select(_ => random.NextDouble() < 0.1 ? random.Next(0, 2000) : random.Next(0, 300) * 1.0));
        var policy = Seeds with { MinInstances = 2, MaxInstances = 8 };

        var simulation = TargetTrackingSimulator.Run(policy, traffic, new ScalingSimulationSettings { InstanceStartup = TimeSpan.FromMinutes(2) });

        simulation.Steps.Should().HaveCount(600);
        simulation.Steps.Should().OnlyContain(s => s.InServiceInstances >= 2 && s.InServiceInstances <= 8 && s.DesiredInstances >= s.InServiceInstances - 8);
        simulation.Activities.Should().Contain(a => a.IsScaleOut).And.Contain(a => !a.IsScaleOut);
        simulation.Activities.Zip(simulation.Activities.Skip(1)).Where(p => !p.First.IsScaleOut && !p.Second.IsScaleOut)
            .Should().OnlyContain(p => p.Second.Minute - p.First.Minute >= 1, "scale-ins are at least a cooldown apart");
    }

    [Fact]
    public void Request_times_are_bucketed_into_minutes()
    {
        var start = new DateTimeOffset(2024, 6, 1, 8, 0, 30, TimeSpan.Zero);
        var series = TrafficSeries.FromTimestamps([start, start.AddSeconds(10), start.AddMinutes(2), start.AddSeconds(40)]);

        series.Start.Should().Be(new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.Zero));
        series.RequestsPerMinute.Should().Equal(2, 1, 1);
    }

    [Fact]
    public void Bad_inputs_name_what_is_wrong()
    {
        var negative = () => new TrafficSeries([10, -1, 5]);
        negative.Should().Throw<ArgumentException>().Which.Message.Should().Contain("minute 1");
        var notANumber = () => new TrafficSeries([double.NaN]);
        notANumber.Should().Throw<ArgumentException>().Which.Message.Should().Contain("minute 0");
        var inverted = () => TargetTrackingSimulator.Run(Seeds with { MaxInstances = 0 }, Spike);
        inverted.Should().Throw<ArgumentException>().Which.Message.Should().Contain("MaxInstances");
        var outside = () => TargetTrackingSimulator.Run(Seeds, Spike, new ScalingSimulationSettings { InitialInstances = 9 });
        outside.Should().Throw<ArgumentException>().Which.Message.Should().Contain("InitialInstances (9)");
    }
}
