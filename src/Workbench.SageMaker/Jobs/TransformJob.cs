using Workbench.Jobs;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Backends;

namespace Workbench.SageMaker.Jobs;

/// <summary>A batch transform job: InProgress until Completed, Failed or Stopped, with its input and output locations.</summary>
public sealed class TransformJob(ISageMakerBackend backend, string name) : TrackedJob(name, "Transform job", backend?.Name ?? throw new ArgumentNullException(nameof(backend)))
{
    public DescribeTransformJobResponse? Description { get; private set; }

    protected override async Task<JobState> FetchAsync(CancellationToken cancellationToken)
    {
        var described = await backend.SageMaker.DescribeTransformJobAsync(new DescribeTransformJobRequest { TransformJobName = Name }, cancellationToken).ConfigureAwait(false);
        Description = described;
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["model"] = described.ModelName };
        if (described.TransformOutput?.S3OutputPath is { } output)
        {
            details["output"] = output;
        }

        return new JobState
        {
            Status = described.TransformJobStatus,
            FailureReason = described.FailureReason,
            IsTerminal = TransformJobStatus.IsTerminal(described.TransformJobStatus),
            IsFailure = described.TransformJobStatus == TransformJobStatus.Failed,
            CreatedAt = described.CreationTime,
            StartedAt = described.TransformStartTime,
            EndedAt = described.TransformEndTime,
            Details = details,
        };
    }
}
