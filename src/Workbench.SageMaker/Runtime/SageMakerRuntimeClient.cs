using System.Text.Json.Nodes;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Runtime;

/// <summary>
/// SageMaker Runtime (<c>runtime.sagemaker.&lt;region&gt;.amazonaws.com</c>, REST-JSON, SigV4 signing name
/// <c>sagemaker</c>): <c>InvokeEndpoint</c> with the target-variant and inference-id headers.
/// </summary>
public sealed class SageMakerRuntimeClient : ISageMakerRuntimeApi, IDisposable
{
    private readonly AwsRestJsonClient _rest;

    public SageMakerRuntimeClient(AwsClientOptions? options = null)
        : this(options ?? new AwsClientOptions(), null)
    {
    }

    internal SageMakerRuntimeClient(AwsClientOptions options, AwsCredentialChain? credentials)
    {
        _rest = new AwsRestJsonClient(BundledModels.SageMakerRuntime, options, credentials);
    }

    public Uri Endpoint => _rest.Transport.Endpoint;

    public async Task<InvokeEndpointResponse> InvokeEndpointAsync(InvokeEndpointRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new JsonObject
        {
            ["EndpointName"] = request.EndpointName,
            ["Body"] = JsonValue.Create(request.Body.ToArray()),
        };
        Set(input, "ContentType", request.ContentType);
        Set(input, "Accept", request.Accept);
        Set(input, "CustomAttributes", request.CustomAttributes);
        Set(input, "TargetVariant", request.TargetVariant);
        Set(input, "TargetModel", request.TargetModel);
        Set(input, "TargetContainerHostname", request.TargetContainerHostname);
        Set(input, "InferenceId", request.InferenceId);
        Set(input, "InferenceComponentName", request.InferenceComponentName);
        var output = await _rest.InvokeAsync("InvokeEndpoint", input, cancellationToken).ConfigureAwait(false);
        return new InvokeEndpointResponse
        {
            Body = output.Payload ?? [],
            ContentType = output.Header("ContentType"),
            InvokedProductionVariant = output.Header("InvokedProductionVariant"),
            CustomAttributes = output.Header("CustomAttributes"),
            RequestId = output.RequestId,
        };
    }

    private static void Set(JsonObject input, string member, string? value)
    {
        if (value is not null)
        {
            input[member] = value;
        }
    }

    public void Dispose() => _rest.Dispose();
}
