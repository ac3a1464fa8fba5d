using Workbench.SageMaker.Api;
using Workbench.SageMaker.AutoScaling;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Runtime;
using Workbench.SageMaker.Storage;

namespace Workbench.SageMaker.Backends;

/// <summary>
/// Amazon SageMaker: the SageMaker, SageMaker Runtime and Application Auto Scaling clients and S3, sharing one
/// region and one credential chain (so an instance role is looked up once).
/// </summary>
public sealed class SageMakerCloudBackend : ISageMakerBackend
{
    private readonly SageMakerClient _sageMaker;
    private readonly SageMakerRuntimeClient _runtime;
    private readonly ApplicationAutoScalingClient _autoScaling;
    private readonly S3ArtifactStore _artifacts;

    /// <param name="options">Region, credentials, retries and logging for every client.</param>
    /// <param name="endpoints">Per-service endpoint overrides (a VPC endpoint, a test fake); any left null use the regional endpoint.</param>
    public SageMakerCloudBackend(AwsClientOptions? options = null, ServiceEndpoints? endpoints = null)
    {
        var shared = options ?? new AwsClientOptions();
        var credentials = new AwsCredentialChain(shared);
        endpoints ??= new ServiceEndpoints();
        _sageMaker = new SageMakerClient(shared with { ServiceUrl = endpoints.SageMaker ?? shared.ServiceUrl }, credentials);
        _runtime = new SageMakerRuntimeClient(shared with { ServiceUrl = endpoints.Runtime ?? shared.ServiceUrl }, credentials);
        _autoScaling = new ApplicationAutoScalingClient(shared with { ServiceUrl = endpoints.AutoScaling ?? shared.ServiceUrl }, credentials);
        _artifacts = new S3ArtifactStore(shared with { ServiceUrl = endpoints.S3 ?? shared.ServiceUrl }, credentials);
    }

    public string Name => "sagemaker";

    public ISageMakerApi SageMaker => _sageMaker;

    public ISageMakerRuntimeApi Runtime => _runtime;

    public IApplicationAutoScalingApi AutoScaling => _autoScaling;

    public IArtifactStore Artifacts => _artifacts;

    public void Dispose()
    {
        _sageMaker.Dispose();
        _runtime.Dispose();
        _autoScaling.Dispose();
        _artifacts.Dispose();
    }
}

/// <summary>Endpoint overrides per service; null means the regional AWS endpoint.</summary>
public sealed record ServiceEndpoints
{
    public Uri? SageMaker { get; init; }

    public Uri? Runtime { get; init; }

    public Uri? AutoScaling { get; init; }

    public Uri? S3 { get; init; }
}
