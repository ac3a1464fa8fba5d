namespace Workbench.SageMaker.Api;

// Shapes several SageMaker operations share. Member names are the service model's, so they serialise as-is;
// the botocore model (not these types) is the authority on what is valid, and is checked before sending.

/// <summary>A resource tag.</summary>
public sealed record Tag
{
    public required string Key { get; init; }

    public required string Value { get; init; }
}

/// <summary>Where training or transform input lives in S3.</summary>
public sealed record S3DataSource
{
    /// <summary><c>S3Prefix</c>, <c>ManifestFile</c> or <c>AugmentedManifestFile</c>.</summary>
    public required string S3DataType { get; init; }

    public required string S3Uri { get; init; }

    /// <summary><c>FullyReplicated</c> or <c>ShardedByS3Key</c>.</summary>
    public string? S3DataDistributionType { get; init; }

    public IReadOnlyList<string>? AttributeNames { get; init; }
}

public sealed record DataSource
{
    public S3DataSource? S3DataSource { get; init; }
}

public sealed record ShuffleConfig
{
    public required long Seed { get; init; }
}

/// <summary>A named input channel of a training job, mounted at <c>/opt/ml/input/data/&lt;ChannelName&gt;</c>.</summary>
public sealed record Channel
{
    public required string ChannelName { get; init; }

    public required DataSource DataSource { get; init; }

    public string? ContentType { get; init; }

    /// <summary><c>None</c> or <c>Gzip</c>.</summary>
    public string? CompressionType { get; init; }

    public string? RecordWrapperType { get; init; }

    /// <summary><c>File</c>, <c>Pipe</c> or <c>FastFile</c>.</summary>
    public string? InputMode { get; init; }

    public ShuffleConfig? ShuffleConfig { get; init; }

    /// <summary>A channel over every object under an S3 prefix, copied in full to each instance.</summary>
    public static Channel FromS3Prefix(string channelName, string s3Uri, string? contentType = null) => new()
    {
        ChannelName = channelName,
        ContentType = contentType,
        DataSource = new DataSource
        {
            S3DataSource = new S3DataSource { S3DataType = "S3Prefix", S3Uri = s3Uri, S3DataDistributionType = "FullyReplicated" },
        },
    };
}

public sealed record OutputDataConfig
{
    public required string S3OutputPath { get; init; }

    public string? KmsKeyId { get; init; }

    /// <summary><c>GZIP</c> or <c>NONE</c>.</summary>
    public string? CompressionType { get; init; }
}

/// <summary>The instances a training job runs on.</summary>
public sealed record ResourceConfig
{
    public string? InstanceType { get; init; }

    public int? InstanceCount { get; init; }

    public int? VolumeSizeInGB { get; init; }

    public string? VolumeKmsKeyId { get; init; }

    /// <summary>Keeps the instances warm this long after the job for the next one (warm pools).</summary>
    public int? KeepAlivePeriodInSeconds { get; init; }
}

public sealed record StoppingCondition
{
    public int? MaxRuntimeInSeconds { get; init; }

    /// <summary>For managed spot training: the limit on runtime plus time waiting for spot capacity.</summary>
    public int? MaxWaitTimeInSeconds { get; init; }
}

public sealed record VpcConfig
{
    public required IReadOnlyList<string> SecurityGroupIds { get; init; }

    public required IReadOnlyList<string> Subnets { get; init; }
}

/// <summary>A metric SageMaker reads from the training logs with <see cref="Regex"/> (first capture group is the value).</summary>
public sealed record MetricDefinition
{
    public required string Name { get; init; }

    public required string Regex { get; init; }
}

/// <summary>Where checkpoints are synced: <c>LocalPath</c> (default <c>/opt/ml/checkpoints</c>) to and from S3.</summary>
public sealed record CheckpointConfig
{
    public required string S3Uri { get; init; }

    public string? LocalPath { get; init; }
}

public sealed record RetryStrategy
{
    public required int MaximumRetryAttempts { get; init; }
}

/// <summary>Links a job to a SageMaker Experiments run.</summary>
public sealed record ExperimentConfig
{
    public string? ExperimentName { get; init; }

    public string? TrialName { get; init; }

    public string? TrialComponentDisplayName { get; init; }

    public string? RunName { get; init; }
}
