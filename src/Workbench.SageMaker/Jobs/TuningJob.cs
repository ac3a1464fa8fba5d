using Workbench.Jobs;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Backends;

namespace Workbench.SageMaker.Jobs;

/// <summary>A hyperparameter tuning job: its training jobs by status and the best one's objective so far.</summary>
public sealed class TuningJob(ISageMakerBackend backend, string name) : TrackedJob(name, "Tuning job", backend?.Name ?? throw new ArgumentNullException(nameof(backend)))
{
    public DescribeHyperParameterTuningJobResponse? Description { get; private set; }

    protected override async Task<JobState> FetchAsync(CancellationToken cancellationToken)
    {
        var described = await backend.SageMaker.DescribeHyperParameterTuningJobAsync(new DescribeHyperParameterTuningJobRequest { HyperParameterTuningJobName = Name }, cancellationToken).ConfigureAwait(false);
        Description = described;
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (described.TrainingJobStatusCounters is { } counters)
        {
            details["training jobs"] = $"{counters.Completed ?? 0} completed, {counters.InProgress ?? 0} in progress, {counters.Stopped ?? 0} stopped, {(counters.RetryableError ?? 0) + (counters.NonRetryableError ?? 0)} failed";
        }

        var best = described.BestTrainingJob;
        if (best?.FinalHyperParameterTuningJobObjectiveMetric is { } objective)
        {
            details["best"] = $"{best.TrainingJobName}: {objective.MetricName} = {objective.Value:G6}";
        }

        var metrics = best?.FinalHyperParameterTuningJobObjectiveMetric is { } metric
            ? new Dictionary<string, IReadOnlyList<JobMetricPoint>>(StringComparer.Ordinal)
            {
                [$"best {metric.MetricName}"] = [new JobMetricPoint(best.TrainingEndTime ?? described.LastModifiedTime ?? DateTimeOffset.UtcNow, metric.Value, null)],
            }
            : null;
        return new JobState
        {
            Status = described.HyperParameterTuningJobStatus,
            FailureReason = described.FailureReason,
            IsTerminal = HyperParameterTuningJobStatus.IsTerminal(described.HyperParameterTuningJobStatus),
            IsFailure = described.HyperParameterTuningJobStatus == HyperParameterTuningJobStatus.Failed,
            CreatedAt = described.CreationTime,
            EndedAt = described.HyperParameterTuningEndTime,
            Metrics = metrics,
            Details = details,
        };
    }
}
