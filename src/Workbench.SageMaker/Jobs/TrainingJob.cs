using Workbench.Jobs;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Backends;
using Workbench.SageMaker.Local;

namespace Workbench.SageMaker.Jobs;

/// <summary>
/// A training job's live status on either backend: DescribeTrainingJob's status, secondary status transitions,
/// failure reason and billable time, and the metric series (every value the local backend read from the logs; on
/// SageMaker, the final values DescribeTrainingJob reports, since series live in CloudWatch, which Workbench does not read).
/// <code>var job = await TrainingJob.StartAsync(backend, request); var shown = display(job); await job.WaitAsync(j =&gt; shown.Update(j));</code>
/// </summary>
public sealed class TrainingJob : TrackedJob
{
    private readonly ISageMakerBackend _backend;

    public TrainingJob(ISageMakerBackend backend, string name)
        : base(name, "Training job", backend?.Name ?? throw new ArgumentNullException(nameof(backend)))
    {
        _backend = backend;
    }

    /// <summary>The last DescribeTrainingJob answer.</summary>
    public DescribeTrainingJobResponse? Description { get; private set; }

    /// <summary>The model archive once uploaded.</summary>
    public string? ModelArtifacts => Description?.ModelArtifacts?.S3ModelArtifacts;

    public static async Task<TrainingJob> StartAsync(ISageMakerBackend backend, CreateTrainingJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(request);
        await backend.SageMaker.CreateTrainingJobAsync(request, cancellationToken).ConfigureAwait(false);
        var job = new TrainingJob(backend, request.TrainingJobName);
        await job.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return job;
    }

    public Task StopAsync(CancellationToken cancellationToken = default) =>
        _backend.SageMaker.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = Name }, cancellationToken);

    protected override async Task<JobState> FetchAsync(CancellationToken cancellationToken)
    {
        var described = await _backend.SageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = Name }, cancellationToken).ConfigureAwait(false);
        Description = described;
        var metrics = _backend.SageMaker is LocalSageMakerApi local
            ? local.GetTrainingJobMetrics(Name)
            : (described.FinalMetricDataList ?? [])
                .Where(m => m.MetricName is not null && m.Value is not null)
                .ToDictionary(m => m.MetricName!, m => (IReadOnlyList<JobMetricPoint>)[new JobMetricPoint(m.Timestamp ?? described.LastModifiedTime ?? DateTimeOffset.UtcNow, m.Value!.Value, null)], StringComparer.Ordinal);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (described.ModelArtifacts?.S3ModelArtifacts is { Length: > 0 } model)
        {
            details["model artifacts"] = model;
        }

        if (described.ResourceConfig?.InstanceType is { } instance)
        {
            details["instances"] = $"{described.ResourceConfig.InstanceCount ?? 1} × {instance}";
        }

        if (described.HyperParameters is { Count: > 0 } hyperparameters)
        {
            details["hyperparameters"] = string.Join(", ", hyperparameters.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}"));
        }

        var transitions = (described.SecondaryStatusTransitions ?? [])
            .Select(t => new JobStatusTransition(t.StartTime, PrimaryFor(t.Status, described.TrainingJobStatus), t.Status, t.StatusMessage) { EndTime = t.EndTime })
            .ToList();
        return new JobState
        {
            Status = described.TrainingJobStatus,
            SecondaryStatus = described.SecondaryStatus,
            Message = transitions.LastOrDefault()?.Message,
            FailureReason = described.FailureReason,
            IsTerminal = TrainingJobStatus.IsTerminal(described.TrainingJobStatus),
            IsFailure = described.TrainingJobStatus == TrainingJobStatus.Failed,
            CreatedAt = described.CreationTime,
            StartedAt = described.TrainingStartTime,
            EndedAt = described.TrainingEndTime,
            BillableSeconds = described.BillableTimeInSeconds,
            Transitions = transitions,
            Metrics = metrics,
            Details = details,
        };
    }

    // SageMaker reports one primary status for the whole job; each secondary step belongs to InProgress unless it is
    // the final one.
    private static string PrimaryFor(string secondary, string current) => secondary switch
    {
        "Completed" => TrainingJobStatus.Completed,
        "Failed" => TrainingJobStatus.Failed,
        "Stopped" or "MaxRuntimeExceeded" or "MaxWaitTimeExceeded" => TrainingJobStatus.Stopped,
        "Stopping" => TrainingJobStatus.Stopping,
        _ => TrainingJobStatus.IsTerminal(current) || current == TrainingJobStatus.Stopping ? TrainingJobStatus.InProgress : current,
    };
}
