using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Tests.Fake;

/// <summary>
/// Builds the smallest valid value of a shape: every required member, nothing else. Values come from hints
/// (the resource's stored request, e.g. its name) when the shape accepts them, else from a synthesised ARN or
/// name, else from the shape's enum, minimum and pattern. Generic over the model: no operation is named here.
/// </summary>
public sealed partial class OutputGenerator(ServiceModel model, string region, string accountId)
{
    private readonly ShapeValidator _validator = new(model);

    public ServiceModel Model => model;

    /// <summary>A minimal value of <paramref name="shapeName"/>; <paramref name="hints"/> supplies member values by name.</summary>
    public JsonNode Generate(string shapeName, IReadOnlyDictionary<string, JsonNode?>? hints = null, string memberName = "")
        => Generate(model.Shape(shapeName), hints ?? new Dictionary<string, JsonNode?>(), memberName, depth: 0);

    /// <summary>Adds every required member missing from <paramref name="value"/>, recursively.</summary>
    public void Complete(string shapeName, JsonObject value, IReadOnlyDictionary<string, JsonNode?>? hints = null) =>
        Complete(model.Shape(shapeName), value, hints ?? new Dictionary<string, JsonNode?>(), 0);

    private void Complete(ShapeModel shape, JsonObject value, IReadOnlyDictionary<string, JsonNode?> hints, int depth)
    {
        foreach (var required in shape.Required)
        {
            var member = model.Shape(shape.Members[required].ShapeName);
            if (value[required] is null)
            {
                value[required] = Generate(member, hints, required, depth + 1);
            }
            else if (member.Type == ShapeType.Structure && value[required] is JsonObject nested)
            {
                Complete(member, nested, hints, depth + 1);
            }
        }
    }

    private JsonNode Generate(ShapeModel shape, IReadOnlyDictionary<string, JsonNode?> hints, string memberName, int depth)
    {
        if (depth > 30)
        {
            throw new InvalidOperationException($"Shape {shape.Name} nests too deeply to generate.");
        }

        if (memberName.Length > 0 && hints.TryGetValue(memberName, out var hinted) && hinted is not null && _validator.Validate(shape.Name, hinted).Count == 0)
        {
            return hinted.DeepClone();
        }

        switch (shape.Type)
        {
            case ShapeType.Structure:
                var obj = new JsonObject();
                var members = shape.IsUnion && shape.Required.Count == 0 ? shape.Members.Keys.Take(1) : shape.Required;
                foreach (var name in members)
                {
                    obj[name] = Generate(model.Shape(shape.Members[name].ShapeName), hints, name, depth + 1);
                }

                return obj;
            case ShapeType.List:
                var list = new JsonArray();
                for (var i = 0; i < (int)(shape.Min ?? 0); i++)
                {
                    list.Add(Generate(model.Shape(shape.ListMember!.ShapeName), hints, string.Empty, depth + 1));
                }

                return list;
            case ShapeType.Map:
                var map = new JsonObject();
                for (var i = 0; i < (int)(shape.Min ?? 0); i++)
                {
                    map[$"key{i}"] = Generate(model.Shape(shape.MapValue!.ShapeName), hints, string.Empty, depth + 1);
                }

                return map;
            case ShapeType.String:
                return JsonValue.Create(GenerateString(shape, hints, memberName));
            case ShapeType.Integer or ShapeType.Long:
                return JsonValue.Create((long)Math.Ceiling(Math.Max(shape.Min ?? 0, Math.Min(1, shape.Max ?? 1))));
            case ShapeType.Float or ShapeType.Double:
                return JsonValue.Create(Math.Max(shape.Min ?? 0, Math.Min(1, shape.Max ?? 1)));
            case ShapeType.Boolean:
                return JsonValue.Create(false);
            case ShapeType.Timestamp:
                return JsonValue.Create(Math.Round(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 3));
            default:
                return JsonValue.Create(Convert.ToBase64String(new byte[(int)(shape.Min ?? 0)]));
        }
    }

    private string GenerateString(ShapeModel shape, IReadOnlyDictionary<string, JsonNode?> hints, string memberName)
    {
        if (shape.EnumValues is { Count: > 0 } values)
        {
            return values[0];
        }

        var name = NameFor(memberName, hints);
        var candidates = new List<string>();
        if (memberName.EndsWith("Arn", StringComparison.OrdinalIgnoreCase) || memberName.EndsWith("ARN", StringComparison.Ordinal))
        {
            var resource = Kebab(memberName[..^3]);
            candidates.Add($"arn:aws:{ArnService()}:{region}:{accountId}:{resource}/{name}");
            candidates.Add($"arn:aws:{ArnService()}:{region}:{accountId}:{resource}/{name}/1");
            candidates.Add($"arn:aws:iam::{accountId}:role/{name}");
        }

        candidates.Add(name);
        candidates.Add("example");
        candidates.Add(new string('a', (int)Math.Max(1, shape.Min ?? 1)));
        candidates.Add(new string('1', (int)Math.Max(1, shape.Min ?? 1)));
        candidates.Add($"s3://example-bucket/{name}");
        candidates.Add($"https://example.com/{name}");
        if (shape.Pattern is { } pattern)
        {
            candidates.Add(PatternSampler.Sample(pattern));
        }

        foreach (var candidate in candidates)
        {
            if ((shape.Min is not { } min || candidate.Length >= min)
                && (shape.Max is not { } max || candidate.Length <= max)
                && (shape.PatternRegex is null || shape.PatternRegex.IsMatch(candidate)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"Cannot generate a value for {shape.Name} (pattern {shape.Pattern}, length {shape.Min}..{shape.Max}).");
    }

    private string ArnService() => model.Metadata.SigningName == "application-autoscaling" ? "autoscaling" : "sagemaker";

    private static string NameFor(string memberName, IReadOnlyDictionary<string, JsonNode?> hints)
    {
        var stem = memberName.EndsWith("Arn", StringComparison.OrdinalIgnoreCase) ? memberName[..^3] : memberName;
        if (hints.TryGetValue($"{stem}Name", out var name) && name is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        return "example";
    }

    private static string Kebab(string pascal) => KebabBoundary().Replace(pascal, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex KebabBoundary();
}
