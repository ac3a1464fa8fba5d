namespace Workbench.SageMaker.Api;

public sealed record CreateModelPackageGroupRequest
{
    public required string ModelPackageGroupName { get; init; }

    public string? ModelPackageGroupDescription { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record CreateModelPackageGroupResponse
{
    public string ModelPackageGroupArn { get; init; } = string.Empty;
}

public sealed record ModelPackageContainerDefinition
{
    public string? ContainerHostname { get; init; }

    public string? Image { get; init; }

    public string? ImageDigest { get; init; }

    public string? ModelDataUrl { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public string? Framework { get; init; }

    public string? FrameworkVersion { get; init; }
}

/// <summary>How a registered model is served: containers and the content types and instances it supports.</summary>
public sealed record InferenceSpecification
{
    public required IReadOnlyList<ModelPackageContainerDefinition> Containers { get; init; }

    public IReadOnlyList<string>? SupportedTransformInstanceTypes { get; init; }

    public IReadOnlyList<string>? SupportedRealtimeInferenceInstanceTypes { get; init; }

    public IReadOnlyList<string>? SupportedContentTypes { get; init; }

    public IReadOnlyList<string>? SupportedResponseMIMETypes { get; init; }
}

public sealed record MetricsSource
{
    public required string ContentType { get; init; }

    public string? ContentDigest { get; init; }

    public required string S3Uri { get; init; }
}

public sealed record ModelQuality
{
    public MetricsSource? Statistics { get; init; }

    public MetricsSource? Constraints { get; init; }
}

public sealed record ModelMetrics
{
    public ModelQuality? ModelQuality { get; init; }
}

public sealed record MetadataProperties
{
    public string? CommitId { get; init; }

    public string? Repository { get; init; }

    public string? GeneratedBy { get; init; }

    public string? ProjectId { get; init; }
}

/// <summary>Registers a model version in a model package group, with its approval status.</summary>
public sealed record CreateModelPackageRequest
{
    public string? ModelPackageName { get; init; }

    public string? ModelPackageGroupName { get; init; }

    public string? ModelPackageDescription { get; init; }

    public InferenceSpecification? InferenceSpecification { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>One of <see cref="Workbench.SageMaker.Api.ModelApprovalStatus"/>; new versions default to pending.</summary>
    public string? ModelApprovalStatus { get; init; }

    public MetadataProperties? MetadataProperties { get; init; }

    public ModelMetrics? ModelMetrics { get; init; }

    /// <summary>Filled with a fresh token when left empty, so a retried create does not register twice.</summary>
    public string? ClientToken { get; init; }

    public string? Domain { get; init; }

    public string? Task { get; init; }

    public string? SamplePayloadUrl { get; init; }

    public IReadOnlyDictionary<string, string>? CustomerMetadataProperties { get; init; }
}

public sealed record CreateModelPackageResponse
{
    public string ModelPackageArn { get; init; } = string.Empty;
}

public sealed record DescribeModelPackageRequest
{
    /// <summary>The package's name, ARN, or a versioned <c>group/version</c>.</summary>
    public required string ModelPackageName { get; init; }
}

public sealed record ModelPackageStatusItem
{
    public string Name { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public string? FailureReason { get; init; }
}

public sealed record ModelPackageStatusDetails
{
    public IReadOnlyList<ModelPackageStatusItem> ValidationStatuses { get; init; } = [];

    public IReadOnlyList<ModelPackageStatusItem>? ImageScanStatuses { get; init; }
}

public sealed record DescribeModelPackageResponse
{
    public string ModelPackageName { get; init; } = string.Empty;

    public string? ModelPackageGroupName { get; init; }

    public int? ModelPackageVersion { get; init; }

    public string ModelPackageArn { get; init; } = string.Empty;

    public string? ModelPackageDescription { get; init; }

    public DateTimeOffset CreationTime { get; init; }

    public InferenceSpecification? InferenceSpecification { get; init; }

    public string ModelPackageStatus { get; init; } = string.Empty;

    public ModelPackageStatusDetails? ModelPackageStatusDetails { get; init; }

    public string? ModelApprovalStatus { get; init; }

    public MetadataProperties? MetadataProperties { get; init; }

    public ModelMetrics? ModelMetrics { get; init; }

    public DateTimeOffset? LastModifiedTime { get; init; }

    public string? ApprovalDescription { get; init; }

    public IReadOnlyDictionary<string, string>? CustomerMetadataProperties { get; init; }
}

/// <summary>Approves or rejects a model version (the gate a deployment pipeline waits on).</summary>
public sealed record UpdateModelPackageRequest
{
    public required string ModelPackageArn { get; init; }

    public string? ModelApprovalStatus { get; init; }

    public string? ApprovalDescription { get; init; }

    public IReadOnlyDictionary<string, string>? CustomerMetadataProperties { get; init; }

    public IReadOnlyList<string>? CustomerMetadataPropertiesToRemove { get; init; }
}

public sealed record UpdateModelPackageResponse
{
    public string ModelPackageArn { get; init; } = string.Empty;
}

public sealed record ListModelPackagesRequest
{
    public DateTimeOffset? CreationTimeAfter { get; init; }

    public DateTimeOffset? CreationTimeBefore { get; init; }

    public int? MaxResults { get; init; }

    public string? NameContains { get; init; }

    public string? ModelApprovalStatus { get; init; }

    public string? ModelPackageGroupName { get; init; }

    /// <summary><c>Versioned</c>, <c>Unversioned</c> or <c>Both</c>.</summary>
    public string? ModelPackageType { get; init; }

    public string? NextToken { get; init; }

    public string? SortBy { get; init; }

    public string? SortOrder { get; init; }
}

public sealed record ModelPackageSummary
{
    public string? ModelPackageName { get; init; }

    public string? ModelPackageGroupName { get; init; }

    public int? ModelPackageVersion { get; init; }

    public string ModelPackageArn { get; init; } = string.Empty;

    public string? ModelPackageDescription { get; init; }

    public DateTimeOffset CreationTime { get; init; }

    public string ModelPackageStatus { get; init; } = string.Empty;

    public string? ModelApprovalStatus { get; init; }
}

public sealed record ListModelPackagesResponse
{
    public IReadOnlyList<ModelPackageSummary> ModelPackageSummaryList { get; init; } = [];

    public string? NextToken { get; init; }
}
