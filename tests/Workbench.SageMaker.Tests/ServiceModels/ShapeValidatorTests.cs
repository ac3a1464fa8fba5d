using System.Text.Json.Nodes;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Tests.ServiceModels;

public sealed class ShapeValidatorTests
{
    private static readonly ShapeValidator SageMaker = new(BundledModels.SageMaker);

    internal static JsonObject ValidTrainingJob() => JsonNode.Parse("""
        {
          "TrainingJobName": "readmission-2024-06-01",
          "HyperParameters": { "epochs": "20", "learning_rate": "0.05" },
          "AlgorithmSpecification": {
            "TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/workbench-train:1.0",
            "TrainingInputMode": "File",
            "MetricDefinitions": [ { "Name": "validation:auc", "Regex": "validation_auc=([0-9.]+)" } ]
          },
          "RoleArn": "arn:aws:iam::123456789012:role/workbench-execution",
          "InputDataConfig": [
            { "ChannelName": "train", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://wb-data/readmission/train/" } } }
          ],
          "OutputDataConfig": { "S3OutputPath": "s3://wb-models/readmission/" },
          "ResourceConfig": { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30 },
          "StoppingCondition": { "MaxRuntimeInSeconds": 3600 },
          "Tags": [ { "Key": "team", "Value": "ml-ops" } ]
        }
        """)!.AsObject();

    [Fact]
    public void A_valid_request_has_no_problems()
    {
        SageMaker.ValidateInput("CreateTrainingJob", ValidTrainingJob()).Should().BeEmpty();
    }

    public static TheoryData<string, string, string, string> BadRequests => new()
    {
        // mutation (JSON path = new JSON value, or "-path" to remove), expected member path, constraint, text in message
        { "-RoleArn", "RoleArn", "required", "RoleArn is required" },
        { "-AlgorithmSpecification.TrainingInputMode", "AlgorithmSpecification.TrainingInputMode", "required", "AlgorithmSpecification.TrainingInputMode is required" },
        { "AlgorithmSpecification.TrainingInputMode=\"Stream\"", "AlgorithmSpecification.TrainingInputMode", "enum", "'Stream'" },
        { "ResourceConfig.InstanceType=\"ml.m5.huge\"", "ResourceConfig.InstanceType", "enum", "ml.m5.huge" },
        { "StoppingCondition.MaxRuntimeInSeconds=0", "StoppingCondition.MaxRuntimeInSeconds", "min", "at least 1" },
        { "ResourceConfig.KeepAlivePeriodInSeconds=99999", "ResourceConfig.KeepAlivePeriodInSeconds", "max", "at most 21600" },
        { "TrainingJobName=\"bad_name\"", "TrainingJobName", "pattern", "does not match" },
        { "TrainingJobName=\"" + new string('a', 64) + "\"", "TrainingJobName", "max", "64 characters" },
        { "RoleArn=\"arn:aws:iam::1:r\"", "RoleArn", "min", "needs at least 20" },
        { "InputDataConfig=[]", "InputDataConfig", "min", "0 items" },
        { "ResourceConfig.InstanceCount=\"2\"", "ResourceConfig.InstanceCount", "type", "must be a number" },
        { "ResourceConfig.InstanceCount=2.5", "ResourceConfig.InstanceCount", "type", "not a whole number" },
        { "ResourceConfig.InstanceCount=3000000000", "ResourceConfig.InstanceCount", "type", "integer range" },
        { "EnableManagedSpotTraining=\"yes\"", "EnableManagedSpotTraining", "type", "must be a boolean" },
        { "Tags=" + TagList(51), "Tags", "max", "51 items" },
        { "Colour=\"blue\"", "Colour", "unknown", "not a member of CreateTrainingJobRequest" },
        { "InputDataConfig[0].ChannelName=\"train data\"", "InputDataConfig[0].ChannelName", "pattern", "'train data'" },
        { "HyperParameters." + new string('k', 257) + "=\"1\"", "HyperParameters['" + new string('k', 257) + "'] (key)", "max", "257 characters" },
        { "AlgorithmSpecification=\"image\"", "AlgorithmSpecification", "type", "must be a structure" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void A_forbidden_request_is_rejected_naming_the_member(string mutation, string path, string constraint, string message)
    {
        var request = ValidTrainingJob();
        Mutate(request, mutation);

        var problems = SageMaker.ValidateInput("CreateTrainingJob", request);

        problems.Should().NotBeEmpty().And.OnlyContain(p => p.Path == path);
        problems.Should().ContainSingle(p => p.Constraint == constraint).Which.Message.Should().Contain(path).And.Contain(message);
    }

    [Fact]
    public void Timestamps_are_epoch_seconds_or_ISO_8601()
    {
        var validator = SageMaker;
        validator.ValidateInput("ListTrainingJobs", new JsonObject { ["CreationTimeAfter"] = 1717200000.5 }).Should().BeEmpty();
        validator.ValidateInput("ListTrainingJobs", new JsonObject { ["CreationTimeAfter"] = "2024-06-01T00:00:00Z" }).Should().BeEmpty();
        validator.ValidateInput("ListTrainingJobs", new JsonObject { ["CreationTimeAfter"] = "yesterday" })
            .Should().ContainSingle().Which.Constraint.Should().Be("type");
    }

    [Fact]
    public void Blobs_are_checked_by_decoded_length_and_raw_bytes_are_accepted()
    {
        var runtime = new ShapeValidator(BundledModels.SageMakerRuntime);
        var ok = new JsonObject { ["EndpointName"] = "ep", ["Body"] = JsonValue.Create(new byte[10]) };
        runtime.ValidateInput("InvokeEndpoint", ok).Should().BeEmpty();
        var base64 = new JsonObject { ["EndpointName"] = "ep", ["Body"] = Convert.ToBase64String(new byte[10]) };
        runtime.ValidateInput("InvokeEndpoint", base64).Should().BeEmpty();
        var tooLarge = new JsonObject { ["EndpointName"] = "ep", ["Body"] = JsonValue.Create(new byte[6 * 1024 * 1024 + 1]) };
        runtime.ValidateInput("InvokeEndpoint", tooLarge).Should().ContainSingle().Which.Message.Should().Contain("Body is 6291457 bytes");
        var notBase64 = new JsonObject { ["EndpointName"] = "ep", ["Body"] = "not base64!" };
        runtime.ValidateInput("InvokeEndpoint", notBase64).Should().ContainSingle().Which.Constraint.Should().Be("type");
    }

    [Fact]
    public void A_sensitive_value_is_never_quoted_in_a_message()
    {
        var runtime = new ShapeValidator(BundledModels.SageMakerRuntime);
        var secret = "patient=Zoë-4711";
        var request = new JsonObject { ["EndpointName"] = "ep", ["Body"] = JsonValue.Create(new byte[1]), ["CustomAttributes"] = secret };

        var problems = runtime.ValidateInput("InvokeEndpoint", request);

        problems.Should().ContainSingle().Which.Message.Should().Contain("CustomAttributes").And.Contain("sensitive").And.NotContain("4711");
    }

    [Fact]
    public void A_union_needs_exactly_one_member()
    {
        var union = BundledModels.SageMaker.Shapes.Values.First(s => s.IsUnion && s.Members.Count >= 2);
        var members = union.Members.Keys.Take(2).ToArray();
        var two = new JsonObject { [members[0]] = new JsonObject(), [members[1]] = new JsonObject() };

        SageMaker.Validate(union.Name, two).Should().Contain(p => p.Constraint == "union");
        SageMaker.Validate(union.Name, new JsonObject()).Should().Contain(p => p.Constraint == "union");
    }

    [Fact]
    public void Application_Auto_Scaling_requests_are_checked_too()
    {
        var validator = new ShapeValidator(BundledModels.ApplicationAutoScaling);
        var policy = JsonNode.Parse("""
            { "PolicyName": "p", "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/ep/variant/a",
              "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "PolicyType": "TargetTrackingScaling",
              "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 100,
                "PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" },
                "ScaleInCooldown": 30, "ScaleOutCooldown": 30 } }
            """)!.AsObject();
        validator.ValidateInput("PutScalingPolicy", policy).Should().BeEmpty();
        policy["ScalableDimension"] = "sagemaker:variant:Instances";
        validator.ValidateInput("PutScalingPolicy", policy).Should().ContainSingle().Which.Path.Should().Be("ScalableDimension");
    }

    [Fact]
    public void Each_problem_is_reported_and_an_operation_without_input_refuses_members()
    {
        var request = ValidTrainingJob();
        request.Remove("RoleArn");
        request["TrainingJobName"] = "bad_name";
        SageMaker.ValidateInput("CreateTrainingJob", request).Select(p => p.Path).Should().BeEquivalentTo("RoleArn", "TrainingJobName");
    }

    private static string TagList(int count) =>
        new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["Key"] = $"k{i}", ["Value"] = "v" }).ToArray()).ToJsonString();

    private static void Mutate(JsonObject request, string mutation)
    {
        var remove = mutation.StartsWith('-');
        var (path, json) = remove ? (mutation[1..], null) : (mutation[..mutation.IndexOf('=')], mutation[(mutation.IndexOf('=') + 1)..]);
        JsonNode parent = request;
        var segments = path.Split('.');
        foreach (var segment in segments[..^1])
        {
            parent = segment.EndsWith(']')
                ? parent[segment[..segment.IndexOf('[')]]![int.Parse(segment[(segment.IndexOf('[') + 1)..^1])]!
                : parent[segment]!;
        }

        var last = segments[^1];
        if (last.EndsWith(']'))
        {
            var array = parent[last[..last.IndexOf('[')]]!.AsArray();
            var index = int.Parse(last[(last.IndexOf('[') + 1)..^1]);
            array[index] = JsonNode.Parse(json!);
            return;
        }

        if (remove)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(json!);
        }
    }
}
