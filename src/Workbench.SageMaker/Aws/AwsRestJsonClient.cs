using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Aws;

/// <summary>
/// The AWS REST-JSON protocol, driven by the model's HTTP bindings: URI labels, headers, query strings and a
/// payload member become the HTTP request; header-bound and payload members of the output are read back.
/// The request is validated as a whole (labels and headers included) before it is sent.
/// </summary>
internal sealed class AwsRestJsonClient : IDisposable
{
    private readonly ShapeValidator _validator;
    private readonly bool _validate;

    public AwsRestJsonClient(ServiceModel model, AwsClientOptions options, AwsCredentialChain? credentials = null)
    {
        Model = model;
        _validator = new ShapeValidator(model);
        _validate = options.ValidateRequests;
        Transport = new AwsHttpTransport(model.Metadata, options, credentials);
    }

    public ServiceModel Model { get; }

    public AwsHttpTransport Transport { get; }

    /// <summary>
    /// Sends <paramref name="input"/> (member name to value; a blob payload as <c>JsonValue</c> over <c>byte[]</c>)
    /// and returns the output members: header-bound ones as strings, a blob payload as bytes.
    /// </summary>
    public async Task<RestJsonOutput> InvokeAsync(string operation, JsonObject input, CancellationToken cancellationToken)
    {
        var definition = Model.Operation(operation);
        var inputShape = Model.Shape(definition.InputShape ?? throw new InvalidOperationException($"{operation} has no input."));
        if (_validate)
        {
            _validator.ThrowIfInvalid(operation, input);
        }

        var path = new StringBuilder(definition.RequestUri);
        var query = new List<string>();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var body = Array.Empty<byte>();
        var bodyMembers = new JsonObject();
        foreach (var (name, member) in inputShape.Members)
        {
            if (input[name] is not { } value)
            {
                continue;
            }

            switch (member.Location)
            {
                case "uri":
                    var label = member.LocationName ?? name;
                    path.Replace($"{{{label}+}}", string.Join('/', Text(value).Split('/').Select(Uri.EscapeDataString)));
                    path.Replace($"{{{label}}}", Uri.EscapeDataString(Text(value)));
                    break;
                case "header":
                    headers[member.LocationName ?? name] = Text(value);
                    break;
                case "querystring":
                    query.Add($"{Uri.EscapeDataString(member.LocationName ?? name)}={Uri.EscapeDataString(Text(value))}");
                    break;
                default:
                    if (inputShape.PayloadMember == name)
                    {
                        body = Bytes(value);
                    }
                    else
                    {
                        bodyMembers[name] = value.DeepClone();
                    }

                    break;
            }
        }

        if (inputShape.PayloadMember is null && bodyMembers.Count > 0)
        {
            body = Encoding.UTF8.GetBytes(bodyMembers.ToJsonString());
            headers.TryAdd("Content-Type", "application/json");
        }

        var pathAndQuery = query.Count == 0 ? path.ToString() : $"{path}?{string.Join('&', query)}";
        var response = await Transport.SendAsync(
            new AwsHttpRequest(operation, new HttpMethod(definition.HttpMethod), pathAndQuery, headers, body),
            cancellationToken).ConfigureAwait(false);
        return ReadOutput(definition, response);
    }

    private RestJsonOutput ReadOutput(OperationModel definition, AwsHttpResponse response)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[]? payload = null;
        if (definition.OutputShape is null)
        {
            return new RestJsonOutput(headers, payload, response.RequestId);
        }

        var output = Model.Shape(definition.OutputShape);
        foreach (var (name, member) in output.Members)
        {
            if (member.Location == "header" && response.Headers.TryGetValue(member.LocationName ?? name, out var value))
            {
                headers[name] = value;
            }
        }

        if (output.PayloadMember is not null)
        {
            payload = response.Body;
        }

        return new RestJsonOutput(headers, payload, response.RequestId);
    }

    private static string Text(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    private static byte[] Bytes(JsonNode value) =>
        value is JsonValue raw && raw.TryGetValue<byte[]>(out var bytes) ? bytes
        : value.GetValueKind() == JsonValueKind.String ? Convert.FromBase64String(value.GetValue<string>())
        : Encoding.UTF8.GetBytes(value.ToJsonString());

    public void Dispose() => Transport.Dispose();
}

/// <summary>What a REST-JSON operation answered: header-bound output members by member name, and the payload.</summary>
internal sealed record RestJsonOutput(IReadOnlyDictionary<string, string> Headers, byte[]? Payload, string? RequestId)
{
    public string? Header(string member) => Headers.TryGetValue(member, out var value) ? value : null;

    public int? IntHeader(string member) =>
        Header(member) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
