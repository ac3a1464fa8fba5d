using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workbench.SageMaker.Tests.Fake;

/// <summary>
/// The resources the fake SageMaker holds and a small state machine over them: jobs report InProgress, then
/// Completed after a few polls (training jobs walking Starting → Downloading → Training → Uploading →
/// Completed); endpoints Creating / Updating, then InService; deletions Deleting, then gone. Describe output is
/// the stored request plus the statuses, and the generator fills every other required member.
/// </summary>
public sealed partial class FakeSageMakerState(string region, string accountId)
{
    private static readonly string[] TrainingSteps = ["Starting", "Downloading", "Training", "Uploading", "Completed"];

    private readonly Dictionary<(string Kind, string Name), Resource> _resources = [];
    private readonly object _gate = new();

    /// <summary>How many Describe calls a transitional status lasts.</summary>
    public int PollsToSettle { get; set; } = 2;

    /// <summary>Forces a resource into a status, e.g. a training job into Failed with a reason.</summary>
    public void ForceStatus(string kind, string name, string status, string? failureReason = null)
    {
        lock (_gate)
        {
            var resource = _resources[(kind, name)];
            resource.Status = status;
            resource.Target = null;
            resource.FailureReason = failureReason;
            if (kind == "TrainingJob")
            {
                resource.SecondaryStatus = status;
            }
        }
    }

    public bool Exists(string kind, string name)
    {
        lock (_gate)
        {
            return _resources.ContainsKey((kind, name));
        }
    }

    public string? StatusOf(string kind, string name)
    {
        lock (_gate)
        {
            return _resources.TryGetValue((kind, name), out var resource) ? resource.Status : null;
        }
    }

    /// <summary>An endpoint's variants as they serve now: name and current weight.</summary>
    public IReadOnlyList<(string Variant, double Weight)> ServingVariants(string endpointName)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(("Endpoint", endpointName), out var endpoint) || endpoint.Status != "InService")
            {
                return [];
            }

            return endpoint.Variants.Select(v => (v.Name, v.CurrentWeight)).ToArray();
        }
    }

    public JsonObject Handle(string operation, JsonObject input)
    {
        lock (_gate)
        {
            var match = OperationName().Match(operation);
            if (!match.Success)
            {
                throw new FakeError(System.Net.HttpStatusCode.BadRequest, "UnknownOperationException", $"The fake does not serve {operation}.");
            }

            var (verb, kind) = (match.Groups[1].Value, match.Groups[2].Value);
            return (verb, kind) switch
            {
                ("Update", "EndpointWeightsAndCapacities") => UpdateWeights(input),
                ("Create", "ModelPackage") => CreateModelPackage(input),
                ("Describe", "ModelPackage") => Describe("ModelPackage", PackageKey(input["ModelPackageName"]!.GetValue<string>())),
                ("Update", "ModelPackage") => UpdateModelPackage(input),
                ("List", "ModelPackages") => ListModelPackages(input),
                ("List", "TrainingJobs") => ListTrainingJobs(input),
                ("Create", _) => Create(kind, input),
                ("Describe", _) => Describe(kind, NameOf(kind, input)),
                ("Stop", _) => Stop(kind, NameOf(kind, input)),
                ("Delete", _) => Delete(kind, NameOf(kind, input)),
                ("Update", "Endpoint") => UpdateEndpoint(input),
                _ => throw new FakeError(System.Net.HttpStatusCode.BadRequest, "UnknownOperationException", $"The fake does not serve {operation}."),
            };
        }
    }

    private JsonObject Create(string kind, JsonObject input)
    {
        var name = NameOf(kind, input);
        if (_resources.ContainsKey((kind, name)))
        {
            throw new FakeError(System.Net.HttpStatusCode.BadRequest, "ResourceInUse", $"Cannot create already existing {Words(kind)} \"{Arn(kind, name)}\".");
        }

        switch (kind)
        {
            case "EndpointConfig":
                foreach (var variant in input["ProductionVariants"]!.AsArray())
                {
                    RequireModel(variant!["ModelName"]?.GetValue<string>());
                }

                break;
            case "Endpoint":
                var configName = input["EndpointConfigName"]!.GetValue<string>();
                if (!_resources.ContainsKey(("EndpointConfig", configName)))
                {
                    throw FakeError.Validation($"Could not find endpoint configuration \"{Arn("EndpointConfig", configName)}\".");
                }

                break;
            case "TransformJob":
                RequireModel(input["ModelName"]!.GetValue<string>());
                break;
        }

        var resource = new Resource(kind, name, Arn(kind, name), (JsonObject)input.DeepClone());
        (resource.Status, resource.Target) = kind switch
        {
            "TrainingJob" or "HyperParameterTuningJob" or "TransformJob" => ("InProgress", "Completed"),
            "Endpoint" => ("Creating", "InService"),
            _ => (string.Empty, null),
        };
        if (kind == "TrainingJob")
        {
            resource.SecondaryStatus = "Starting";
            resource.Transitions.Add(("Starting", DateTimeOffset.UtcNow, null));
        }

        if (kind == "Endpoint")
        {
            resource.Variants = VariantsOf(input["EndpointConfigName"]!.GetValue<string>());
        }

        _resources[(kind, name)] = resource;
        return new JsonObject { [$"{kind}Arn"] = resource.Arn };
    }

    private JsonObject Describe(string kind, string name)
    {
        var resource = Find(kind, name);
        resource.Polls++;
        Advance(resource);
        var output = (JsonObject)resource.Input.DeepClone();
        output[$"{kind}Name"] = kind == "ModelPackage" ? resource.Input["ModelPackageGroupName"]!.DeepClone() : name;
        output[$"{kind}Arn"] = resource.Arn;
        if (resource.Status.Length > 0)
        {
            output[$"{kind}Status"] = resource.Status;
        }

        output["CreationTime"] = Epoch(resource.Created);
        output["LastModifiedTime"] = Epoch(resource.LastModified);
        if (resource.FailureReason is not null)
        {
            output["FailureReason"] = resource.FailureReason;
        }

        switch (kind)
        {
            case "TrainingJob":
                output["SecondaryStatus"] = resource.SecondaryStatus;
                output["SecondaryStatusTransitions"] = new JsonArray(resource.Transitions.Select(t =>
                {
                    var transition = new JsonObject { ["Status"] = t.Status, ["StartTime"] = Epoch(t.Start) };
                    if (t.End is { } end)
                    {
                        transition["EndTime"] = Epoch(end);
                    }

                    return (JsonNode)transition;
                }).ToArray());
                output["ModelArtifacts"] = new JsonObject
                {
                    ["S3ModelArtifacts"] = $"{resource.Input["OutputDataConfig"]!["S3OutputPath"]!.GetValue<string>().TrimEnd('/')}/{name}/output/model.tar.gz",
                };
                break;
            case "Endpoint":
                output["ProductionVariants"] = new JsonArray(resource.Variants.Select(v => (JsonNode)new JsonObject
                {
                    ["VariantName"] = v.Name,
                    ["CurrentWeight"] = v.CurrentWeight,
                    ["DesiredWeight"] = v.DesiredWeight,
                    ["CurrentInstanceCount"] = v.CurrentInstances,
                    ["DesiredInstanceCount"] = v.DesiredInstances,
                }).ToArray());
                break;
            case "ModelPackage":
                output["ModelPackageVersion"] = resource.Version;
                output["ModelApprovalStatus"] = resource.Input["ModelApprovalStatus"]?.DeepClone() ?? "PendingManualApproval";
                break;
        }

        return output;
    }

    private JsonObject Stop(string kind, string name)
    {
        var resource = Find(kind, name);
        if (resource.Target is null)
        {
            throw FakeError.Validation($"The {Words(kind)} {name} is {resource.Status} and cannot be stopped.");
        }

        (resource.Status, resource.Target) = ("Stopping", "Stopped");
        resource.Polls = 0;
        if (kind == "TrainingJob")
        {
            Transition(resource, "Stopping");
        }

        return [];
    }

    private JsonObject Delete(string kind, string name)
    {
        var resource = Find(kind, name);
        if (kind == "Endpoint")
        {
            (resource.Status, resource.Target) = ("Deleting", "Deleted");
            resource.Polls = 0;
        }
        else
        {
            _resources.Remove((kind, name));
        }

        return [];
    }

    private JsonObject UpdateEndpoint(JsonObject input)
    {
        var name = input["EndpointName"]!.GetValue<string>();
        var endpoint = Find("Endpoint", name);
        var configName = input["EndpointConfigName"]!.GetValue<string>();
        if (!_resources.ContainsKey(("EndpointConfig", configName)))
        {
            throw FakeError.Validation($"Could not find endpoint configuration \"{Arn("EndpointConfig", configName)}\".");
        }

        RequireInService(endpoint);
        endpoint.Input["EndpointConfigName"] = configName;
        endpoint.Variants = VariantsOf(configName);
        (endpoint.Status, endpoint.Target, endpoint.Polls) = ("Updating", "InService", 0);
        return new JsonObject { ["EndpointArn"] = endpoint.Arn };
    }

    private JsonObject UpdateWeights(JsonObject input)
    {
        var endpoint = Find("Endpoint", input["EndpointName"]!.GetValue<string>());
        RequireInService(endpoint);
        foreach (var desired in input["DesiredWeightsAndCapacities"]!.AsArray())
        {
            var variantName = desired!["VariantName"]!.GetValue<string>();
            var variant = endpoint.Variants.FirstOrDefault(v => v.Name == variantName)
                ?? throw FakeError.Validation($"The variant name(s) [{variantName}] is/are not present in the endpoint.");
            variant.DesiredWeight = desired["DesiredWeight"]?.GetValue<double>() ?? variant.DesiredWeight;
            variant.DesiredInstances = desired["DesiredInstanceCount"]?.GetValue<int>() ?? variant.DesiredInstances;
        }

        (endpoint.Status, endpoint.Target, endpoint.Polls) = ("Updating", "InService", 0);
        return new JsonObject { ["EndpointArn"] = endpoint.Arn };
    }

    private JsonObject CreateModelPackage(JsonObject input)
    {
        var group = input["ModelPackageGroupName"]?.GetValue<string>()
            ?? throw FakeError.Validation("The fake registers versioned packages only: ModelPackageGroupName is required.");
        if (!_resources.ContainsKey(("ModelPackageGroup", group)))
        {
            throw FakeError.Validation($"Model Package Group {group} does not exist.");
        }

        var version = _resources.Values.Count(r => r.Kind == "ModelPackage" && r.Input["ModelPackageGroupName"]?.GetValue<string>() == group) + 1;
        var key = $"{group}/{version}";
        var resource = new Resource("ModelPackage", key, Arn("ModelPackage", key), (JsonObject)input.DeepClone())
        {
            Status = "InProgress",
            Target = "Completed",
            Version = version,
        };
        resource.Input.Remove("ClientToken");
        resource.Input.Remove("ModelPackageName");
        _resources[("ModelPackage", key)] = resource;
        return new JsonObject { ["ModelPackageArn"] = resource.Arn };
    }

    private JsonObject UpdateModelPackage(JsonObject input)
    {
        var resource = Find("ModelPackage", PackageKey(input["ModelPackageArn"]!.GetValue<string>()));
        foreach (var member in new[] { "ModelApprovalStatus", "ApprovalDescription", "CustomerMetadataProperties" })
        {
            if (input[member] is { } value)
            {
                resource.Input[member] = value.DeepClone();
            }
        }

        resource.LastModified = DateTimeOffset.UtcNow;
        return new JsonObject { ["ModelPackageArn"] = resource.Arn };
    }

    private JsonObject ListModelPackages(JsonObject input)
    {
        var group = input["ModelPackageGroupName"]?.GetValue<string>();
        var approval = input["ModelApprovalStatus"]?.GetValue<string>();
        var summaries = _resources.Values
            .Where(r => r.Kind == "ModelPackage")
            .Where(r => group is null || r.Input["ModelPackageGroupName"]?.GetValue<string>() == group)
            .Where(r => approval is null || (r.Input["ModelApprovalStatus"]?.GetValue<string>() ?? "PendingManualApproval") == approval)
            .OrderBy(r => r.Version)
            .Select(r => (JsonNode)new JsonObject
            {
                ["ModelPackageGroupName"] = r.Input["ModelPackageGroupName"]!.DeepClone(),
                ["ModelPackageVersion"] = r.Version,
                ["ModelPackageArn"] = r.Arn,
                ["CreationTime"] = Epoch(r.Created),
                ["ModelPackageStatus"] = r.Status,
                ["ModelApprovalStatus"] = r.Input["ModelApprovalStatus"]?.DeepClone() ?? "PendingManualApproval",
            });
        return Page(summaries.ToArray(), input, "ModelPackageSummaryList");
    }

    private JsonObject ListTrainingJobs(JsonObject input)
    {
        var contains = input["NameContains"]?.GetValue<string>();
        var status = input["StatusEquals"]?.GetValue<string>();
        var summaries = _resources.Values
            .Where(r => r.Kind == "TrainingJob")
            .Where(r => contains is null || r.Name.Contains(contains, StringComparison.Ordinal))
            .Where(r => status is null || r.Status == status)
            .OrderByDescending(r => r.Created).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => (JsonNode)new JsonObject
            {
                ["TrainingJobName"] = r.Name,
                ["TrainingJobArn"] = r.Arn,
                ["CreationTime"] = Epoch(r.Created),
                ["TrainingJobStatus"] = r.Status,
                ["SecondaryStatus"] = r.SecondaryStatus,
            });
        return Page(summaries.ToArray(), input, "TrainingJobSummaries");
    }

    private static JsonObject Page(JsonNode[] items, JsonObject input, string member)
    {
        var start = input["NextToken"] is { } token ? int.Parse(token.GetValue<string>(), CultureInfo.InvariantCulture) : 0;
        var size = input["MaxResults"]?.GetValue<int>() ?? 10;
        var page = new JsonObject { [member] = new JsonArray(items.Skip(start).Take(size).ToArray()) };
        if (start + size < items.Length)
        {
            page["NextToken"] = (start + size).ToString(CultureInfo.InvariantCulture);
        }

        return page;
    }

    private void Advance(Resource resource)
    {
        if (resource.Kind == "TrainingJob" && resource.Status == "InProgress")
        {
            // One secondary status per poll: Starting, Downloading, Training, Uploading, Completed.
            var step = Array.IndexOf(TrainingSteps, resource.SecondaryStatus);
            Transition(resource, TrainingSteps[Math.Min(step + 1, TrainingSteps.Length - 1)]);
            if (resource.SecondaryStatus == "Completed")
            {
                resource.Status = "Completed";
                resource.Target = null;
            }

            return;
        }

        if (resource.Target is null || resource.Polls < PollsToSettle)
        {
            return;
        }

        if (resource.Target == "Deleted")
        {
            _resources.Remove((resource.Kind, resource.Name));
            throw FakeError.Validation($"Could not find endpoint \"{resource.Arn}\".");
        }

        resource.Status = resource.Target;
        resource.Target = null;
        resource.LastModified = DateTimeOffset.UtcNow;
        if (resource.Kind == "TrainingJob" && resource.Status == "Stopped")
        {
            Transition(resource, "Stopped");
        }

        foreach (var variant in resource.Variants)
        {
            variant.CurrentWeight = variant.DesiredWeight;
            variant.CurrentInstances = variant.DesiredInstances;
        }
    }

    private static void Transition(Resource resource, string status)
    {
        var now = DateTimeOffset.UtcNow;
        if (resource.Transitions.Count > 0 && resource.Transitions[^1].End is null)
        {
            resource.Transitions[^1] = resource.Transitions[^1] with { End = now };
        }

        resource.Transitions.Add((status, now, status is "Completed" or "Stopped" or "Failed" ? now : null));
        resource.SecondaryStatus = status;
        resource.LastModified = now;
    }

    private List<Variant> VariantsOf(string configName) =>
        _resources[("EndpointConfig", configName)].Input["ProductionVariants"]!.AsArray().Select(v => new Variant
        {
            Name = v!["VariantName"]!.GetValue<string>(),
            CurrentWeight = v["InitialVariantWeight"]?.GetValue<double>() ?? 1,
            DesiredWeight = v["InitialVariantWeight"]?.GetValue<double>() ?? 1,
            CurrentInstances = v["InitialInstanceCount"]?.GetValue<int>() ?? 1,
            DesiredInstances = v["InitialInstanceCount"]?.GetValue<int>() ?? 1,
        }).ToList();

    private void RequireModel(string? modelName)
    {
        if (modelName is not null && !_resources.ContainsKey(("Model", modelName)))
        {
            throw FakeError.Validation($"Could not find model \"{Arn("Model", modelName)}\".");
        }
    }

    private static void RequireInService(Resource endpoint)
    {
        if (endpoint.Status != "InService")
        {
            throw FakeError.Validation($"Cannot update in-progress endpoint \"{endpoint.Arn}\".");
        }
    }

    private Resource Find(string kind, string name) =>
        _resources.TryGetValue((kind, name), out var resource)
            ? resource
            : throw FakeError.Validation(kind is "TrainingJob" or "TransformJob" or "HyperParameterTuningJob"
                ? "Requested resource not found."
                : $"Could not find {Words(kind)} \"{Arn(kind, name)}\".");

    private static string NameOf(string kind, JsonObject input) =>
        input[$"{kind}Name"]?.GetValue<string>() ?? throw FakeError.Validation($"{kind}Name is required.");

    private static string PackageKey(string nameOrArn)
    {
        var marker = ":model-package/";
        var index = nameOrArn.IndexOf(marker, StringComparison.Ordinal);
        return index >= 0 ? nameOrArn[(index + marker.Length)..] : nameOrArn;
    }

    private string Arn(string kind, string name) =>
        $"arn:aws:sagemaker:{region}:{accountId}:{Kebab().Replace(kind, "$1-$2").ToLowerInvariant()}/{(kind == "Endpoint" || kind == "EndpointConfig" ? name.ToLowerInvariant() : name)}";

    private static string Words(string kind) => Kebab().Replace(kind, "$1 $2").ToLowerInvariant();

    private static double Epoch(DateTimeOffset time) => Math.Round(time.ToUnixTimeMilliseconds() / 1000.0, 3);

    [GeneratedRegex("^(Create|Describe|Stop|Delete|Update|List)(.+)$")]
    private static partial Regex OperationName();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex Kebab();

    private sealed class Resource(string kind, string name, string arn, JsonObject input)
    {
        public string Kind { get; } = kind;

        public string Name { get; } = name;

        public string Arn { get; } = arn;

        public JsonObject Input { get; } = input;

        public string Status { get; set; } = string.Empty;

        public string? Target { get; set; }

        public string? SecondaryStatus { get; set; }

        public string? FailureReason { get; set; }

        public int Polls { get; set; }

        public int Version { get; init; }

        public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

        public DateTimeOffset LastModified { get; set; } = DateTimeOffset.UtcNow;

        public List<(string Status, DateTimeOffset Start, DateTimeOffset? End)> Transitions { get; } = [];

        public List<Variant> Variants { get; set; } = [];
    }

    private sealed class Variant
    {
        public required string Name { get; init; }

        public double CurrentWeight { get; set; }

        public double DesiredWeight { get; set; }

        public int CurrentInstances { get; set; }

        public int DesiredInstances { get; set; }
    }
}
