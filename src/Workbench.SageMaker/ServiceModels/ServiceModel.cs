using System.Text.Json;

namespace Workbench.SageMaker.ServiceModels;

/// <summary>
/// A botocore service model (<c>service-2.json</c>): metadata, operations and shapes. Everything that checks a
/// request or shapes a response reads it from here, so nothing is written by hand per operation.
/// </summary>
public sealed class ServiceModel
{
    private ServiceModel(string source, ServiceMetadata metadata, IReadOnlyDictionary<string, OperationModel> operations, IReadOnlyDictionary<string, ShapeModel> shapes)
    {
        Source = source;
        Metadata = metadata;
        Operations = operations;
        Shapes = shapes;
    }

    /// <summary>Where the model was read from (a file path or an embedded resource name), for error messages.</summary>
    public string Source { get; }

    public ServiceMetadata Metadata { get; }

    public IReadOnlyDictionary<string, OperationModel> Operations { get; }

    public IReadOnlyDictionary<string, ShapeModel> Shapes { get; }

    public OperationModel Operation(string name) =>
        Operations.TryGetValue(name, out var operation)
            ? operation
            : throw new KeyNotFoundException($"{Metadata.ServiceId} has no operation '{name}' (model {Source}).");

    public ShapeModel Shape(string name) =>
        Shapes.TryGetValue(name, out var shape)
            ? shape
            : throw new KeyNotFoundException($"{Metadata.ServiceId} has no shape '{name}' (model {Source}).");

    public static ServiceModel LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    public static ServiceModel Load(Stream json, string source)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        var root = document.RootElement;
        try
        {
            var metadata = ReadMetadata(root.GetProperty("metadata"));
            var shapes = new Dictionary<string, ShapeModel>(StringComparer.Ordinal);
            foreach (var shape in root.GetProperty("shapes").EnumerateObject())
            {
                shapes[shape.Name] = ReadShape(shape.Name, shape.Value);
            }

            var operations = new Dictionary<string, OperationModel>(StringComparer.Ordinal);
            foreach (var operation in root.GetProperty("operations").EnumerateObject())
            {
                operations[operation.Name] = ReadOperation(operation.Name, operation.Value);
            }

            return new ServiceModel(source, metadata, operations, shapes);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{source} is not a botocore service model: {e.Message}", e);
        }
    }

    private static ServiceMetadata ReadMetadata(JsonElement metadata) => new(
        ServiceId: metadata.GetProperty("serviceId").GetString()!,
        ApiVersion: metadata.GetProperty("apiVersion").GetString()!,
        Protocol: metadata.GetProperty("protocol").GetString()!,
        TargetPrefix: OptionalString(metadata, "targetPrefix"),
        JsonVersion: OptionalString(metadata, "jsonVersion"),
        EndpointPrefix: metadata.GetProperty("endpointPrefix").GetString()!,
        SigningName: OptionalString(metadata, "signingName") ?? metadata.GetProperty("endpointPrefix").GetString()!);

    private static OperationModel ReadOperation(string name, JsonElement operation)
    {
        var http = operation.GetProperty("http");
        var errors = operation.TryGetProperty("errors", out var list)
            ? list.EnumerateArray().Select(e => e.GetProperty("shape").GetString()!).ToArray()
            : [];
        return new OperationModel(
            name,
            http.GetProperty("method").GetString()!,
            http.GetProperty("requestUri").GetString()!,
            operation.TryGetProperty("input", out var input) ? input.GetProperty("shape").GetString() : null,
            operation.TryGetProperty("output", out var output) ? output.GetProperty("shape").GetString() : null,
            errors);
    }

    private static ShapeModel ReadShape(string name, JsonElement shape)
    {
        var typeName = shape.GetProperty("type").GetString()!;
        if (!Enum.TryParse<ShapeType>(typeName, ignoreCase: true, out var type))
        {
            throw new FormatException($"shape '{name}' has type '{typeName}', which Workbench does not know.");
        }

        var members = new Dictionary<string, MemberModel>(StringComparer.Ordinal);
        if (shape.TryGetProperty("members", out var memberList))
        {
            foreach (var member in memberList.EnumerateObject())
            {
                members[member.Name] = ReadMember(member.Name, member.Value);
            }
        }

        var required = shape.TryGetProperty("required", out var requiredList)
            ? requiredList.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        var enumValues = shape.TryGetProperty("enum", out var enumList)
            ? enumList.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : null;
        string? errorCode = null;
        int? errorStatus = null;
        if (shape.TryGetProperty("error", out var error))
        {
            errorCode = OptionalString(error, "code");
            errorStatus = error.TryGetProperty("httpStatusCode", out var status) ? status.GetInt32() : null;
        }

        return new ShapeModel(
            name,
            type,
            members,
            required,
            shape.TryGetProperty("member", out var listMember) ? ReadMember("member", listMember) : null,
            shape.TryGetProperty("key", out var key) ? ReadMember("key", key) : null,
            shape.TryGetProperty("value", out var value) ? ReadMember("value", value) : null,
            enumValues,
            OptionalNumber(shape, "min"),
            OptionalNumber(shape, "max"),
            OptionalString(shape, "pattern"),
            OptionalBool(shape, "sensitive"),
            OptionalBool(shape, "union"),
            OptionalBool(shape, "exception"),
            errorCode,
            errorStatus,
            OptionalString(shape, "payload"));
    }

    private static MemberModel ReadMember(string name, JsonElement member) => new(
        name,
        member.GetProperty("shape").GetString()!,
        OptionalString(member, "location"),
        OptionalString(member, "locationName"),
        OptionalBool(member, "idempotencyToken"));

    private static string? OptionalString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? OptionalNumber(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static bool OptionalBool(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;
}
