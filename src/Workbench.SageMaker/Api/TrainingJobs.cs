namespace Workbench.SageMaker.Api;

/// <summary>The training image (or marketplace algorithm) and how it reads input and reports metrics.</summary>
public sealed record AlgorithmSpecification
{
    public string? TrainingImage { get; init; }

    public string? AlgorithmName { get; init; }

    /// <summary><c>File</c>, <c>Pipe</c> or <c>FastFile</c>.</summary>
    public required string TrainingInputMode { get; init; }

    public IReadOnlyList<MetricDefinition>? MetricDefinitions { get; init; }

    public bool? EnableSageMakerMetricsTimeSeries { get; init; }

    public IReadOnlyList<string>? ContainerEntrypoint { get; init; }

    public IReadOnlyList<string>? ContainerArguments { get; init; }
}

public sealed record CreateTrainingJobRequest
{
    public required string TrainingJobName { get; init; }

    /// <summary>String to string, as SageMaker passes them to <c>/opt/ml/input/config/hyperparameters.json</c>.</summary>
    public IReadOnlyDictionary<string, string>? HyperParameters { get; init; }

    public required AlgorithmSpecification AlgorithmSpecification { get; init; }

    public required string RoleArn { get; init; }

    public IReadOnlyList<Channel>? InputDataConfig { get; init; }

    public required OutputDataConfig OutputDataConfig { get; init; }

    public required ResourceConfig ResourceConfig { get; init; }

    public VpcConfig? VpcConfig { get; init; }

    public required StoppingCondition StoppingCondition { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public bool? EnableNetworkIsolation { get; init; }

    public bool? EnableInterContainerTrafficEncryption { get; init; }

    public bool? EnableManagedSpotTraining { get; init; }

    public CheckpointConfig? CheckpointConfig { get; init; }

    public ExperimentConfig? ExperimentConfig { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public RetryStrategy? RetryStrategy { get; init; }
}

public sealed record CreateTrainingJobResponse
{
    public string TrainingJobArn { get; init; } = string.Empty;
}

public sealed record DescribeTrainingJobRequest
{
    public required string TrainingJobName { get; init; }
}

public sealed record ModelArtifacts
{
    public string S3ModelArtifacts { get; init; } = string.Empty;
}

/// <summary>One step of a training job's detailed status (Starting, Downloading, Training, Uploading, ...).</summary>
public sealed record SecondaryStatusTransition
{
    public string Status { get; init; } = string.Empty;

    public DateTimeOffset StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public string? StatusMessage { get; init; }
}

public sealed record MetricData
{
    public string? MetricName { get; init; }

    public double? Value { get; init; }

    public DateTimeOffset? Timestamp { get; init; }
}

public sealed record DescribeTrainingJobResponse
{
    public string TrainingJobName { get; init; } = string.Empty;

    public string TrainingJobArn { get; init; } = string.Empty;

    public string? TuningJobArn { get; init; }

    public ModelArtifacts? ModelArtifacts { get; init; }

    /// <summary>One of <see cref="Workbench.SageMaker.Api.TrainingJobStatus"/>.</summary>
    public string TrainingJobStatus { get; init; } = string.Empty;

    public string SecondaryStatus { get; init; } = string.Empty;

    public string? FailureReason { get; init; }

    public IReadOnlyDictionary<string, string>? HyperParameters { get; init; }

    public AlgorithmSpecification? AlgorithmSpecification { get; init; }

    public string? RoleArn { get; init; }

    public IReadOnlyList<Channel>? InputDataConfig { get; init; }

    public OutputDataConfig? OutputDataConfig { get; init; }

    public ResourceConfig? ResourceConfig { get; init; }

    public StoppingCondition? StoppingCondition { get; init; }

    public DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset? TrainingStartTime { get; init; }

    public DateTimeOffset? TrainingEndTime { get; init; }

    public DateTimeOffset? LastModifiedTime { get; init; }

    public IReadOnlyList<SecondaryStatusTransition>? SecondaryStatusTransitions { get; init; }

    public IReadOnlyList<MetricData>? FinalMetricDataList { get; init; }

    public bool? EnableManagedSpotTraining { get; init; }

    public CheckpointConfig? CheckpointConfig { get; init; }

    public int? TrainingTimeInSeconds { get; init; }

    public int? BillableTimeInSeconds { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}

public sealed record StopTrainingJobRequest
{
    public required string TrainingJobName { get; init; }
}

public sealed record ListTrainingJobsRequest
{
    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public DateTimeOffset? CreationTimeAfter { get; init; }

    public DateTimeOffset? CreationTimeBefore { get; init; }

    public string? NameContains { get; init; }

    public string? StatusEquals { get; init; }

    /// <summary><c>Name</c>, <c>CreationTime</c> or <c>Status</c>.</summary>
    public string? SortBy { get; init; }

    /// <summary><c>Ascending</c> or <c>Descending</c>.</summary>
    public string? SortOrder { get; init; }
}

public sealed record TrainingJobSummary
{
    public string TrainingJobName { get; init; } = string.Empty;

    public string TrainingJobArn { get; init; } = string.Empty;

    public DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset? TrainingEndTime { get; init; }

    public DateTimeOffset? LastModifiedTime { get; init; }

    public string TrainingJobStatus { get; init; } = string.Empty;

    public string? SecondaryStatus { get; init; }
}

public sealed record ListTrainingJobsResponse
{
    public IReadOnlyList<TrainingJobSummary> TrainingJobSummaries { get; init; } = [];

    public string? NextToken { get; init; }
}
