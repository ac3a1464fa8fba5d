using Workbench.SageMaker.Api;
using Workbench.SageMaker.AutoScaling;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Runtime;
using Workbench.SageMaker.Tests.Fake;
using Workbench.Testing;

namespace Workbench.SageMaker.Tests.BadInput;

public sealed class CredentialAndRegionTests
{
    [Fact]
    public async Task Missing_credentials_fail_before_sending_and_list_every_place_looked()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var temp = new TempDirectory();
        var options = TestClients.Options(fake) with
        {
            Credentials = null,
            SharedCredentialsFile = temp.File("credentials"),
            Environment = TestClients.EmptyEnvironment(("AWS_EC2_METADATA_DISABLED", "true")),
        };
        using var client = new SageMakerClient(options);

        var call = () => client.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "any" });

        var error = (await call.Should().ThrowAsync<AwsCredentialsNotFoundException>()).Which;
        error.Attempts.Select(a => a.Source).Should().HaveCount(5);
        error.Message.Should().Contain("AWS_ACCESS_KEY_ID").And.Contain($"profile 'default' in {temp.File("credentials")}")
            .And.Contain("does not exist").And.Contain("AWS_WEB_IDENTITY_TOKEN_FILE").And.Contain("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
            .And.Contain("EC2 instance metadata").And.Contain("disabled by AWS_EC2_METADATA_DISABLED").And.Contain("local backend");
        fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Half_set_environment_credentials_say_which_half_is_missing()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var temp = new TempDirectory();
        var options = TestClients.Options(fake) with
        {
            Credentials = null,
            SharedCredentialsFile = temp.File("credentials"),
            Environment = TestClients.EmptyEnvironment(("AWS_ACCESS_KEY_ID", FakeAwsServer.AccessKey), ("AWS_EC2_METADATA_DISABLED", "true")),
        };
        using var client = new SageMakerClient(options);

        var call = () => client.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "any" });

        (await call.Should().ThrowAsync<AwsCredentialsNotFoundException>()).Which.Message
            .Should().Contain("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    }

    [Fact]
    public async Task Credentials_come_from_the_environment_and_then_from_a_profile()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var temp = new TempDirectory();

        var fromEnvironment = TestClients.Options(fake) with
        {
            Credentials = null,
            SharedCredentialsFile = temp.File("none"),
            Environment = TestClients.EmptyEnvironment(
                ("AWS_ACCESS_KEY_ID", FakeAwsServer.AccessKey), ("AWS_SECRET_ACCESS_KEY", FakeAwsServer.SecretKey), ("AWS_SESSION_TOKEN", "token-from-env")),
        };
        using (var client = new SageMakerClient(fromEnvironment))
        {
            await client.DeleteEndpointConfigAsync(new DeleteEndpointConfigRequest { EndpointConfigName = "nothing" }).ContinueWith(_ => { });
        }

        fake.Calls.Last().SignatureError.Should().BeNull();
        fake.Calls.Last().Headers["x-amz-security-token"].Should().Be("token-from-env");

        var file = temp.Write("credentials", $"[ml-team]\naws_access_key_id = {FakeAwsServer.AccessKey}\naws_secret_access_key = {FakeAwsServer.SecretKey}\n");
        var fromProfile = TestClients.Options(fake) with
        {
            Credentials = null,
            Profile = "ml-team",
            SharedCredentialsFile = file,
            Environment = TestClients.EmptyEnvironment(("AWS_EC2_METADATA_DISABLED", "true")),
        };
        using (var client = new SageMakerClient(fromProfile))
        {
            await client.DeleteEndpointConfigAsync(new DeleteEndpointConfigRequest { EndpointConfigName = "nothing" }).ContinueWith(_ => { });
        }

        fake.Calls.Should().HaveCount(2).And.OnlyContain(c => c.SignatureError == null && c.Status == 400 && c.ErrorCode == "ValidationException");
    }

    [Theory]
    [InlineData("us-east-99")]
    [InlineData("eu-wets-1")]
    public void An_unknown_region_is_refused_with_a_clear_error(string region)
    {
        var create = () => new SageMakerClient(new AwsClientOptions { Region = region, Environment = TestClients.EmptyEnvironment() });

        create.Should().Throw<AwsConfigurationException>().Which.Message
            .Should().Contain($"'{region}'").And.Contain("AwsClientOptions.Region").And.Contain("not an AWS region").And.Contain("eu-west-1");
    }

    [Fact]
    public void A_region_from_the_environment_is_named_as_its_source()
    {
        var create = () => new SageMakerRuntimeClient(new AwsClientOptions { Environment = TestClients.EmptyEnvironment(("AWS_REGION", "us-east-99")) });

        create.Should().Throw<AwsConfigurationException>().Which.Message.Should().Contain("the AWS_REGION variable");
    }

    [Fact]
    public void No_region_anywhere_says_what_to_set()
    {
        var create = () => new SageMakerClient(new AwsClientOptions { Profile = "workbench-test-no-such-profile", Environment = TestClients.EmptyEnvironment() });

        create.Should().Throw<AwsConfigurationException>().Which.Message.Should().Contain("AWS_REGION").And.Contain("AwsClientOptions.Region");
    }

    [Theory]
    [InlineData("eu-west-1", "https://api.sagemaker.eu-west-1.amazonaws.com/", "https://runtime.sagemaker.eu-west-1.amazonaws.com/", "https://application-autoscaling.eu-west-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://api.sagemaker.cn-north-1.amazonaws.com.cn/", "https://runtime.sagemaker.cn-north-1.amazonaws.com.cn/", "https://application-autoscaling.cn-north-1.amazonaws.com.cn/")]
    public void Regional_endpoints_follow_the_models_endpoint_prefixes(string region, string sageMaker, string runtime, string autoScaling)
    {
        var options = new AwsClientOptions { Region = region, Environment = TestClients.EmptyEnvironment() };
        using var api = new SageMakerClient(options);
        using var invoke = new SageMakerRuntimeClient(options);
        using var scaling = new ApplicationAutoScalingClient(options);

        api.Endpoint.Should().Be(new Uri(sageMaker));
        invoke.Endpoint.Should().Be(new Uri(runtime));
        scaling.Endpoint.Should().Be(new Uri(autoScaling));
        api.Region.Should().Be(region);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_named_after_the_retries()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new AwsClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = new Uri($"http://127.0.0.1:{port}/"),
            Credentials = new Amazon.Runtime.BasicAWSCredentials(FakeAwsServer.AccessKey, FakeAwsServer.SecretKey),
            Retry = new AwsRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) },
        };
        using var client = new SageMakerClient(options);

        var call = () => client.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "ep" });

        (await call.Should().ThrowAsync<HttpRequestException>()).Which.Message
            .Should().Contain($"127.0.0.1:{port}").And.Contain("DescribeEndpoint").And.Contain("2 attempts");
    }
}
