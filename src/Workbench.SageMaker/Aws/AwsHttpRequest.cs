namespace Workbench.SageMaker.Aws;

/// <summary>One request to an AWS endpoint before signing: the path is relative to the service endpoint.</summary>
internal sealed record AwsHttpRequest(
    string Operation,
    HttpMethod Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body);

/// <summary>A successful answer: status, headers (case-insensitive) and the whole body.</summary>
internal sealed record AwsHttpResponse(
    int StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? RequestId);
