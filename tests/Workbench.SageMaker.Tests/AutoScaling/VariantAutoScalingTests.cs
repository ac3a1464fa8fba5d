using System.Text.Json.Nodes;
using Workbench.Costs;
using Workbench.SageMaker.AutoScaling;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.ServiceModels;
using Workbench.SageMaker.Tests.Fake;

namespace Workbench.SageMaker.Tests.AutoScaling;

public sealed class VariantAutoScalingTests
{
    private static readonly TargetTrackingPolicy SeedPolicy = new()
    {
        MinInstances = 1,
        MaxInstances = 5,
        TargetInvocationsPerInstance = 100,
        ScaleInCooldown = TimeSpan.FromSeconds(30),
        ScaleOutCooldown = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void The_policy_sent_is_target_tracking_on_invocations_per_instance_and_valid_for_the_model()
    {
        using var client = new ApplicationAutoScalingClient(new AwsClientOptions { Region = "eu-west-1", Environment = TestClients.EmptyEnvironment() });

        var target = JsonNode.Parse(client.PreviewRequest("RegisterScalableTarget", VariantAutoScaling.ScalableTarget("readmission", "challenger", SeedPolicy)))!;
        var policy = JsonNode.Parse(client.PreviewRequest("PutScalingPolicy", VariantAutoScaling.ScalingPolicy("readmission", "challenger", SeedPolicy)))!;

        target.ToJsonString().Should().Be(
            """{"ServiceNamespace":"sagemaker","ResourceId":"endpoint/readmission/variant/challenger","ScalableDimension":"sagemaker:variant:DesiredInstanceCount","MinCapacity":1,"MaxCapacity":5}""");
        policy["PolicyType"]!.GetValue<string>().Should().Be("TargetTrackingScaling");
        policy["TargetTrackingScalingPolicyConfiguration"]!.ToJsonString().Should().Be(
            """{"TargetValue":100,"PredefinedMetricSpecification":{"PredefinedMetricType":"SageMakerVariantInvocationsPerInstance"},"ScaleOutCooldown":30,"ScaleInCooldown":30}""");
        new ShapeValidator(BundledModels.ApplicationAutoScaling).ValidateInput("PutScalingPolicy", policy).Should().BeEmpty();
    }

    [Fact]
    public void Disabling_scale_in_is_sent_and_a_nonsensical_policy_is_refused_by_name()
    {
        var policy = VariantAutoScaling.ScalingPolicy("ep", "a", SeedPolicy with { DisableScaleIn = true });
        policy.TargetTrackingScalingPolicyConfiguration!.DisableScaleIn.Should().BeTrue();

        var inverted = () => VariantAutoScaling.ScalableTarget("ep", "a", SeedPolicy with { MinInstances = 6 });
        inverted.Should().Throw<ArgumentException>().Which.Message.Should().Contain("MaxInstances (5) must be at least MinInstances (6)");
        var zeroTarget = () => VariantAutoScaling.ScalingPolicy("ep", "a", SeedPolicy with { TargetInvocationsPerInstance = 0 });
        zeroTarget.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("TargetInvocationsPerInstance");
    }

    [Fact]
    public async Task A_policy_on_an_unregistered_variant_is_refused_by_the_service()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var client = new ApplicationAutoScalingClient(TestClients.Options(fake));

        var call = () => client.PutScalingPolicyAsync(VariantAutoScaling.ScalingPolicy("ep", "a", SeedPolicy));

        (await call.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("ObjectNotFoundException");
    }
}
