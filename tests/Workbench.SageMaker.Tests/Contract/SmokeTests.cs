using Workbench.SageMaker.Api;
using Workbench.SageMaker.Tests.Fake;

namespace Workbench.SageMaker.Tests.Contract;

public sealed class SmokeTests
{
    [Fact]
    public async Task Create_model_reaches_the_fake_signed_and_valid()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var client = new SageMakerClient(TestClients.Options(fake));
        var response = await client.CreateModelAsync(new CreateModelRequest
        {
            ModelName = "readmission-xgb",
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/wb-exec",
            PrimaryContainer = new ContainerDefinition { Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/wb:1", ModelDataUrl = "s3://wb-models/m/model.tar.gz" },
        });
        response.ModelArn.Should().Be("arn:aws:sagemaker:us-east-1:123456789012:model/readmission-xgb");
        fake.Calls.Should().ContainSingle().Which.Status.Should().Be(200);
    }
}
