using System.Text.Json.Nodes;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Security;
using Workbench.SageMaker.Tests.Contract;

namespace Workbench.SageMaker.Tests.Security;

public sealed class LeastPrivilegePolicyTests
{
    [Fact]
    public void The_execution_role_of_a_training_job_reaches_only_its_prefixes_repository_and_log_streams()
    {
        var job = WorkflowTests.TrainingJob("readmission-2024-06-01");
        var policy = LeastPrivilegePolicies.ExecutionRole(ExecutionRoleScope.ForTrainingJob(job));
        var json = JsonNode.Parse(policy.ToJson())!;

        json["Version"]!.GetValue<string>().Should().Be("2012-10-17");
        policy.AllowedActions.Should().BeEquivalentTo(
            "s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload",
            "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:GetAuthorizationToken",
            "logs:CreateLogGroup", "logs:DescribeLogStreams", "logs:CreateLogStream", "logs:PutLogEvents");
        policy.AllowedActions.Should().NotContain(a => a.Contains('*') || a.StartsWith("sagemaker:", StringComparison.Ordinal) || a.StartsWith("iam:", StringComparison.Ordinal));

        Statement(policy, "ReadObjects").Resources.Should().BeEquivalentTo(
            "arn:aws:s3:::wb-data/readmission/train/*",
            "arn:aws:s3:::wb-models/readmission/readmission-2024-06-01*",
            "arn:aws:s3:::wb-models/checkpoints/readmission-2024-06-01*");
        Statement(policy, "WriteObjects").Resources.Should().BeEquivalentTo(
            "arn:aws:s3:::wb-models/readmission/readmission-2024-06-01*",
            "arn:aws:s3:::wb-models/checkpoints/readmission-2024-06-01*");
        Statement(policy, "ListWbData").Conditions!["StringLike"]["s3:prefix"].Should().Equal("readmission/train/*");
        Statement(policy, "ListWbData").Resources.Should().Equal("arn:aws:s3:::wb-data");
        Statement(policy, "PullImage").Resources.Should().Equal("arn:aws:ecr:us-east-1:123456789012:repository/workbench-train");
        Statement(policy, "LogStreams").Resources.Should().Equal(
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs:log-stream:readmission-2024-06-01/*");
        policy.Statements.Where(s => s.Resources!.Contains("*")).Select(s => s.Actions.Single())
            .Should().Equal(["ecr:GetAuthorizationToken"], "it is the one action IAM cannot scope to a resource");
        policy.Statements.SelectMany(s => s.Resources!).Should().NotContain(r => r.EndsWith(":::wb-models/*", StringComparison.Ordinal), "not the whole bucket");
    }

    [Fact]
    public void An_endpoint_model_reads_its_archive_and_writes_only_its_capture_prefix()
    {
        var model = new CreateModelRequest
        {
            ModelName = "readmission-v2",
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/workbench-endpoint",
            PrimaryContainer = new ContainerDefinition
            {
                Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/workbench-serve@sha256:" + new string('a', 64),
                ModelDataUrl = "s3://wb-models/readmission/v2/model.tar.gz",
            },
        };
        var capture = new DataCaptureConfig { InitialSamplingPercentage = 20, DestinationS3Uri = "s3://wb-capture/readmission/", CaptureOptions = [new CaptureOption { CaptureMode = "Input" }] };

        var policy = LeastPrivilegePolicies.ExecutionRole(ExecutionRoleScope.ForEndpointModel(model, "readmission", capture));

        Statement(policy, "WriteObjects").Resources.Should().Equal("arn:aws:s3:::wb-capture/readmission/*");
        Statement(policy, "ReadObjects").Resources.Should().Contain("arn:aws:s3:::wb-models/readmission/v2/model.tar.gz*");
        Statement(policy, "PullImage").Resources.Should().Equal("arn:aws:ecr:eu-west-1:123456789012:repository/team/workbench-serve");
        Statement(policy, "LogGroup").Resources.Should().Equal("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/sagemaker/Endpoints/readmission");
    }

    [Fact]
    public void An_invoker_may_invoke_one_endpoint_and_nothing_else()
    {
        var arn = AwsArns.Endpoint("eu-west-1", "123456789012", "Readmission");
        var policy = LeastPrivilegePolicies.Invoker(arn);

        arn.Should().Be("arn:aws:sagemaker:eu-west-1:123456789012:endpoint/readmission");
        JsonNode.Parse(policy.ToJson())!.ToJsonString().Should().Be(
            """{"Version":"2012-10-17","Statement":[{"Sid":"InvokeOneEndpoint","Effect":"Allow","Action":"sagemaker:InvokeEndpoint","Resource":"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/readmission"}]}""");
        var bad = () => LeastPrivilegePolicies.Invoker("readmission");
        bad.Should().Throw<FormatException>().Which.Message.Should().Contain("readmission");
    }

    [Fact]
    public void The_trust_policy_lets_only_SageMaker_in_this_account_assume_the_role()
    {
        var json = JsonNode.Parse(LeastPrivilegePolicies.ExecutionRoleTrust("123456789012").ToJson())!;

        var statement = json["Statement"]![0]!;
        statement["Principal"]!["Service"]!.GetValue<string>().Should().Be("sagemaker.amazonaws.com");
        statement["Action"]!.GetValue<string>().Should().Be("sts:AssumeRole");
        statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]!.GetValue<string>().Should().Be("123456789012");
        statement["Resource"].Should().BeNull();
    }

    [Fact]
    public void Inputs_that_cannot_be_scoped_are_refused_by_name()
    {
        var noImage = WorkflowTests.TrainingJob("j") with
        {
            AlgorithmSpecification = new AlgorithmSpecification { AlgorithmName = "xgboost", TrainingInputMode = "File" },
        };
        var scope = () => ExecutionRoleScope.ForTrainingJob(noImage);
        scope.Should().Throw<ArgumentException>().Which.Message.Should().Contain("TrainingImage");
        var notEcr = () => AwsArns.ParseEcrImage("docker.io/library/python:3.11");
        notEcr.Should().Throw<FormatException>().Which.Message.Should().Contain("docker.io/library/python:3.11");
        var badRole = () => AwsArns.AccountOfRole("workbench-execution");
        badRole.Should().Throw<FormatException>().Which.Message.Should().Contain("workbench-execution");
    }

    private static IamStatement Statement(IamPolicyDocument policy, string sid) =>
        policy.Statements.Single(s => s.Sid == sid);
}
