using Workbench.SageMaker.Api;
using Workbench.SageMaker.AutoScaling;
using Workbench.SageMaker.Runtime;
using Workbench.SageMaker.Storage;

namespace Workbench.SageMaker.Backends;

/// <summary>
/// Everything a deployment workflow talks to, behind one interface: the SageMaker API, endpoint invocation,
/// autoscaling and the artifact store. <see cref="SageMakerCloudBackend"/> is Amazon SageMaker itself; the local
/// backend implements the same interface by running the training and serving containers' contract on this
/// machine, so a notebook changes one setting to move between them.
/// </summary>
public interface ISageMakerBackend : IDisposable
{
    /// <summary><c>sagemaker</c> or <c>local</c>.</summary>
    string Name { get; }

    ISageMakerApi SageMaker { get; }

    ISageMakerRuntimeApi Runtime { get; }

    IApplicationAutoScalingApi AutoScaling { get; }

    IArtifactStore Artifacts { get; }
}
