using Workbench.Jobs;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Backends;

namespace Workbench.SageMaker.Jobs;

/// <summary>An endpoint being created or updated: Creating / Updating until InService (or Failed / OutOfService), with its variants.</summary>
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
        return new JobState
        {
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
