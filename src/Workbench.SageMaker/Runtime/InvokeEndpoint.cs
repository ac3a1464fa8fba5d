namespace Workbench.SageMaker.Runtime;

/// <summary>One inference request to a deployed endpoint (<c>POST /endpoints/{name}/invocations</c>).</summary>
public sealed record InvokeEndpointRequest
{
    public required string EndpointName { get; init; }

    /// <summary>The payload, in <see cref="ContentType"/>; at most 6 MB (25 MB for some configurations), as the service allows.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>e.g. <c>text/csv</c>, <c>application/json</c>, <c>application/jsonlines</c>, <c>application/x-npy</c>.</summary>
    public string? ContentType { get; init; }

    public string? Accept { get; init; }

    /// <summary>Forwarded verbatim to the model (<c>X-Amzn-SageMaker-Custom-Attributes</c>); treated as sensitive.</summary>
    public string? CustomAttributes { get; init; }

    /// <summary>Sends the request to this variant instead of splitting by weight (<c>X-Amzn-SageMaker-Target-Variant</c>).</summary>
    public string? TargetVariant { get; init; }

    public string? TargetModel { get; init; }

    public string? TargetContainerHostname { get; init; }

    /// <summary>Recorded with the captured request and response (<c>X-Amzn-SageMaker-Inference-Id</c>), to join ground truth later.</summary>
    public string? InferenceId { get; init; }

    public string? InferenceComponentName { get; init; }

    /// <summary>The payload is data, possibly patient data: it is never printed.</summary>
    public override string ToString() =>
        $"InvokeEndpointRequest {{ EndpointName = {EndpointName}, Body = ({Body.Length} bytes), ContentType = {ContentType}, " +
        $"Accept = {Accept}, TargetVariant = {TargetVariant}, InferenceId = {InferenceId} }}";
}

public sealed record InvokeEndpointResponse
{
    public ReadOnlyMemory<byte> Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The variant that served the request.</summary>
    public string? InvokedProductionVariant { get; init; }

    public string? CustomAttributes { get; init; }

    public string? RequestId { get; init; }

    public override string ToString() =>
        $"InvokeEndpointResponse {{ Body = ({Body.Length} bytes), ContentType = {ContentType}, InvokedProductionVariant = {InvokedProductionVariant} }}";
}
