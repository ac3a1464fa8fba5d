using System.Formats.Tar;
using System.IO.Compression;
using Workbench.Jobs;
using Workbench.Registry;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Container;
using Workbench.SageMaker.Jobs;
using Workbench.SageMaker.Local;
using Workbench.SageMaker.ServiceModels;
using Workbench.Testing;

namespace Workbench.Cli.Tests.SageMaker;

/// <summary>
/// The local backend end to end: real training jobs (the built `workbench train` beside this assembly, or a shell
/// script as ContainerEntrypoint) in materialised /opt/ml trees, their statuses, metrics, failure and stop, and the
/// model registry behind model package groups.
/// </summary>
public sealed class LocalBackendTrainingTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private readonly TempDirectory _folder = new("wb-local-backend");
    private readonly LocalSageMakerBackend _backend;
    private readonly string _train;
    private readonly string _validation;

    public LocalBackendTrainingTests()
    {
        _backend = new LocalSageMakerBackend(new LocalBackendOptions
        {
            Root = _folder.File("local"),
            WorkbenchHome = _folder.File("home"),
            StopGracePeriod = TimeSpan.FromSeconds(20),
        });
        (_train, _validation) = TrainingData.WriteBreastCancer(_folder.File("data"));
    }

    public void Dispose()
    {
        _backend.Dispose();
        _folder.Dispose();
    }

    private CreateTrainingJobRequest Request(string name, Dictionary<string, string> hyperparameters, IReadOnlyList<string>? entrypoint = null) =>
        CancerTrainingRequest.Create(name, hyperparameters, _train, _validation, entrypoint);

    [Fact]
    public async Task A_training_job_walks_the_statuses_reads_metrics_and_its_model_registers_and_is_approved()
    {
        var refreshes = new List<string>();
        var job = await TrainingJob.StartAsync(_backend, Request("cancer-mlp-1", new() { ["target"] = "diagnosis", ["model"] = "mlp", ["epochs"] = "6", ["hidden_layer_sizes"] = "16" }));
        await job.WaitAsync(j => refreshes.Add(j.Describe()), Poll, Limit);

        job.Status.Should().Be("Completed", job.FailureReason);
        job.History.Select(t => t.SecondaryStatus).Should().Equal("Starting", "Downloading", "Training", "Uploading", "Completed");
        job.History.Select(t => t.Status).Should().Equal("InProgress", "InProgress", "InProgress", "InProgress", "Completed");
        job.History.Zip(job.History.Skip(1)).Should().OnlyContain(p => p.First.EndTime == p.Second.Time && p.First.Time <= p.Second.Time);
        refreshes.Should().NotBeEmpty().And.EndWith("Completed");
        job.Metrics["train:loss"].Where(p => p.Step <= 6).Select(p => p.Step).Should().StartWith([1, 2, 3, 4, 5, 6]);
        job.Metrics["validation:accuracy"].Should().ContainSingle().Which.Value.Should().BeGreaterThan(0.8);
        job.BillableTime.Should().NotBeNull();
        job.Elapsed.Should().BePositive();

        var described = job.Description!;
        described.FinalMetricDataList!.Select(m => m.MetricName).Should().Contain(["train:loss", "validation:auc"]);
        described.ModelArtifacts!.S3ModelArtifacts.Should().Be("s3://workbench-models/readmission/cancer-mlp-1/output/model.tar.gz");
        var archive = _backend.Api.Paths.Resolve(described.ModelArtifacts.S3ModelArtifacts);
        EntriesOf(archive).Should().BeEquivalentTo("model.wbm", "feature_pipeline.json", "schema.json", "metadata.json");
        File.Exists(_backend.Api.Paths.Resolve("s3://workbench-models/readmission/cancer-mlp-1/output/output.tar.gz")).Should().BeTrue();
        _backend.Api.GetTrainingJobLog("cancer-mlp-1").Should().Contain("#metric train:loss=").And.Contain("channel train: 1 file(s)");

        var sagemaker = _backend.SageMaker;
        await sagemaker.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest { ModelPackageGroupName = "breast-cancer", ModelPackageGroupDescription = "biopsy classifier" });
        var package = await sagemaker.CreateModelPackageAsync(new CreateModelPackageRequest
        {
            ModelPackageGroupName = "breast-cancer",
            ModelPackageDescription = "mlp, 6 epochs",
            InferenceSpecification = new InferenceSpecification
            {
                Containers = [new ModelPackageContainerDefinition { Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/workbench-serving:0.1.0", ModelDataUrl = described.ModelArtifacts.S3ModelArtifacts }],
                SupportedContentTypes = ["text/csv"],
                SupportedResponseMIMETypes = ["application/json"],
            },
            ModelApprovalStatus = ModelApprovalStatus.PendingManualApproval,
        });
        package.ModelPackageArn.Should().Be("arn:aws:sagemaker:localhost:000000000000:model-package/breast-cancer/1");

        var registry = ModelRegistry.Open(_folder.File("home"));
        var version = registry.GetVersion("breast-cancer", 1);
        version.ApprovalStatus.Should().Be(ApprovalStatus.PendingManualApproval);
        version.Description.Should().Be("mlp, 6 epochs");
        version.Files.Select(f => f.Role).Should().BeEquivalentTo(ModelFileRole.Model, ModelFileRole.FeaturePipeline, ModelFileRole.Schema);

        await sagemaker.UpdateModelPackageAsync(new UpdateModelPackageRequest { ModelPackageArn = package.ModelPackageArn, ModelApprovalStatus = ModelApprovalStatus.Approved, ApprovalDescription = "validation AUC above 0.95" });
        registry.GetVersion("breast-cancer", 1).ApprovalStatus.Should().Be(ApprovalStatus.Approved);
        registry.GetApprovalHistory("breast-cancer", 1).Last().Reason.Should().Be("validation AUC above 0.95");
        var described2 = await sagemaker.DescribeModelPackageAsync(new DescribeModelPackageRequest { ModelPackageName = package.ModelPackageArn });
        described2.ModelApprovalStatus.Should().Be("Approved");
        described2.InferenceSpecification!.Containers[0].ModelDataUrl.Should().Be(described.ModelArtifacts.S3ModelArtifacts);
        var approved = await sagemaker.ListModelPackagesAsync(new ListModelPackagesRequest { ModelPackageGroupName = "breast-cancer", ModelApprovalStatus = "Approved" });
        approved.ModelPackageSummaryList.Select(p => p.ModelPackageVersion).Should().Equal(1);
    }

    [Fact]
    public async Task A_job_whose_data_lacks_the_target_fails_with_the_entrypoints_reason()
    {
        var job = await TrainingJob.StartAsync(_backend, Request("cancer-bad-target", new() { ["target"] = "outcome" }));
        await job.WaitAsync(pollInterval: Poll, timeout: Limit);

        job.Status.Should().Be("Failed");
        job.FailureReason.Should().StartWith("AlgorithmError: Channel 'train': the target column 'outcome' is not in the data");
        job.History.Select(t => t.SecondaryStatus).Should().Equal("Starting", "Downloading", "Training", "Failed");
        job.Description!.ModelArtifacts.Should().BeNull();
    }

    [Fact]
    public async Task A_failing_training_script_surfaces_its_failure_file_and_an_unexplained_exit_says_so()
    {
        var script = await TrainingJob.StartAsync(_backend, Request("script-fails", [], ["/bin/sh", "-c", "echo 'bad row 7 in train/part-0.csv' > \"$WORKBENCH_OPT_ML/output/failure\"; exit 3"]));
        await script.WaitAsync(pollInterval: Poll, timeout: Limit);
        script.Status.Should().Be("Failed");
        script.FailureReason.Should().Be("AlgorithmError: bad row 7 in train/part-0.csv");

        var silent = await TrainingJob.StartAsync(_backend, Request("script-dies", [], ["/bin/sh", "-c", "echo about to crash; exit 9"]));
        await silent.WaitAsync(pollInterval: Poll, timeout: Limit);
        silent.FailureReason.Should().Contain("exited with code 9 without writing").And.Contain("about to crash");
    }

    [Fact]
    public async Task A_job_stopped_mid_way_ends_Stopped_with_the_model_trained_so_far()
    {
        var job = await TrainingJob.StartAsync(_backend, Request("cancer-long", new()
        {
            // Without n_iter_no_change the loss plateaus after about 380 epochs (a second here): a stop sent later
            // finds a finished fit, and the log never says "stopped after epoch".
            ["target"] = "diagnosis", ["model"] = "mlp", ["epochs"] = "100000", ["hidden_layer_sizes"] = "16", ["n_iter_no_change"] = "100000",
        }));
        var deadline = DateTime.UtcNow + Limit;
        while (!(job.Refresh().Metrics.TryGetValue("train:loss", out var loss) && loss.Count >= 2))
        {
            job.IsTerminal.Should().BeFalse(job.ToString());
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(Poll);
        }

        await job.StopAsync();
        job.Refresh().Status.Should().BeOneOf("Stopping", "Stopped");
        await job.WaitAsync(pollInterval: Poll, timeout: Limit);

        job.Status.Should().Be("Stopped");
        job.History.Select(t => t.SecondaryStatus).Should().Equal("Starting", "Downloading", "Training", "Stopping", "Uploading", "Stopped");
        var epochs = job.Metrics["train:loss"].Count;
        epochs.Should().BeLessThan(100000);
        _backend.Api.GetTrainingJobLog("cancer-long").Should().Contain("stopped after epoch");
        File.Exists(_backend.Api.Paths.Resolve(job.ModelArtifacts!)).Should().BeTrue();

        var again = async () => await job.StopAsync();
        (await again.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("ValidationException");
    }

    [Fact]
    public async Task A_script_that_ignores_SIGTERM_is_killed_after_the_grace_period_and_the_caller_credentials_never_reach_it()
    {
        const string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYlocal";
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", secret);
        try
        {
            using var backend = new LocalSageMakerBackend(new LocalBackendOptions
            {
                Root = _folder.File("local2"),
                WorkbenchHome = _folder.File("home"),
                StopGracePeriod = TimeSpan.FromSeconds(1),
            });
            var job = await TrainingJob.StartAsync(backend, Request("stubborn", new() { ["target"] = "diagnosis" }, ["/bin/sh", "-c", "trap '' TERM; env | sort; echo ready; while true; do sleep 0.1; done"]));
            var deadline = DateTime.UtcNow + Limit;
            while (!backend.Api.GetTrainingJobLog("stubborn").Contains("ready", StringComparison.Ordinal))
            {
                DateTime.UtcNow.Should().BeBefore(deadline);
                await Task.Delay(Poll);
            }

            await job.StopAsync();
            await job.WaitAsync(pollInterval: Poll, timeout: Limit);

            job.Status.Should().Be("Stopped");
            var log = backend.Api.GetTrainingJobLog("stubborn");
            log.Should().Contain("killed").And.Contain("SM_CHANNEL_TRAIN=").And.Contain("SM_HP_TARGET=diagnosis").And.Contain("TRAINING_JOB_NAME=stubborn");
            log.Should().NotContain(secret).And.NotContain("AWS_SECRET_ACCESS_KEY");
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
        }
    }

    [Fact]
    public async Task Requests_the_service_model_forbids_are_refused_locally_too_naming_the_member()
    {
        var create = async () => await _backend.SageMaker.CreateTrainingJobAsync(Request("bad_name", new() { ["target"] = "diagnosis" }));
        (await create.Should().ThrowAsync<RequestValidationException>()).Which.Message.Should().Contain("TrainingJobName");

        var missing = async () => await _backend.SageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "never-created" });
        (await missing.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("ValidationException");

        var noGroup = async () => await _backend.SageMaker.CreateModelPackageAsync(new CreateModelPackageRequest
        {
            ModelPackageGroupName = "nobody",
            InferenceSpecification = new InferenceSpecification { Containers = [new ModelPackageContainerDefinition { Image = "x", ModelDataUrl = "s3://b-u-c/m.tar.gz" }] },
        });
        (await noGroup.Should().ThrowAsync<AwsServiceException>()).Which.Message.Should().Contain("Model Package Group nobody does not exist");
    }

    private static List<string> EntriesOf(string archive)
    {
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType != TarEntryType.Directory)
            {
                names.Add(entry.Name.TrimStart('.', '/'));
            }
        }

        return names;
    }
}
