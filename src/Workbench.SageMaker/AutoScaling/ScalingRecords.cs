namespace Workbench.SageMaker.AutoScaling;

/// <summary>Makes a resource scalable between a minimum and a maximum capacity.</summary>
public sealed record RegisterScalableTargetRequest
{
    /// <summary><c>sagemaker</c> for endpoint variants.</summary>
    public required string ServiceNamespace { get; init; }

    /// <summary>For a SageMaker variant: <c>endpoint/&lt;endpoint&gt;/variant/&lt;variant&gt;</c>.</summary>
    public required string ResourceId { get; init; }

    /// <summary>For a SageMaker variant: <c>sagemaker:variant:DesiredInstanceCount</c>.</summary>
    public required string ScalableDimension { get; init; }

    public int? MinCapacity { get; init; }

    public int? MaxCapacity { get; init; }

    public string? RoleARN { get; init; }

    public SuspendedState? SuspendedState { get; init; }
}

public sealed record SuspendedState
{
    public bool? DynamicScalingInSuspended { get; init; }

    public bool? DynamicScalingOutSuspended { get; init; }

    public bool? ScheduledScalingSuspended { get; init; }
}

public sealed record RegisterScalableTargetResponse
{
    public string? ScalableTargetARN { get; init; }
}

public sealed record PredefinedMetricSpecification
{
    /// <summary>For SageMaker variants: <c>SageMakerVariantInvocationsPerInstance</c>.</summary>
    public required string PredefinedMetricType { get; init; }

    public string? ResourceLabel { get; init; }
}

/// <summary>Keeps a metric near <see cref="TargetValue"/> by adding and removing capacity.</summary>
public sealed record TargetTrackingScalingPolicyConfiguration
{
    /// <summary>For <c>SageMakerVariantInvocationsPerInstance</c>: invocations per instance per minute.</summary>
    public required double TargetValue { get; init; }

    public PredefinedMetricSpecification? PredefinedMetricSpecification { get; init; }

    /// <summary>Seconds after a scale-out before another scale-out.</summary>
    public int? ScaleOutCooldown { get; init; }

    /// <summary>Seconds after a scaling activity before a scale-in.</summary>
    public int? ScaleInCooldown { get; init; }

    public bool? DisableScaleIn { get; init; }
}

public sealed record PutScalingPolicyRequest
{
    public required string PolicyName { get; init; }

    public required string ServiceNamespace { get; init; }

    public required string ResourceId { get; init; }

    public required string ScalableDimension { get; init; }

    /// <summary><c>TargetTrackingScaling</c> or <c>StepScaling</c>.</summary>
    public string? PolicyType { get; init; }

    public TargetTrackingScalingPolicyConfiguration? TargetTrackingScalingPolicyConfiguration { get; init; }
}

public sealed record ScalingAlarm
{
    public string AlarmName { get; init; } = string.Empty;

    public string AlarmARN { get; init; } = string.Empty;
}

public sealed record PutScalingPolicyResponse
{
    public string PolicyARN { get; init; } = string.Empty;

    /// <summary>The CloudWatch alarms target tracking created (one to scale out, one to scale in).</summary>
    public IReadOnlyList<ScalingAlarm>? Alarms { get; init; }
}

public sealed record DeleteScalingPolicyRequest
{
    public required string PolicyName { get; init; }

    public required string ServiceNamespace { get; init; }

    public required string ResourceId { get; init; }

    public required string ScalableDimension { get; init; }
}

public sealed record DeregisterScalableTargetRequest
{
    public required string ServiceNamespace { get; init; }

    public required string ResourceId { get; init; }

    public required string ScalableDimension { get; init; }
}
