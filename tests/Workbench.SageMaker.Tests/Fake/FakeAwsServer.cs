using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Tests.Fake;

/// <summary>
/// SageMaker, SageMaker Runtime and Application Auto Scaling on 127.0.0.1, for contract tests. Every request is
/// checked against the botocore models (operation, then the generic validator) and its SigV4 signature is
/// recomputed with the test secret; answers are shaped by the same models (stored state plus the generator,
/// then validated against the output shape). Faults (throttling, 5xx) can be queued per operation.
/// </summary>
public sealed class FakeAwsServer : IAsyncDisposable
{
    public const string AccessKey = "AKIDWORKBENCHTEST01";
    public const string SecretKey = "wbTestSecret/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string AccountId = "123456789012";

    private readonly string _region;
    private readonly List<RecordedCall> _calls = [];
    private readonly Dictionary<string, Queue<FakeError>> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ServiceModel Model, ShapeValidator Validator, OutputGenerator Generator)> _jsonServices;
    private readonly (ServiceModel Model, ShapeValidator Validator, OutputGenerator Generator) _runtime;
    private readonly Dictionary<string, JsonObject> _scalableTargets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _scalingPolicies = new(StringComparer.Ordinal);
    private readonly Random _routing = new(20240611);

    private LoopbackHost? _host;

    private FakeAwsServer(string region)
    {
        _region = region;
        SageMaker = new FakeSageMakerState(region, AccountId);
        _jsonServices = new(StringComparer.Ordinal)
        {
            ["SageMaker"] = Service(BundledModels.SageMaker),
            ["AnyScaleFrontendService"] = Service(BundledModels.ApplicationAutoScaling),
        };
        _runtime = Service(BundledModels.SageMakerRuntime);
    }

    public Uri Url => _host!.Url;

    public FakeSageMakerState SageMaker { get; }

    /// <summary>Invocations served, by endpoint and variant.</summary>
    public List<(string Endpoint, string Variant, string? InferenceId)> Invocations { get; } = [];

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return _calls.ToArray();
            }
        }
    }

    public IReadOnlyDictionary<string, JsonObject> ScalingPolicies => _scalingPolicies;

    public static async Task<FakeAwsServer> StartAsync(string region = "us-east-1")
    {
        var server = new FakeAwsServer(region);
        server._host = await LoopbackHost.StartAsync(server.HandleAsync);
        return server;
    }

    /// <summary>Queues errors for the next calls of <paramref name="operation"/>, answered before any other check but the signature.</summary>
    public void QueueFaults(string operation, params FakeError[] errors)
    {
        lock (_faults)
        {
            if (!_faults.TryGetValue(operation, out var queue))
            {
                _faults[operation] = queue = new Queue<FakeError>();
            }

            foreach (var error in errors)
            {
                queue.Enqueue(error);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await ReceivedRequest.ReadAsync(context);
        var service = "unknown";
        var operation = "unknown";
        var input = new JsonObject();
        var problems = new List<string>();
        string? signatureError = null;
        try
        {
            if (request.Headers.TryGetValue("x-amz-target", out var target))
            {
                var dot = target.IndexOf('.');
                var prefix = dot < 0 ? target : target[..dot];
                operation = dot < 0 ? string.Empty : target[(dot + 1)..];
                if (!_jsonServices.TryGetValue(prefix, out var json))
                {
                    throw new FakeError(HttpStatusCode.BadRequest, "UnknownOperationException", $"Unknown target prefix {prefix}.");
                }

                service = json.Model.Metadata.ServiceId;
                signatureError = Verify(request, json.Model);
                RejectSignature(signatureError);
                CheckJsonRpc(request, json.Model, operation);
                input = ParseBody(request.Body);
                Validate(json.Validator, operation, input, problems);
                TakeFault(operation);
                var output = prefix == "SageMaker" ? SageMaker.Handle(operation, input) : AutoScaling(operation, input);
                await RespondAsync(context, json, operation, output);
                Record(service, operation, input, problems, signatureError, 200, null, request);
                return;
            }

            service = _runtime.Model.Metadata.ServiceId;
            signatureError = Verify(request, _runtime.Model);
            RejectSignature(signatureError);
            (operation, input) = ReadRest(request);
            Validate(_runtime.Validator, operation, input, problems);
            TakeFault(operation);
            await InvokeAsync(context, input);
            Record(service, operation, input, problems, signatureError, 200, null, request);
        }
        catch (FakeError error)
        {
            var rest = service == _runtime.Model.Metadata.ServiceId;
            context.Response.StatusCode = (int)error.Status;
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            if (rest)
            {
                context.Response.Headers["x-amzn-ErrorType"] = $"{error.Code}:http://internal.amazon.com/coral/com.amazon.coral.validate/";
            }

            context.Response.ContentType = "application/x-amz-json-1.1";
            var body = new JsonObject { ["message"] = error.Message };
            if (!rest)
            {
                body["__type"] = $"com.amazon.coral.service#{error.Code}";
            }

            await context.Response.WriteAsync(body.ToJsonString());
            Record(service, operation, input, problems, signatureError, (int)error.Status, error.Code, request);
        }
    }

    private void Validate(ShapeValidator validator, string operation, JsonObject input, List<string> problems)
    {
        problems.AddRange(validator.ValidateInput(operation, input).Select(p => p.Message));
        if (problems.Count > 0)
        {
            var count = problems.Count == 1 ? "1 validation error" : $"{problems.Count} validation errors";
            throw FakeError.Validation($"{count} detected: {string.Join("; ", problems)}");
        }
    }

    private string? Verify(ReceivedRequest request, ServiceModel model) =>
        new SigV4Verifier(AccessKey, SecretKey, _region, model.Metadata.SigningName).Verify(request, DateTimeOffset.UtcNow);

    private static void RejectSignature(string? error)
    {
        if (error is not null)
        {
            throw new FakeError(HttpStatusCode.Forbidden, "InvalidSignatureException", $"The request signature we calculated does not match the signature you provided: {error}");
        }
    }

    private static void CheckJsonRpc(ReceivedRequest request, ServiceModel model, string operation)
    {
        if (request.Method != "POST" || request.RawPath != "/")
        {
            throw new FakeError(HttpStatusCode.BadRequest, "UnknownOperationException", $"JSON RPC requests are POST /, not {request.Method} {request.RawPath}.");
        }

        if (!request.Headers.TryGetValue("content-type", out var contentType) || contentType != model.Metadata.JsonContentType)
        {
            throw new FakeError(HttpStatusCode.BadRequest, "SerializationException", $"Content-Type must be {model.Metadata.JsonContentType}.");
        }

        if (!model.Operations.ContainsKey(operation))
        {
            throw new FakeError(HttpStatusCode.BadRequest, "UnknownOperationException", $"{model.Metadata.ServiceId} has no operation {operation}.");
        }
    }

    private void TakeFault(string operation)
    {
        lock (_faults)
        {
            if (_faults.TryGetValue(operation, out var queue) && queue.TryDequeue(out var fault))
            {
                throw fault;
            }
        }
    }

    private async Task RespondAsync(HttpContext context, (ServiceModel Model, ShapeValidator Validator, OutputGenerator Generator) service, string operation, JsonObject output)
    {
        var outputShape = service.Model.Operation(operation).OutputShape;
        if (outputShape is not null)
        {
            var shape = service.Model.Shape(outputShape);
            foreach (var name in output.Select(p => p.Key).ToArray())
            {
                // Stored request members carry over to Describe output only where the output shape has them, valid.
                if (!shape.Members.TryGetValue(name, out var member) || service.Validator.Validate(member.ShapeName, output[name]).Count > 0)
                {
                    output.Remove(name);
                }
            }

            var hints = output.ToDictionary(p => p.Key, p => p.Value);
            service.Generator.Complete(outputShape, output, hints);
            var problems = service.Validator.ValidateOutput(operation, output);
            if (problems.Count > 0)
            {
                throw new FakeError(HttpStatusCode.InternalServerError, "FakeOutputInvalid", $"The fake's {operation} output breaks the model: {string.Join("; ", problems)}");
            }
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = service.Model.Metadata.JsonContentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(outputShape is null ? "{}" : output.ToJsonString());
    }

    private JsonObject AutoScaling(string operation, JsonObject input)
    {
        var key = $"{input["ServiceNamespace"]}|{input["ResourceId"]}|{input["ScalableDimension"]}";
        switch (operation)
        {
            case "RegisterScalableTarget":
                if (input["MinCapacity"]?.GetValue<int>() > input["MaxCapacity"]?.GetValue<int>())
                {
                    throw FakeError.Validation("Minimum capacity cannot be greater than maximum capacity");
                }

                _scalableTargets[key] = (JsonObject)input.DeepClone();
                return new JsonObject();
            case "PutScalingPolicy":
                if (!_scalableTargets.ContainsKey(key))
                {
                    throw new FakeError(HttpStatusCode.BadRequest, "ObjectNotFoundException", $"No scalable target registered for service namespace: {input["ServiceNamespace"]}, resource ID: {input["ResourceId"]}, scalable dimension: {input["ScalableDimension"]}");
                }

                var name = input["PolicyName"]!.GetValue<string>();
                _scalingPolicies[name] = (JsonObject)input.DeepClone();
                var resource = input["ResourceId"]!.GetValue<string>();
                return new JsonObject
                {
                    ["PolicyARN"] = $"arn:aws:autoscaling:{_region}:{AccountId}:scalingPolicy:{Guid.NewGuid()}:resource/sagemaker/{resource}:policyName/{name}",
                    ["Alarms"] = new JsonArray(
                        Alarm($"TargetTracking-{resource}-AlarmHigh-{Guid.NewGuid()}"),
                        Alarm($"TargetTracking-{resource}-AlarmLow-{Guid.NewGuid()}")),
                };
            case "DeleteScalingPolicy":
                if (!_scalingPolicies.Remove(input["PolicyName"]!.GetValue<string>()))
                {
                    throw new FakeError(HttpStatusCode.BadRequest, "ObjectNotFoundException", "No scaling policy found.");
                }

                return new JsonObject();
            case "DeregisterScalableTarget":
                if (!_scalableTargets.Remove(key))
                {
                    throw new FakeError(HttpStatusCode.BadRequest, "ObjectNotFoundException", "No scalable target found.");
                }

                return new JsonObject();
            default:
                throw new FakeError(HttpStatusCode.BadRequest, "UnknownOperationException", $"The fake does not serve {operation}.");
        }
    }

    private JsonNode Alarm(string name) => new JsonObject
    {
        ["AlarmName"] = name,
        ["AlarmARN"] = $"arn:aws:cloudwatch:{_region}:{AccountId}:alarm:{name}",
    };

    private (string Operation, JsonObject Input) ReadRest(ReceivedRequest request)
    {
        foreach (var operation in _runtime.Model.Operations.Values)
        {
            if (operation.HttpMethod != request.Method)
            {
                continue;
            }

            var pattern = "^" + Regex.Replace(Regex.Escape(operation.RequestUri), @"\\\{(\w+)\+?}", "(?<$1>[^/]+)") + "$";
            var match = Regex.Match(request.RawPath, pattern);
            if (!match.Success)
            {
                continue;
            }

            var input = new JsonObject();
            var shape = _runtime.Model.Shape(operation.InputShape!);
            foreach (var (name, member) in shape.Members)
            {
                var location = member.LocationName ?? name;
                if (member.Location == "uri" && match.Groups[location].Success)
                {
                    input[name] = Uri.UnescapeDataString(match.Groups[location].Value);
                }
                else if (member.Location == "header" && request.Headers.TryGetValue(location.ToLowerInvariant(), out var header))
                {
                    input[name] = header;
                }
                else if (shape.PayloadMember == name)
                {
                    input[name] = JsonValue.Create(request.Body);
                }
            }

            return (operation.Name, input);
        }

        throw new FakeError(HttpStatusCode.NotFound, "UnknownOperationException", $"No SageMaker Runtime operation serves {request.Method} {request.RawPath}.");
    }

    private async Task InvokeAsync(HttpContext context, JsonObject input)
    {
        var endpoint = input["EndpointName"]!.GetValue<string>();
        var variants = SageMaker.ServingVariants(endpoint);
        if (variants.Count == 0)
        {
            throw new FakeError(HttpStatusCode.BadRequest, "ValidationError", $"Endpoint {endpoint} of account {AccountId} not found.");
        }

        string variant;
        if (input["TargetVariant"]?.GetValue<string>() is { } targeted)
        {
            variant = variants.Any(v => v.Variant == targeted)
                ? targeted
                : throw new FakeError(HttpStatusCode.BadRequest, "ValidationError", $"Variant {targeted} not found for Request: endpoint {endpoint}.");
        }
        else
        {
            var total = variants.Sum(v => v.Weight);
            var draw = _routing.NextDouble() * total;
            variant = variants.First().Variant;
            foreach (var (name, weight) in variants)
            {
                if (draw < weight)
                {
                    variant = name;
                    break;
                }

                draw -= weight;
            }
        }

        var inferenceId = input["InferenceId"]?.GetValue<string>();
        lock (Invocations)
        {
            Invocations.Add((endpoint, variant, inferenceId));
        }

        var body = input["Body"]!.AsValue().GetValue<byte[]>();
        var answer = new JsonObject
        {
            ["endpoint"] = endpoint,
            ["variant"] = variant,
            ["received_bytes"] = body.Length,
            ["content_type"] = input["ContentType"]?.DeepClone(),
            ["inference_id"] = inferenceId,
        };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-Amzn-Invoked-Production-Variant"] = variant;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private static JsonObject ParseBody(byte[] body)
    {
        try
        {
            return body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? throw new FakeError(HttpStatusCode.BadRequest, "SerializationException", "The body is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FakeError(HttpStatusCode.BadRequest, "SerializationException", $"The body is not JSON: {e.Message}");
        }
    }

    private void Record(string service, string operation, JsonObject input, List<string> problems, string? signatureError, int status, string? code, ReceivedRequest request)
    {
        var inputJson = input.ToJsonString();
        lock (_calls)
        {
            _calls.Add(new RecordedCall(service, operation, inputJson, problems.ToArray(), signatureError, status, code, request.Headers));
        }
    }

    private (ServiceModel, ShapeValidator, OutputGenerator) Service(ServiceModel model) =>
        (model, new ShapeValidator(model), new OutputGenerator(model, _region, AccountId));

    public ValueTask DisposeAsync() => _host?.DisposeAsync() ?? ValueTask.CompletedTask;
}
