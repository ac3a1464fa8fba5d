namespace Workbench.SageMaker.ServiceModels;

/// <summary>The <c>metadata</c> block of a botocore service model.</summary>
/// <param name="ServiceId">The service's name, e.g. <c>SageMaker</c>.</param>
/// <param name="ApiVersion">The model's API version, e.g. <c>2017-07-24</c>.</param>
/// <param name="Protocol"><c>json</c> (JSON 1.1 RPC with <c>X-Amz-Target</c>) or <c>rest-json</c>.</param>
/// <param name="JsonVersion">The JSON protocol version, <c>1.1</c> for these services.</param>
/// <param name="TargetPrefix">The prefix of <c>X-Amz-Target</c> for the <c>json</c> protocol, e.g. <c>SageMaker</c>.</param>
/// <param name="EndpointPrefix">The host prefix, e.g. <c>api.sagemaker</c> in <c>api.sagemaker.us-east-1.amazonaws.com</c>.</param>
/// <param name="SigningName">The service name in the SigV4 credential scope.</param>
public sealed record ServiceMetadata(
    string ServiceId,
    string ApiVersion,
    string Protocol,
    string? TargetPrefix,
    string? JsonVersion,
    string EndpointPrefix,
    string SigningName)
{
    public bool IsJsonRpc => Protocol == "json";

    /// <summary>The <c>Content-Type</c> of a JSON RPC request, e.g. <c>application/x-amz-json-1.1</c>.</summary>
    public string JsonContentType => $"application/x-amz-json-{JsonVersion ?? "1.1"}";
}
