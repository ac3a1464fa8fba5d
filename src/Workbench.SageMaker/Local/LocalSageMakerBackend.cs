using Workbench.SageMaker.AutoScaling;
using Workbench.SageMaker.Backends;
using Workbench.SageMaker.Runtime;
using Workbench.SageMaker.Storage;

namespace Workbench.SageMaker.Local;

/// <summary>
/// SageMaker's workflow on this machine, behind the same <see cref="ISageMakerBackend"/> as Amazon SageMaker:
/// training jobs run the training container's entrypoint in a materialised <c>/opt/ml</c> tree, endpoints and
/// transform jobs run Workbench.Serving's inference server on 127.0.0.1, model package groups are the Workbench registry, <c>s3://</c> URIs are folders under <see cref="LocalBackendOptions.Root"/>.
/// </summary>
public sealed class LocalSageMakerBackend : ISageMakerBackend
{
    private readonly LocalSageMakerApi _api;

    public LocalSageMakerBackend(LocalBackendOptions? options = null)
    {
        _api = new LocalSageMakerApi(options);
        Runtime = new LocalRuntime(_api);
        AutoScaling = new LocalAutoScaling(_api.Options);
        Artifacts = new LocalArtifactStore(_api.Paths);
    }

    public string Name => "local";

    public LocalSageMakerApi Api => _api;

    public Api.ISageMakerApi SageMaker => _api;

    public ISageMakerRuntimeApi Runtime { get; }

    public IApplicationAutoScalingApi AutoScaling { get; }

    public IArtifactStore Artifacts { get; }

    public void Dispose()
    {
        ((LocalRuntime)Runtime).Dispose();
        _api.Dispose();
    }
}
