using Workbench.Costs;

namespace Workbench.SageMaker.AutoScaling;

/// <summary>
/// Turns a <see cref="TargetTrackingPolicy"/> into the two Application Auto Scaling calls that apply it to an
/// endpoint variant: the scalable target (min / max instances) and the target-tracking policy on
/// <c>SageMakerVariantInvocationsPerInstance</c> with its cooldowns.
/// </summary>
public static class VariantAutoScaling
{
    public const string ServiceNamespace = "sagemaker";
    public const string ScalableDimension = "sagemaker:variant:DesiredInstanceCount";
    public const string MetricType = "SageMakerVariantInvocationsPerInstance";

    /// <summary><c>endpoint/&lt;endpoint&gt;/variant/&lt;variant&gt;</c>, the resource id Application Auto Scaling uses.</summary>
    public static string ResourceId(string endpointName, string variantName) => $"endpoint/{endpointName}/variant/{variantName}";

    public static RegisterScalableTargetRequest ScalableTarget(string endpointName, string variantName, TargetTrackingPolicy policy)
    {
        policy.Validate();
        return new RegisterScalableTargetRequest
        {
            ServiceNamespace = ServiceNamespace,
            ResourceId = ResourceId(endpointName, variantName),
            ScalableDimension = ScalableDimension,
            MinCapacity = policy.MinInstances,
            MaxCapacity = policy.MaxInstances,
        };
    }

    public static PutScalingPolicyRequest ScalingPolicy(string endpointName, string variantName, TargetTrackingPolicy policy, string? policyName = null)
    {
        policy.Validate();
        return new PutScalingPolicyRequest
        {
            PolicyName = policyName ?? $"{endpointName}-{variantName}-invocations-per-instance",
            ServiceNamespace = ServiceNamespace,
            ResourceId = ResourceId(endpointName, variantName),
            ScalableDimension = ScalableDimension,
            PolicyType = "TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
            {
                TargetValue = policy.TargetInvocationsPerInstance,
                PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = MetricType },
                ScaleOutCooldown = (int)Math.Round(policy.ScaleOutCooldown.TotalSeconds),
                ScaleInCooldown = (int)Math.Round(policy.ScaleInCooldown.TotalSeconds),
                DisableScaleIn = policy.DisableScaleIn ? true : null,
            },
        };
    }

    /// <summary>Registers the variant as scalable, then puts the policy on it.</summary>
    public static async Task<PutScalingPolicyResponse> ApplyAsync(
        IApplicationAutoScalingApi autoScaling,
        string endpointName,
        string variantName,
        TargetTrackingPolicy policy,
        string? policyName = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(autoScaling);
        await autoScaling.RegisterScalableTargetAsync(ScalableTarget(endpointName, variantName, policy), cancellationToken).ConfigureAwait(false);
        return await autoScaling.PutScalingPolicyAsync(ScalingPolicy(endpointName, variantName, policy, policyName), cancellationToken).ConfigureAwait(false);
    }
}
