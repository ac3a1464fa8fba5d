using System.Net;
using System.Net.Http.Headers;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Runtime;

namespace Workbench.SageMaker.Local;

/// <summary>
/// InvokeEndpoint against a local endpoint's server, with SageMaker's headers (target variant, inference id, custom
/// attributes) and its error mapping: a container's refusal is a <c>ModelError</c> carrying the container's status and message.
/// </summary>
public sealed class LocalRuntime(LocalSageMakerApi api) : ISageMakerRuntimeApi, IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task<InvokeEndpointResponse> InvokeEndpointAsync(InvokeEndpointRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        LocalEndpoint endpoint;
        try
        {
            endpoint = api.Endpoint("InvokeEndpoint", request.EndpointName);
        }
        catch (AwsServiceException)
        {
            throw new AwsServiceException("SageMaker Runtime", "InvokeEndpoint", "ValidationException", $"Endpoint {request.EndpointName} of account {api.Options.Account} not found.", HttpStatusCode.BadRequest, requestId: null);
        }

        var address = endpoint.Address
            ?? throw new AwsServiceException("SageMaker Runtime", "InvokeEndpoint", "ValidationException", $"Endpoint {request.EndpointName} is {endpoint.Status}, not InService.", HttpStatusCode.BadRequest, requestId: null);
        using var content = new ReadOnlyMemoryContent(request.Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/octet-stream");
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/invocations")) { Content = content };
        if (request.Accept is { } accept)
        {
            message.Headers.Accept.ParseAdd(accept);
        }

        Header(message, "X-Amzn-SageMaker-Target-Variant", request.TargetVariant);
        Header(message, "X-Amzn-SageMaker-Inference-Id", request.InferenceId);
        Header(message, "X-Amzn-SageMaker-Custom-Attributes", request.CustomAttributes);
        using var response = await _client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AwsServiceException("SageMaker Runtime", "InvokeEndpoint", "ModelError",
                $"Received client error ({(int)response.StatusCode}) from primary with message \"{System.Text.Encoding.UTF8.GetString(body).Trim()}\".",
                HttpStatusCode.FailedDependency, requestId: null);
        }

        return new InvokeEndpointResponse
        {
            Body = body,
            ContentType = response.Content.Headers.ContentType?.ToString(),
            InvokedProductionVariant = response.Headers.TryGetValues("X-Amzn-Invoked-Production-Variant", out var variant) ? variant.FirstOrDefault() : null,
            CustomAttributes = response.Headers.TryGetValues("X-Amzn-SageMaker-Custom-Attributes", out var attributes) ? attributes.FirstOrDefault() : null,
        };
    }

    public void Dispose() => _client.Dispose();

    private static void Header(HttpRequestMessage message, string name, string? value)
    {
        if (value is not null)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
