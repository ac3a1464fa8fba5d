using Workbench.Jobs;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Backends;

namespace Workbench.SageMaker.Jobs;

/// <summary>
/// An endpoint being created or updated: Creating / Updating until InService (or Failed / OutOfService), with its
/// variants. Its history is what DescribeEndpoint says: Creating from the creation time, then the current status from
/// the last change.
/// </summary>
public sealed class EndpointJob(ISageMakerBackend backend, string name) : TrackedJob(name, "Endpoint", backend?.Name ?? throw new ArgumentNullException(nameof(backend)))
{
    public DescribeEndpointResponse? Description { get; private set; }

    protected override async Task<JobState> FetchAsync(CancellationToken cancellationToken)
    {
        var described = await backend.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = Name }, cancellationToken).ConfigureAwait(false);
        Description = described;
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (described.EndpointConfigName is { } config)
        {
            details["endpoint config"] = config;
        }

        foreach (var variant in described.ProductionVariants ?? [])
        {
            details[$"variant {variant.VariantName}"] = $"weight {variant.CurrentWeight ?? variant.DesiredWeight ?? 0:0.##}, {variant.CurrentInstanceCount ?? variant.DesiredInstanceCount ?? 0} instance(s)";
        }

        var status = described.EndpointStatus;
        // DescribeEndpoint keeps no history; what it does say is when the endpoint was created (every endpoint starts
        // Creating) and when its status last changed, which is the same however often it is polled.
        List<JobStatusTransition> transitions = status == EndpointStatus.Creating || described.LastModifiedTime <= described.CreationTime
            ? [new JobStatusTransition(described.CreationTime, status, null, null)]
            : [new JobStatusTransition(described.CreationTime, EndpointStatus.Creating, null, null) { EndTime = described.LastModifiedTime }, new JobStatusTransition(described.LastModifiedTime, status, null, null)];
        return new JobState
        {
            Transitions = transitions,
            Status = status,
            FailureReason = described.FailureReason,
            IsTerminal = status is EndpointStatus.InService or EndpointStatus.Failed or EndpointStatus.OutOfService,
            IsFailure = status is EndpointStatus.Failed or EndpointStatus.OutOfService,
            CreatedAt = described.CreationTime,
            EndedAt = status is EndpointStatus.InService or EndpointStatus.Failed ? described.LastModifiedTime : null,
            Details = details,
        };
    }
}
