namespace Workbench.SageMaker.Api;

public sealed record CreateEndpointRequest
{
    public required string EndpointName { get; init; }

    public required string EndpointConfigName { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record CreateEndpointResponse
{
    public string EndpointArn { get; init; } = string.Empty;
}

public sealed record DescribeEndpointRequest
{
    public required string EndpointName { get; init; }
}

/// <summary>A variant as it runs: current and desired weight and instance count.</summary>
public sealed record ProductionVariantSummary
{
    public string VariantName { get; init; } = string.Empty;

    public double? CurrentWeight { get; init; }

    public double? DesiredWeight { get; init; }

    public int? CurrentInstanceCount { get; init; }

    public int? DesiredInstanceCount { get; init; }

    public ProductionVariantServerlessConfig? CurrentServerlessConfig { get; init; }

    public ProductionVariantServerlessConfig? DesiredServerlessConfig { get; init; }
}

public sealed record DataCaptureConfigSummary
{
    public bool EnableCapture { get; init; }

    public string? CaptureStatus { get; init; }

    public int CurrentSamplingPercentage { get; init; }

    public string? DestinationS3Uri { get; init; }

    public string? KmsKeyId { get; init; }
}

public sealed record DescribeEndpointResponse
{
    public string EndpointName { get; init; } = string.Empty;

    public string EndpointArn { get; init; } = string.Empty;

    public string? EndpointConfigName { get; init; }

    public IReadOnlyList<ProductionVariantSummary>? ProductionVariants { get; init; }

    public DataCaptureConfigSummary? DataCaptureConfig { get; init; }

    /// <summary>One of <see cref="Workbench.SageMaker.Api.EndpointStatus"/>.</summary>
    public string EndpointStatus { get; init; } = string.Empty;

    public string? FailureReason { get; init; }

    public DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset LastModifiedTime { get; init; }
}

public sealed record UpdateEndpointRequest
{
    public required string EndpointName { get; init; }

    public required string EndpointConfigName { get; init; }

    /// <summary>Keeps the weights and instance counts the variants run with now (e.g. set by autoscaling).</summary>
    public bool? RetainAllVariantProperties { get; init; }
}

public sealed record UpdateEndpointResponse
{
    public string EndpointArn { get; init; } = string.Empty;
}

public sealed record DeleteEndpointRequest
{
    public required string EndpointName { get; init; }
}

public sealed record DesiredWeightAndCapacity
{
    public required string VariantName { get; init; }

    public double? DesiredWeight { get; init; }

    public int? DesiredInstanceCount { get; init; }
}

/// <summary>Shifts traffic between variants (canary, A/B) or resizes them without a new endpoint config.</summary>
public sealed record UpdateEndpointWeightsAndCapacitiesRequest
{
    public required string EndpointName { get; init; }

    public required IReadOnlyList<DesiredWeightAndCapacity> DesiredWeightsAndCapacities { get; init; }
}

public sealed record UpdateEndpointWeightsAndCapacitiesResponse
{
    public string EndpointArn { get; init; } = string.Empty;
}
