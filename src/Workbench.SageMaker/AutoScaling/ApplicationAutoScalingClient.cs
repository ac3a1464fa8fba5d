using Workbench.SageMaker.Aws;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.AutoScaling;

/// <summary>
/// Application Auto Scaling over JSON 1.1 (<c>X-Amz-Target: AnyScaleFrontendService.&lt;Operation&gt;</c>, SigV4
/// signing name <c>application-autoscaling</c>), each request checked against the embedded botocore model.
/// </summary>
public sealed class ApplicationAutoScalingClient : IApplicationAutoScalingApi, IDisposable
{
    private readonly AwsJsonRpcClient _rpc;

    public ApplicationAutoScalingClient(AwsClientOptions? options = null)
        : this(options ?? new AwsClientOptions(), null)
    {
    }

    internal ApplicationAutoScalingClient(AwsClientOptions options, AwsCredentialChain? credentials)
    {
        _rpc = new AwsJsonRpcClient(BundledModels.ApplicationAutoScaling, options, credentials);
    }

    public Uri Endpoint => _rpc.Transport.Endpoint;

    public Task<RegisterScalableTargetResponse> RegisterScalableTargetAsync(RegisterScalableTargetRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<RegisterScalableTargetResponse>("RegisterScalableTarget", request, cancellationToken);

    public Task<PutScalingPolicyResponse> PutScalingPolicyAsync(PutScalingPolicyRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<PutScalingPolicyResponse>("PutScalingPolicy", request, cancellationToken);

    public Task DeleteScalingPolicyAsync(DeleteScalingPolicyRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync("DeleteScalingPolicy", request, cancellationToken);

    public Task DeregisterScalableTargetAsync(DeregisterScalableTargetRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync("DeregisterScalableTarget", request, cancellationToken);

    /// <summary>The exact JSON <paramref name="operation"/> would send for <paramref name="request"/>, after validation.</summary>
    public string PreviewRequest(string operation, object request) => _rpc.Prepare(operation, request).ToJsonString();

    public void Dispose() => _rpc.Dispose();
}
