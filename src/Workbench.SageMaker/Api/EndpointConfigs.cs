namespace Workbench.SageMaker.Api;

/// <summary>Serverless inference: memory (1024..6144 MB in 1 GB steps) and maximum concurrency.</summary>
public sealed record ProductionVariantServerlessConfig
{
    public required int MemorySizeInMB { get; init; }

    public required int MaxConcurrency { get; init; }

    public int? ProvisionedConcurrency { get; init; }
}

/// <summary>A model behind an endpoint with its share of traffic (weight) and its instances.</summary>
public sealed record ProductionVariant
{
    public required string VariantName { get; init; }

    public string? ModelName { get; init; }

    public int? InitialInstanceCount { get; init; }

    public string? InstanceType { get; init; }

    /// <summary>Relative weight; a variant's share of traffic is its weight over the sum of weights.</summary>
    public double? InitialVariantWeight { get; init; }

    public ProductionVariantServerlessConfig? ServerlessConfig { get; init; }

    public int? VolumeSizeInGB { get; init; }

    public int? ModelDataDownloadTimeoutInSeconds { get; init; }

    public int? ContainerStartupHealthCheckTimeoutInSeconds { get; init; }
}

public sealed record CaptureOption
{
    /// <summary><c>Input</c>, <c>Output</c> or <c>InputAndOutput</c>.</summary>
    public required string CaptureMode { get; init; }
}

public sealed record CaptureContentTypeHeader
{
    public IReadOnlyList<string>? CsvContentTypes { get; init; }

    public IReadOnlyList<string>? JsonContentTypes { get; init; }
}

/// <summary>Endpoint data capture (the input to Model Monitor): a sample of requests and responses to S3.</summary>
public sealed record DataCaptureConfig
{
    public bool? EnableCapture { get; init; }

    public required int InitialSamplingPercentage { get; init; }

    public required string DestinationS3Uri { get; init; }

    public string? KmsKeyId { get; init; }

    public required IReadOnlyList<CaptureOption> CaptureOptions { get; init; }

    public CaptureContentTypeHeader? CaptureContentTypeHeader { get; init; }
}

public sealed record CreateEndpointConfigRequest
{
    public required string EndpointConfigName { get; init; }

    public required IReadOnlyList<ProductionVariant> ProductionVariants { get; init; }

    public DataCaptureConfig? DataCaptureConfig { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public string? KmsKeyId { get; init; }
}

public sealed record CreateEndpointConfigResponse
{
    public string EndpointConfigArn { get; init; } = string.Empty;
}

public sealed record DescribeEndpointConfigRequest
{
    public required string EndpointConfigName { get; init; }
}

public sealed record DescribeEndpointConfigResponse
{
    public string EndpointConfigName { get; init; } = string.Empty;

    public string EndpointConfigArn { get; init; } = string.Empty;

    public IReadOnlyList<ProductionVariant> ProductionVariants { get; init; } = [];

    public DataCaptureConfig? DataCaptureConfig { get; init; }

    public string? KmsKeyId { get; init; }

    public DateTimeOffset CreationTime { get; init; }
}

public sealed record DeleteEndpointConfigRequest
{
    public required string EndpointConfigName { get; init; }
}
