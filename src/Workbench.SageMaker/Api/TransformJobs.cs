namespace Workbench.SageMaker.Api;

public sealed record TransformS3DataSource
{
    /// <summary><c>S3Prefix</c> or <c>ManifestFile</c>.</summary>
    public required string S3DataType { get; init; }

    public required string S3Uri { get; init; }
}

public sealed record TransformDataSource
{
    public required TransformS3DataSource S3DataSource { get; init; }
}

public sealed record TransformInput
{
    public required TransformDataSource DataSource { get; init; }

    public string? ContentType { get; init; }

    public string? CompressionType { get; init; }

    /// <summary><c>None</c>, <c>Line</c>, <c>RecordIO</c> or <c>TFRecord</c>.</summary>
    public string? SplitType { get; init; }
}

public sealed record TransformOutput
{
    /// <summary>Each input object <c>x</c> gives <c>x.out</c> here.</summary>
    public required string S3OutputPath { get; init; }

    public string? Accept { get; init; }

    /// <summary><c>None</c> or <c>Line</c>.</summary>
    public string? AssembleWith { get; init; }

    public string? KmsKeyId { get; init; }
}

public sealed record TransformResources
{
    public required string InstanceType { get; init; }

    public required int InstanceCount { get; init; }

    public string? VolumeKmsKeyId { get; init; }
}

public sealed record DataProcessing
{
    public string? InputFilter { get; init; }

    public string? OutputFilter { get; init; }

    /// <summary><c>Input</c> joins each prediction to its input record; <c>None</c> does not.</summary>
    public string? JoinSource { get; init; }
}

public sealed record CreateTransformJobRequest
{
    public required string TransformJobName { get; init; }

    public required string ModelName { get; init; }

    public int? MaxConcurrentTransforms { get; init; }

    public int? MaxPayloadInMB { get; init; }

    /// <summary><c>MultiRecord</c> or <c>SingleRecord</c>.</summary>
    public string? BatchStrategy { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public required TransformInput TransformInput { get; init; }

    public required TransformOutput TransformOutput { get; init; }

    public required TransformResources TransformResources { get; init; }

    public DataProcessing? DataProcessing { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record CreateTransformJobResponse
{
    public string TransformJobArn { get; init; } = string.Empty;
}

public sealed record DescribeTransformJobRequest
{
    public required string TransformJobName { get; init; }
}

public sealed record DescribeTransformJobResponse
{
    public string TransformJobName { get; init; } = string.Empty;

    public string TransformJobArn { get; init; } = string.Empty;

    /// <summary>One of <see cref="Workbench.SageMaker.Api.TransformJobStatus"/>.</summary>
    public string TransformJobStatus { get; init; } = string.Empty;

    public string? FailureReason { get; init; }

    public string ModelName { get; init; } = string.Empty;

    public int? MaxConcurrentTransforms { get; init; }

    public int? MaxPayloadInMB { get; init; }

    public string? BatchStrategy { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public TransformInput? TransformInput { get; init; }

    public TransformOutput? TransformOutput { get; init; }

    public TransformResources? TransformResources { get; init; }

    public DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset? TransformStartTime { get; init; }

    public DateTimeOffset? TransformEndTime { get; init; }

    public DataProcessing? DataProcessing { get; init; }
}
