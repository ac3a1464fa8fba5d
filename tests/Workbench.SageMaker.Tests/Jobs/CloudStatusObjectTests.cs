using Workbench.SageMaker.Api;
using Workbench.SageMaker.Backends;
using Workbench.SageMaker.Jobs;
using Workbench.SageMaker.Tests.Contract;
using Workbench.SageMaker.Tests.Fake;

namespace Workbench.SageMaker.Tests.Jobs;

/// <summary>The status objects on the SageMaker backend, against the contract fake (every request validated and signature-checked).</summary>
public sealed class CloudStatusObjectTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_training_job_takes_its_history_from_the_secondary_status_transitions_SageMaker_reports()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using ISageMakerBackend backend = new SageMakerCloudBackend(TestClients.Options(fake));
        var refreshes = 0;

        var job = await TrainingJob.StartAsync(backend, WorkflowTests.TrainingJob("readmission-status"));
        await job.WaitAsync(_ => refreshes++, Poll, TimeSpan.FromSeconds(30));

        job.Backend.Should().Be("sagemaker");
        job.Status.Should().Be(TrainingJobStatus.Completed);
        job.History.Select(t => (t.Status, t.SecondaryStatus)).Should().Equal(
            ("InProgress", "Starting"), ("InProgress", "Downloading"), ("InProgress", "Training"), ("InProgress", "Uploading"), ("Completed", "Completed"));
        job.ModelArtifacts.Should().Be("s3://wb-models/readmission/readmission-status/output/model.tar.gz");
        refreshes.Should().BeGreaterThan(1);
        fake.Calls.Select(c => c.Operation).Should().StartWith(["CreateTrainingJob", "DescribeTrainingJob"]).And.OnlyContain(o => o == "CreateTrainingJob" || o == "DescribeTrainingJob");
    }

    [Fact]
    public async Task An_endpoint_and_a_tuning_job_record_the_transitions_they_are_seen_through()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using ISageMakerBackend backend = new SageMakerCloudBackend(TestClients.Options(fake));
        var api = backend.SageMaker;
        await api.CreateModelAsync(new CreateModelRequest
        {
            ModelName = "readmission-v1",
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/workbench-execution",
            PrimaryContainer = new ContainerDefinition { Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/workbench-serve:1.0", ModelDataUrl = "s3://wb-models/readmission/model.tar.gz" },
        });
        await api.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = "readmission-config",
            ProductionVariants = [new ProductionVariant { VariantName = "current", ModelName = "readmission-v1", InstanceType = "ml.m5.large", InitialInstanceCount = 1, InitialVariantWeight = 1 }],
        });
        await api.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = "readmission", EndpointConfigName = "readmission-config" });

        var endpoint = new EndpointJob(backend, "readmission");
        await endpoint.WaitAsync(pollInterval: Poll, timeout: TimeSpan.FromSeconds(30));

        endpoint.Status.Should().Be(EndpointStatus.InService);
        endpoint.History.Select(t => t.Status).Should().Equal(EndpointStatus.Creating, EndpointStatus.InService);
        endpoint.State.Details.Should().ContainKey("variant current");

        var missing = new TuningJob(backend, "never-created");
        var refresh = () => missing.RefreshAsync();
        (await refresh.Should().ThrowAsync<Aws.AwsServiceException>()).Which.ErrorCode.Should().Be("ValidationException");
    }
}
