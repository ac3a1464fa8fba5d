using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.SageMaker.ServiceModels;

/// <summary>
/// Checks a JSON value against a shape of a service model: required members, unknown members, types
/// (structure, list, map, string, integer, long, float, double, boolean, timestamp, blob), enums, numeric
/// min / max, string and blob length, Java patterns, list and map sizes, and unions. Generic over the model:
/// nothing here knows an operation.
/// </summary>
/// <remarks>
/// A JSON <c>null</c> counts as absent, as the JSON protocols treat it. Timestamps are epoch seconds (the JSON
/// protocols' wire format) or ISO 8601 strings. Blobs are base64 strings, or raw bytes when a caller validates a
/// REST payload it holds as a <see cref="JsonValue"/> over <c>byte[]</c>.
/// </remarks>
public sealed class ShapeValidator(ServiceModel model)
{
    private const int MaxProblems = 100;

    public ServiceModel Model { get; } = model;

    /// <summary>Validates the input of <paramref name="operation"/>; an operation without input accepts only an empty object.</summary>
    public IReadOnlyList<ValidationProblem> ValidateInput(string operation, JsonNode? input)
    {
        var definition = Model.Operation(operation);
        if (definition.InputShape is null)
        {
            return input is JsonObject { Count: > 0 }
                ? [new ValidationProblem(string.Empty, "unknown", $"{operation} takes no input, but members were given.")]
                : [];
        }

        return Validate(definition.InputShape, input ?? new JsonObject());
    }

    /// <summary>Throws <see cref="RequestValidationException"/>, naming every member at fault, when the input breaks the model.</summary>
    public void ThrowIfInvalid(string operation, JsonNode? input)
    {
        var problems = ValidateInput(operation, input);
        if (problems.Count > 0)
        {
            throw new RequestValidationException(Model.Metadata.ServiceId, operation, problems);
        }
    }

    /// <summary>Validates the output of <paramref name="operation"/>, e.g. a response a fake produced.</summary>
    public IReadOnlyList<ValidationProblem> ValidateOutput(string operation, JsonNode? output)
    {
        var definition = Model.Operation(operation);
        return definition.OutputShape is null ? [] : Validate(definition.OutputShape, output ?? new JsonObject());
    }

    public IReadOnlyList<ValidationProblem> Validate(string shapeName, JsonNode? value)
    {
        var problems = new List<ValidationProblem>();
        Check(Model.Shape(shapeName), value, string.Empty, problems);
        return problems;
    }

    private void Check(ShapeModel shape, JsonNode? value, string path, List<ValidationProblem> problems)
    {
        if (problems.Count >= MaxProblems || value is null)
        {
            return;
        }

        switch (shape.Type)
        {
            case ShapeType.Structure:
                CheckStructure(shape, value, path, problems);
                break;
            case ShapeType.List:
                CheckList(shape, value, path, problems);
                break;
            case ShapeType.Map:
                CheckMap(shape, value, path, problems);
                break;
            case ShapeType.String:
                CheckString(shape, value, path, problems);
                break;
            case ShapeType.Integer:
            case ShapeType.Long:
            case ShapeType.Float:
            case ShapeType.Double:
                CheckNumber(shape, value, path, problems);
                break;
            case ShapeType.Boolean:
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Add(problems, path, "type", $"{Name(path)} must be a boolean, not {Kind(value)}.");
                }

                break;
            case ShapeType.Timestamp:
                CheckTimestamp(value, path, problems);
                break;
            case ShapeType.Blob:
                CheckBlob(shape, value, path, problems);
                break;
        }
    }

    private void CheckStructure(ShapeModel shape, JsonNode value, string path, List<ValidationProblem> problems)
    {
        if (value is not JsonObject obj)
        {
            Add(problems, path, "type", $"{Name(path)} must be a structure ({shape.Name}), not {Kind(value)}.");
            return;
        }

        foreach (var required in shape.Required)
        {
            if (!obj.TryGetPropertyValue(required, out var member) || member is null)
            {
                Add(problems, Join(path, required), "required", $"{Join(path, required)} is required ({shape.Name} requires it) but missing.");
            }
        }

        var present = 0;
        foreach (var (name, member) in obj)
        {
            if (!shape.Members.TryGetValue(name, out var definition))
            {
                var known = string.Join(", ", shape.Members.Keys.Take(12)) + (shape.Members.Count > 12 ? ", ..." : string.Empty);
                Add(problems, Join(path, name), "unknown", $"{Join(path, name)} is not a member of {shape.Name} (members: {known}).");
                continue;
            }

            if (member is not null)
            {
                present++;
                Check(Model.Shape(definition.ShapeName), member, Join(path, name), problems);
            }
        }

        if (shape.IsUnion && present != 1)
        {
            Add(problems, path, "union", $"{Name(path)} ({shape.Name}) must set exactly one of its members, but {present} are set.");
        }
    }

    private void CheckList(ShapeModel shape, JsonNode value, string path, List<ValidationProblem> problems)
    {
        if (value is not JsonArray array)
        {
            Add(problems, path, "type", $"{Name(path)} must be a list, not {Kind(value)}.");
            return;
        }

        CheckCount(shape, array.Count, path, "items", problems);
        var element = Model.Shape(shape.ListMember!.ShapeName);
        for (var i = 0; i < array.Count && problems.Count < MaxProblems; i++)
        {
            Check(element, array[i], $"{path}[{i}]", problems);
        }
    }

    private void CheckMap(ShapeModel shape, JsonNode value, string path, List<ValidationProblem> problems)
    {
        if (value is not JsonObject obj)
        {
            Add(problems, path, "type", $"{Name(path)} must be a map, not {Kind(value)}.");
            return;
        }

        CheckCount(shape, obj.Count, path, "entries", problems);
        var keyShape = Model.Shape(shape.MapKey!.ShapeName);
        var valueShape = Model.Shape(shape.MapValue!.ShapeName);
        foreach (var (key, entry) in obj)
        {
            var entryPath = $"{path}['{key}']";
            CheckString(keyShape, JsonValue.Create(key), $"{entryPath} (key)", problems);
            Check(valueShape, entry, entryPath, problems);
        }
    }

    private static void CheckCount(ShapeModel shape, int count, string path, string noun, List<ValidationProblem> problems)
    {
        if (shape.Min is { } min && count < min)
        {
            Add(problems, path, "min", $"{Name(path)} has {count} {noun}; at least {min} are required.");
        }

        if (shape.Max is { } max && count > max)
        {
            Add(problems, path, "max", $"{Name(path)} has {count} {noun}; at most {max} are allowed.");
        }
    }

    private static void CheckString(ShapeModel shape, JsonNode value, string path, List<ValidationProblem> problems)
    {
        if (value.GetValueKind() != JsonValueKind.String)
        {
            Add(problems, path, "type", $"{Name(path)} must be a string, not {Kind(value)}.");
            return;
        }

        var text = value.GetValue<string>();
        var shown = shape.Sensitive ? "(a sensitive value)" : $"'{Abbreviate(text)}'";
        if (shape.EnumValues is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            var list = string.Join(", ", allowed.Take(15)) + (allowed.Count > 15 ? $", ... ({allowed.Count} values)" : string.Empty);
            Add(problems, path, "enum", $"{Name(path)} is {shown}, which is not one of {shape.Name}'s values: {list}.");
            return;
        }

        if (shape.Min is { } min && text.Length < min)
        {
            Add(problems, path, "min", $"{Name(path)} is {text.Length} characters long; {shape.Name} needs at least {min}.");
        }

        if (shape.Max is { } max && text.Length > max)
        {
            Add(problems, path, "max", $"{Name(path)} is {text.Length} characters long; {shape.Name} allows at most {max}.");
        }

        if (shape.PatternRegex is { } regex && !regex.IsMatch(text))
        {
            Add(problems, path, "pattern", $"{Name(path)} is {shown}, which does not match {shape.Name}'s pattern {shape.Pattern}.");
        }
    }

    private static void CheckNumber(ShapeModel shape, JsonNode value, string path, List<ValidationProblem> problems)
    {
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            Add(problems, path, "type", $"{Name(path)} must be a number ({shape.Type.ToString().ToLowerInvariant()}), not {Kind(value)}.");
            return;
        }

        var number = AsDouble(value);
        if (shape.Type is ShapeType.Integer or ShapeType.Long)
        {
            var (low, high) = shape.Type == ShapeType.Integer ? ((double)int.MinValue, (double)int.MaxValue) : (long.MinValue, long.MaxValue);
            if (number != Math.Floor(number) || number < low || number > high)
            {
                Add(problems, path, "type", $"{Name(path)} is {Format(number)}, which is not a whole number in the {shape.Type.ToString().ToLowerInvariant()} range.");
                return;
            }
        }

        if (shape.Min is { } min && number < min)
        {
            Add(problems, path, "min", $"{Name(path)} is {Format(number)}; {shape.Name} must be at least {Format(min)}.");
        }

        if (shape.Max is { } max && number > max)
        {
            Add(problems, path, "max", $"{Name(path)} is {Format(number)}; {shape.Name} must be at most {Format(max)}.");
        }
    }

    private static void CheckTimestamp(JsonNode value, string path, List<ValidationProblem> problems)
    {
        var kind = value.GetValueKind();
        var valid = kind == JsonValueKind.Number
            || (kind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));
        if (!valid)
        {
            Add(problems, path, "type", $"{Name(path)} must be a timestamp (epoch seconds), not {Kind(value)}.");
        }
    }

    private static void CheckBlob(ShapeModel shape, JsonNode value, string path, List<ValidationProblem> problems)
    {
        long length;
        if (value is JsonValue raw && raw.TryGetValue<byte[]>(out var bytes))
        {
            length = bytes.Length;
        }
        else if (value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            var buffer = new byte[(text.Length * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(text, buffer, out var written))
            {
                Add(problems, path, "type", $"{Name(path)} must be base64-encoded binary data.");
                return;
            }

            length = written;
        }
        else
        {
            Add(problems, path, "type", $"{Name(path)} must be binary data (a base64 string), not {Kind(value)}.");
            return;
        }

        if (shape.Min is { } min && length < min)
        {
            Add(problems, path, "min", $"{Name(path)} is {length} bytes; {shape.Name} needs at least {min}.");
        }

        if (shape.Max is { } max && length > max)
        {
            Add(problems, path, "max", $"{Name(path)} is {length} bytes; {shape.Name} allows at most {max}.");
        }
    }

    private static void Add(List<ValidationProblem> problems, string path, string constraint, string message)
    {
        if (problems.Count < MaxProblems)
        {
            problems.Add(new ValidationProblem(path, constraint, message));
        }
    }

    private static string Join(string path, string member) => path.Length == 0 ? member : $"{path}.{member}";

    private static string Name(string path) => path.Length == 0 ? "The request" : path;

    private static string Kind(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static double AsDouble(JsonNode value) =>
        value.AsValue().TryGetValue<double>(out var number)
            ? number
            : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static string Abbreviate(string text) => text.Length <= 80 ? text : $"{text[..77]}...";
}
