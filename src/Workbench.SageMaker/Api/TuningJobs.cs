namespace Workbench.SageMaker.Api;

public sealed record HyperParameterTuningJobObjective
{
    /// <summary><c>Maximize</c> or <c>Minimize</c>.</summary>
    public required string Type { get; init; }

    public required string MetricName { get; init; }
}

public sealed record ResourceLimits
{
    public int? MaxNumberOfTrainingJobs { get; init; }

    public required int MaxParallelTrainingJobs { get; init; }

    public int? MaxRuntimeInSeconds { get; init; }
}

/// <summary>Integer or continuous range; bounds are strings, as the service takes them.</summary>
public sealed record ParameterRange
{
    public required string Name { get; init; }

    public required string MinValue { get; init; }

    public required string MaxValue { get; init; }

    /// <summary><c>Auto</c>, <c>Linear</c>, <c>Logarithmic</c> or <c>ReverseLogarithmic</c>.</summary>
    public string? ScalingType { get; init; }
}

public sealed record CategoricalParameterRange
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Values { get; init; }
}

public sealed record ParameterRanges
{
    public IReadOnlyList<ParameterRange>? IntegerParameterRanges { get; init; }

    public IReadOnlyList<ParameterRange>? ContinuousParameterRanges { get; init; }

    public IReadOnlyList<CategoricalParameterRange>? CategoricalParameterRanges { get; init; }
}

public sealed record HyperbandStrategyConfig
{
    public int? MinResource { get; init; }

    public int? MaxResource { get; init; }
}

public sealed record HyperParameterTuningJobStrategyConfig
{
    public HyperbandStrategyConfig? HyperbandStrategyConfig { get; init; }
}

public sealed record HyperParameterTuningJobConfig
{
    /// <summary><c>Bayesian</c>, <c>Random</c>, <c>Hyperband</c> or <c>Grid</c>.</summary>
    public required string Strategy { get; init; }

    public HyperParameterTuningJobStrategyConfig? StrategyConfig { get; init; }

    public HyperParameterTuningJobObjective? HyperParameterTuningJobObjective { get; init; }

    public required ResourceLimits ResourceLimits { get; init; }

    public ParameterRanges? ParameterRanges { get; init; }

    /// <summary><c>Off</c> or <c>Auto</c>.</summary>
    public string? TrainingJobEarlyStoppingType { get; init; }

    public int? RandomSeed { get; init; }
}

public sealed record HyperParameterAlgorithmSpecification
{
    public string? TrainingImage { get; init; }

    public required string TrainingInputMode { get; init; }

    public string? AlgorithmName { get; init; }

    public IReadOnlyList<MetricDefinition>? MetricDefinitions { get; init; }
}

public sealed record HyperParameterTrainingJobDefinition
{
    public string? DefinitionName { get; init; }

    public IReadOnlyDictionary<string, string>? StaticHyperParameters { get; init; }

    public required HyperParameterAlgorithmSpecification AlgorithmSpecification { get; init; }

    public required string RoleArn { get; init; }

    public IReadOnlyList<Channel>? InputDataConfig { get; init; }

    public VpcConfig? VpcConfig { get; init; }

    public required OutputDataConfig OutputDataConfig { get; init; }

    public ResourceConfig? ResourceConfig { get; init; }

    public required StoppingCondition StoppingCondition { get; init; }

    public bool? EnableManagedSpotTraining { get; init; }

    public CheckpointConfig? CheckpointConfig { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}

public sealed record CreateHyperParameterTuningJobRequest
{
    public required string HyperParameterTuningJobName { get; init; }

    public required HyperParameterTuningJobConfig HyperParameterTuningJobConfig { get; init; }

    public HyperParameterTrainingJobDefinition? TrainingJobDefinition { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record CreateHyperParameterTuningJobResponse
{
    public string HyperParameterTuningJobArn { get; init; } = string.Empty;
}

public sealed record DescribeHyperParameterTuningJobRequest
{
    public required string HyperParameterTuningJobName { get; init; }
}

public sealed record StopHyperParameterTuningJobRequest
{
    public required string HyperParameterTuningJobName { get; init; }
}

public sealed record TrainingJobStatusCounters
{
    public int? Completed { get; init; }

    public int? InProgress { get; init; }

    public int? RetryableError { get; init; }

    public int? NonRetryableError { get; init; }

    public int? Stopped { get; init; }
}

public sealed record ObjectiveStatusCounters
{
    public int? Succeeded { get; init; }

    public int? Pending { get; init; }

    public int? Failed { get; init; }
}

public sealed record FinalHyperParameterTuningJobObjectiveMetric
{
    public string? Type { get; init; }

    public string MetricName { get; init; } = string.Empty;

    public double Value { get; init; }
}

public sealed record HyperParameterTrainingJobSummary
{
    public string TrainingJobName { get; init; } = string.Empty;

    public string TrainingJobArn { get; init; } = string.Empty;

    public DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset? TrainingStartTime { get; init; }

    public DateTimeOffset? TrainingEndTime { get; init; }

    public string TrainingJobStatus { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> TunedHyperParameters { get; init; } = new Dictionary<string, string>();

    public string? FailureReason { get; init; }

    public FinalHyperParameterTuningJobObjectiveMetric? FinalHyperParameterTuningJobObjectiveMetric { get; init; }

    public string? ObjectiveStatus { get; init; }
}

public sealed record DescribeHyperParameterTuningJobResponse
{
    public string HyperParameterTuningJobName { get; init; } = string.Empty;

    public string HyperParameterTuningJobArn { get; init; } = string.Empty;

    public HyperParameterTuningJobConfig? HyperParameterTuningJobConfig { get; init; }

    public HyperParameterTrainingJobDefinition? TrainingJobDefinition { get; init; }

    public string HyperParameterTuningJobStatus { get; init; } = string.Empty;

    public DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset? HyperParameterTuningEndTime { get; init; }

    public DateTimeOffset? LastModifiedTime { get; init; }

    public TrainingJobStatusCounters? TrainingJobStatusCounters { get; init; }

    public ObjectiveStatusCounters? ObjectiveStatusCounters { get; init; }

    public HyperParameterTrainingJobSummary? BestTrainingJob { get; init; }

    public string? FailureReason { get; init; }
}
