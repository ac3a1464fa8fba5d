namespace Workbench.SageMaker.Runtime;

/// <summary>Invoking deployed endpoints: the SageMaker Runtime service, or the local backend's servers.</summary>
public interface ISageMakerRuntimeApi
{
    Task<InvokeEndpointResponse> InvokeEndpointAsync(InvokeEndpointRequest request, CancellationToken cancellationToken = default);
}
