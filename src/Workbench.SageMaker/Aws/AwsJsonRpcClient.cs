using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Aws;

/// <summary>
/// The AWS JSON 1.1 protocol: <c>POST /</c> with <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c> and a JSON body.
/// Each request is serialised, completed with idempotency tokens, checked against the service model, then sent.
/// </summary>
internal sealed class AwsJsonRpcClient : IDisposable
{
    private readonly ShapeValidator _validator;
    private readonly bool _validate;

    public AwsJsonRpcClient(ServiceModel model, AwsClientOptions options, AwsCredentialChain? credentials = null)
    {
        if (!model.Metadata.IsJsonRpc)
        {
            throw new ArgumentException($"{model.Metadata.ServiceId} uses the {model.Metadata.Protocol} protocol, not JSON RPC.", nameof(model));
        }

        Model = model;
        _validator = new ShapeValidator(model);
        _validate = options.ValidateRequests;
        Transport = new AwsHttpTransport(model.Metadata, options, credentials);
    }

    public ServiceModel Model { get; }

    public AwsHttpTransport Transport { get; }

    public async Task<TResponse> InvokeAsync<TResponse>(string operation, object request, CancellationToken cancellationToken)
    {
        var body = await SendAsync(operation, request, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<TResponse>(body.Length == 0 ? "{}"u8 : body, AwsJson.Options)
            ?? throw new JsonException($"{Model.Metadata.ServiceId} {operation} answered with an empty document.");
    }

    public async Task InvokeAsync(string operation, object request, CancellationToken cancellationToken) =>
        await SendAsync(operation, request, cancellationToken).ConfigureAwait(false);

    /// <summary>The JSON a request serialises to, with idempotency tokens filled and validated: exactly what would be sent.</summary>
    public JsonObject Prepare(string operation, object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = Model.Operation(operation);
        var json = JsonSerializer.SerializeToNode(request, request.GetType(), AwsJson.Options) as JsonObject ?? new JsonObject();
        if (definition.InputShape is { } inputShape)
        {
            FillIdempotencyTokens(Model.Shape(inputShape), json);
        }

        if (_validate)
        {
            _validator.ThrowIfInvalid(operation, json);
        }

        return json;
    }

    private async Task<byte[]> SendAsync(string operation, object request, CancellationToken cancellationToken)
    {
        var json = Prepare(operation, request);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = Model.Metadata.JsonContentType,
            ["X-Amz-Target"] = $"{Model.Metadata.TargetPrefix}.{operation}",
        };
        var response = await Transport.SendAsync(
            new AwsHttpRequest(operation, HttpMethod.Post, "/", headers, Encoding.UTF8.GetBytes(json.ToJsonString())),
            cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    // As botocore does: a top-level idempotency token left empty gets a fresh UUID, so a retried create is not doubled.
    private static void FillIdempotencyTokens(ShapeModel input, JsonObject json)
    {
        foreach (var member in input.Members.Values.Where(m => m.IdempotencyToken))
        {
            if (json[member.Name] is null)
            {
                json[member.Name] = Guid.NewGuid().ToString();
            }
        }
    }

    public void Dispose() => Transport.Dispose();
}
