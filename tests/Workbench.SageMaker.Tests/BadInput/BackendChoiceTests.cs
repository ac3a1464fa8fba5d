using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Backends;
using Workbench.SageMaker.Local;
using Workbench.Testing;

namespace Workbench.SageMaker.Tests.BadInput;

public sealed class BackendChoiceTests
{
    [Fact]
    public async Task Without_credentials_the_sagemaker_backend_is_unavailable_with_the_places_looked_and_no_failure()
    {
        using var temp = new TempDirectory();
        var options = new AwsClientOptions
        {
            Region = "eu-west-1",
            SharedCredentialsFile = temp.File("credentials"),
            Environment = TestClients.EmptyEnvironment(("AWS_EC2_METADATA_DISABLED", "true")),
        };

        var (backend, why) = await SageMakerBackends.TryCreateAsync("sagemaker", aws: options);

        backend.Should().BeNull();
        why.Should().StartWith("No AWS credentials found").And.Contain("AWS_ACCESS_KEY_ID").And.Contain("local backend");
    }

    [Fact]
    public async Task With_credentials_it_is_the_cloud_backend_and_local_needs_none()
    {
        using var temp = new TempDirectory();
        var options = new AwsClientOptions
        {
            Region = "eu-west-1",
            SharedCredentialsFile = temp.File("credentials"),
            Environment = TestClients.EmptyEnvironment(("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), ("AWS_EC2_METADATA_DISABLED", "true")),
        };

        var (cloud, unavailable) = await SageMakerBackends.TryCreateAsync("SageMaker", aws: options);
        using (cloud)
        {
            unavailable.Should().BeNull();
            cloud.Should().BeOfType<SageMakerCloudBackend>().Which.Name.Should().Be("sagemaker");
        }

        var (local, _) = await SageMakerBackends.TryCreateAsync("local", new LocalBackendOptions { Root = temp.File("local"), WorkbenchHome = temp.File("home") });
        using (local)
        {
            local.Should().BeOfType<LocalSageMakerBackend>().Which.Name.Should().Be("local");
        }

        var unknown = () => SageMakerBackends.TryCreateAsync("azure");
        (await unknown.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("'azure' is not one of 'local' and 'sagemaker'");
    }
}
