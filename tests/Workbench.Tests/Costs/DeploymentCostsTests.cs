using Workbench.Costs;

namespace Workbench.Tests.Costs;

public sealed class DeploymentCostsTests
{
    private static readonly InferenceTraffic WorkedExample = new() { RequestsPerMonth = 1_000_000, AverageDuration = TimeSpan.FromMilliseconds(500) };

    [Fact]
    public void The_architecture_notes_worked_example_reproduces_exactly()
    {
        // 1,000,000 requests x 500 ms x 2 GB on Lambda, 2 GB of ephemeral storage, no free tier.
        var estimate = DeploymentCosts.Lambda(WorkedExample, new LambdaDeployment { MemoryMB = 2048, EphemeralStorageMB = 2048 });

        estimate.Line("compute").Quantity.Should().Be(1_000_000);
        estimate.Line("compute").Amount.Should().BeApproximately(16.6667, 1e-9);
        estimate.Line("requests").Amount.Should().BeApproximately(0.20, 1e-12);
        estimate.Line("ephemeral storage").Quantity.Should().Be(750_000);
        estimate.Line("ephemeral storage").Amount.Should().BeApproximately(0.0264, 1e-12);
        estimate.Lines.Select(l => l.Display).Should().Equal("16.67", "0.20", "0.0264");
        estimate.BilledTotal.Should().Be(16.90m);
        estimate.Total.Should().BeApproximately(16.8931, 1e-9);
        estimate.ToString().Should().Be("Lambda (us-east-1): 16.67 compute + 0.20 requests + 0.0264 ephemeral storage = 16.90 USD/month");
    }

    [Fact]
    public void The_free_tier_is_subtracted_only_when_asked()
    {
        var estimate = DeploymentCosts.Lambda(WorkedExample, new LambdaDeployment { MemoryMB = 2048, ApplyFreeTier = true });

        estimate.Line("compute").Quantity.Should().Be(600_000);
        estimate.Line("compute").Amount.Should().BeApproximately(600_000 * 0.0000166667, 1e-9);
        estimate.Line("requests").Amount.Should().Be(0);
        estimate.Lines.Should().NotContain(l => l.Item == "ephemeral storage", "512 MB of storage is included");
        estimate.Assumptions.Should().Contain(a => a.Contains("free tier subtracted"));
    }

    [Fact]
    public void Lambda_compute_walks_the_monthly_tiers_and_prices_arm_separately()
    {
        var traffic = new InferenceTraffic { RequestsPerMonth = 10_000_000_000, AverageDuration = TimeSpan.FromSeconds(1) };

        var x86 = DeploymentCosts.Lambda(traffic, new LambdaDeployment { MemoryMB = 1024 }).Line("compute").Amount;
        var arm = DeploymentCosts.Lambda(traffic, new LambdaDeployment { MemoryMB = 1024, Architecture = "arm64" }).Line("compute").Amount;

        x86.Should().BeApproximately((6e9 * 0.0000166667) + (4e9 * 0.000015), 1e-3);
        arm.Should().BeApproximately((7.5e9 * 0.0000133334) + (2.5e9 * 0.0000120001), 1e-3);
    }

    [Fact]
    public void Serverless_inference_and_real_time_instances_are_priced_from_the_table()
    {
        var traffic = WorkedExample with { AverageRequestKB = 2, AverageResponseKB = 0.5 };

        var serverless = DeploymentCosts.ServerlessInference(traffic, new ServerlessInferenceDeployment { MemoryMB = 2048 });
        var realTime = DeploymentCosts.RealTime(traffic, new RealTimeDeployment { InstanceType = "ml.m5.large", InstanceCount = 2 });

        serverless.Line("compute").Amount.Should().BeApproximately(1_000_000 * 0.5 * 2 * 0.00002, 1e-9);
        serverless.Line("data processing").Quantity.Should().BeApproximately(1_000_000 * 2.5 / 1024 / 1024, 1e-9);
        realTime.Line("instances").Should().Match<CostLine>(l => l.Quantity == 1460 && Math.Abs(l.Amount - (1460 * 0.115)) < 1e-9);
        realTime.BilledTotal.Should().Be(167.9m + Math.Round((decimal)(1_000_000 * 2.5 / 1024 / 1024 * 0.016), 2));
    }

    [Fact]
    public void Comparison_names_the_cheapest_option()
    {
        var comparison = DeploymentCosts.Compare(
            WorkedExample,
            new LambdaDeployment { MemoryMB = 2048, EphemeralStorageMB = 2048 },
            new ServerlessInferenceDeployment { MemoryMB = 2048 },
            new RealTimeDeployment { InstanceType = "ml.t2.medium" });

        comparison.Estimates.Select(e => e.Option).Should().Equal("Lambda", "SageMaker serverless", "SageMaker real-time (ml.t2.medium)");
        comparison.Cheapest.Option.Should().Be("Lambda");
        var busy = DeploymentCosts.Compare(WorkedExample with { RequestsPerMonth = 50_000_000 }, new LambdaDeployment { MemoryMB = 2048 }, realTime: new RealTimeDeployment { InstanceType = "ml.m5.xlarge", InstanceCount = 2 });
        busy.Cheapest.Option.Should().StartWith("SageMaker real-time", "always-on instances win at high volume");
    }

    [Theory]
    [InlineData(64, 512, "x86_64", "LambdaDeployment.MemoryMB")]
    [InlineData(2048, 100, "x86_64", "LambdaDeployment.EphemeralStorageMB")]
    [InlineData(2048, 512, "sparc", "LambdaDeployment.Architecture")]
    public void Impossible_Lambda_settings_are_refused_naming_the_field(int memory, int storage, string architecture, string field)
    {
        var estimate = () => DeploymentCosts.Lambda(WorkedExample, new LambdaDeployment { MemoryMB = memory, EphemeralStorageMB = storage, Architecture = architecture });

        estimate.Should().Throw<ArgumentException>().Which.Message.Should().StartWith(field);
    }

    [Fact]
    public void Bad_traffic_and_unpriced_choices_are_refused_with_what_to_do()
    {
        var negative = () => DeploymentCosts.Lambda(WorkedExample with { RequestsPerMonth = -1 }, new LambdaDeployment { MemoryMB = 1024 });
        negative.Should().Throw<ArgumentException>().Which.Message.Should().Contain("RequestsPerMonth");
        var serverless = () => DeploymentCosts.ServerlessInference(WorkedExample, new ServerlessInferenceDeployment { MemoryMB = 1500 });
        serverless.Should().Throw<ArgumentException>().Which.Message.Should().Contain("1024, 2048");
        var region = () => DeploymentCosts.Lambda(WorkedExample, new LambdaDeployment { MemoryMB = 1024, Region = "eu-west-1" });
        region.Should().Throw<KeyNotFoundException>().Which.Message.Should().Contain("eu-west-1").And.Contain("us-east-1").And.Contain("PriceTable.Save");
        var instance = () => DeploymentCosts.RealTime(WorkedExample, new RealTimeDeployment { InstanceType = "ml.p5.48xlarge" });
        instance.Should().Throw<KeyNotFoundException>().Which.Message.Should().Contain("ml.m5.large");
    }

    [Fact]
    public void A_simulated_autoscaling_run_sizes_a_real_time_deployment()
    {
        var policy = new TargetTrackingPolicy { MinInstances = 1, MaxInstances = 4, TargetInvocationsPerInstance = 100 };
        var simulation = TargetTrackingSimulator.Run(policy, new TrafficSeries(Enumerable.Repeat(50.0, 120)));

        var deployment = RealTimeDeployment.FromSimulation("ml.m5.large", simulation);

        deployment.InstanceCount.Should().Be(1);
        DeploymentCosts.RealTime(WorkedExample, deployment).Line("instances").Amount.Should().BeApproximately(730 * 0.115, 1e-9);
    }
}
