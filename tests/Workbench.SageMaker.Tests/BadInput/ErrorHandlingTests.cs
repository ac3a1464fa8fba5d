using System.Net;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.AutoScaling;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Runtime;
using Workbench.SageMaker.ServiceModels;
using Workbench.SageMaker.Tests.Contract;
using Workbench.SageMaker.Tests.Fake;

namespace Workbench.SageMaker.Tests.BadInput;

public sealed class ErrorHandlingTests
{
    [Fact]
    public async Task A_request_the_model_forbids_is_caught_before_sending_naming_the_member()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var client = new SageMakerClient(TestClients.Options(fake));
        var job = WorkflowTests.TrainingJob("bad_name") with
        {
            ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.xlarge", InstanceCount = 1, KeepAlivePeriodInSeconds = 99999 },
        };

        var call = () => client.CreateTrainingJobAsync(job);

        var error = (await call.Should().ThrowAsync<RequestValidationException>()).Which;
        error.Operation.Should().Be("CreateTrainingJob");
        error.Members.Should().BeEquivalentTo("TrainingJobName", "ResourceConfig.KeepAlivePeriodInSeconds");
        error.Message.Should().Contain("was not sent").And.Contain("TrainingJobName is 'bad_name'").And.Contain("at most 21600");
        fake.Calls.Should().BeEmpty("nothing reaches the service");
    }

    [Fact]
    public async Task Invoke_and_autoscaling_requests_are_checked_before_sending_too()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var runtime = new SageMakerRuntimeClient(TestClients.Options(fake));
        using var scaling = new ApplicationAutoScalingClient(TestClients.Options(fake));

        var tooLarge = () => runtime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "ep", Body = new byte[6 * 1024 * 1024 + 1] });
        (await tooLarge.Should().ThrowAsync<RequestValidationException>()).Which.Members.Should().Equal("Body");
        var badVariant = () => runtime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "ep", Body = new byte[1], TargetVariant = "variant with spaces" });
        (await badVariant.Should().ThrowAsync<RequestValidationException>()).Which.Members.Should().Equal("TargetVariant");
        var badPolicy = () => scaling.PutScalingPolicyAsync(new PutScalingPolicyRequest
        {
            PolicyName = new string('p', 300),
            ServiceNamespace = "sagemaker",
            ResourceId = "endpoint/ep/variant/a",
            ScalableDimension = "sagemaker:variant:DesiredInstanceCount",
        });
        (await badPolicy.Should().ThrowAsync<RequestValidationException>()).Which.Members.Should().Equal("PolicyName");
        fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task The_fake_refuses_what_the_model_forbids_when_the_client_does_not_check()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var client = new SageMakerClient(TestClients.Options(fake) with { ValidateRequests = false });

        var call = () => client.CreateTrainingJobAsync(WorkflowTests.TrainingJob("bad_name"));

        var error = (await call.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be("ValidationException");
        error.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.Message.Should().Contain("TrainingJobName").And.Contain("1 validation error detected");
        fake.Calls.Should().ContainSingle().Which.Problems.Should().ContainSingle();
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff_and_then_succeeds()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        var logger = new CapturingLogger();
        using var client = new SageMakerClient(TestClients.Options(fake, logger));
        await client.CreateModelAsync(new CreateModelRequest { ModelName = "m", PrimaryContainer = new ContainerDefinition { Image = "i" } });
        fake.QueueFaults("CreateEndpointConfig", FakeError.Throttling(), FakeError.Internal());

        var response = await client.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = "c",
            ProductionVariants = [new ProductionVariant { VariantName = "a", ModelName = "m", InitialInstanceCount = 1, InstanceType = "ml.m5.large" }],
        });

        response.EndpointConfigArn.Should().EndWith(":endpoint-config/c");
        fake.Calls.Where(c => c.Operation == "CreateEndpointConfig").Select(c => c.ErrorCode)
            .Should().Equal("ThrottlingException", "InternalFailure", null);
        logger.Lines.Count(l => l.Contains("retrying in", StringComparison.Ordinal)).Should().Be(2);
        logger.Lines.Should().Contain(l => l.Contains("ThrottlingException") && l.Contains("attempt 1"));
    }

    [Fact]
    public async Task Throttling_that_persists_is_surfaced_with_its_code_request_id_and_attempts()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var client = new SageMakerClient(TestClients.Options(fake));
        fake.QueueFaults("ListTrainingJobs", Enumerable.Repeat(FakeError.Throttling(), 10).ToArray());

        var call = () => client.ListTrainingJobsAsync(new ListTrainingJobsRequest());

        var error = (await call.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be("ThrottlingException");
        error.IsThrottling.Should().BeTrue();
        error.Attempts.Should().Be(4);
        error.RequestId.Should().NotBeNullOrEmpty();
        error.Message.Should().Contain("Rate exceeded").And.Contain("after 4 attempts").And.Contain(error.RequestId);
        fake.Calls.Should().HaveCount(4);
    }

    [Fact]
    public async Task A_client_error_is_mapped_with_code_message_and_request_id_and_not_retried()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var client = new SageMakerClient(TestClients.Options(fake));

        var missing = () => client.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "nowhere" });
        var error = (await missing.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be("ValidationException");
        error.ErrorMessage.Should().Contain("Could not find endpoint");
        error.RequestId.Should().MatchRegex("^[0-9a-f-]{36}$");
        error.IsRetryable.Should().BeFalse();
        error.Attempts.Should().Be(1);

        await client.CreateModelAsync(new CreateModelRequest { ModelName = "twice", PrimaryContainer = new ContainerDefinition { Image = "i" } });
        var duplicate = () => client.CreateModelAsync(new CreateModelRequest { ModelName = "twice", PrimaryContainer = new ContainerDefinition { Image = "i" } });
        (await duplicate.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("ResourceInUse");
        fake.Calls.Should().HaveCount(3);
    }

    [Fact]
    public async Task Runtime_errors_come_from_the_error_type_header()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var runtime = new SageMakerRuntimeClient(TestClients.Options(fake));

        var call = () => runtime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "not-deployed", Body = "1,2"u8.ToArray(), ContentType = "text/csv" });

        var error = (await call.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be("ValidationError");
        error.Service.Should().Be("SageMaker Runtime");
        error.Message.Should().Contain("not-deployed").And.Contain("InvokeEndpoint");
    }

    [Fact]
    public async Task A_signature_made_with_the_wrong_secret_is_refused_by_the_fake()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var client = new SageMakerClient(TestClients.Options(fake) with { Credentials = new Amazon.Runtime.BasicAWSCredentials(FakeAwsServer.AccessKey, "not-the-secret") });

        var call = () => client.ListTrainingJobsAsync(new ListTrainingJobsRequest());

        (await call.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("InvalidSignatureException");
        fake.Calls.Should().ContainSingle().Which.SignatureError.Should().Contain("signature mismatch");
    }
}
