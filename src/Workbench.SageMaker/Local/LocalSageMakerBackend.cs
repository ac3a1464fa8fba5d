using Workbench.SageMaker.AutoScaling;
using Workbench.SageMaker.Backends;
using Workbench.SageMaker.Runtime;
using Workbench.SageMaker.Storage;

namespace Workbench.SageMaker.Local;

/// <summary>
/// SageMaker's workflow on this machine, behind the same <see cref="ISageMakerBackend"/> as Amazon SageMaker:
/// training jobs run the training container's entrypoint in a materialised <c>/opt/ml</c> tree, model package groups
/// are the Workbench registry, <c>s3://</c> URIs are folders under <see cref="LocalBackendOptions.Root"/>.
/// </summary>
public sealed class LocalSageMakerBackend : ISageMakerBackend
{
    private readonly LocalSageMakerApi _api;

    public LocalSageMakerBackend(LocalBackendOptions? options = null)
    {
        _api = new LocalSageMakerApi(options);
        AutoScaling = new LocalAutoScaling(_api.Options);
        Artifacts = new LocalArtifactStore(_api.Paths);
    }

    public string Name => "local";

    public LocalSageMakerApi Api => _api;

    public Api.ISageMakerApi SageMaker => _api;

    public ISageMakerRuntimeApi Runtime { get; } = new LocalRuntimePending();

    public IApplicationAutoScalingApi AutoScaling { get; }

    public IArtifactStore Artifacts { get; }

    public void Dispose() => _api.Dispose();

    private sealed class LocalRuntimePending : ISageMakerRuntimeApi
    {
        public Task<InvokeEndpointResponse> InvokeEndpointAsync(InvokeEndpointRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("InvokeEndpoint on the local backend needs Workbench.Serving's in-process server, which this build does not include yet.");
    }
}
