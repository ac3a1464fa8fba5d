using System.Text;
using System.Text.Json.Nodes;
using Workbench.Costs;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.AutoScaling;
using Workbench.SageMaker.Backends;
using Workbench.SageMaker.Runtime;
using Workbench.SageMaker.Tests.Fake;
using Workbench.SageMaker.Waiters;

namespace Workbench.SageMaker.Tests.Contract;

/// <summary>
/// The deployment workflow end to end against the local fake: every request must pass the botocore models and
/// a recomputed SigV4 signature, and every answer is shaped by the same models.
/// </summary>
public sealed class WorkflowTests
{
    private static readonly WaiterOptions Fast = new() { Delay = TimeSpan.FromMilliseconds(1), MaxAttempts = 20 };

    internal static CreateTrainingJobRequest TrainingJob(string name) => new()
    {
        TrainingJobName = name,
        HyperParameters = new Dictionary<string, string> { ["epochs"] = "20", ["learning_rate"] = "0.05" },
        AlgorithmSpecification = new AlgorithmSpecification
        {
            TrainingImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/workbench-train:1.0",
            TrainingInputMode = "File",
            MetricDefinitions = [new MetricDefinition { Name = "validation:auc", Regex = "validation_auc=([0-9.]+)" }],
        },
        RoleArn = "arn:aws:iam::123456789012:role/workbench-execution",
        InputDataConfig = [Channel.FromS3Prefix("train", "s3://wb-data/readmission/train/", "text/csv")],
        OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://wb-models/readmission/" },
        ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.xlarge", InstanceCount = 1, VolumeSizeInGB = 30 },
        StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 3600 },
        CheckpointConfig = new CheckpointConfig { S3Uri = "s3://wb-models/checkpoints/" + name },
        Tags = [new Tag { Key = "project", Value = "readmission" }],
    };

    [Fact]
    public async Task Train_deploy_invoke_shift_traffic_scale_and_delete_all_pass_the_contract()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        var options = TestClients.Options(fake);
        using ISageMakerBackend backend = new SageMakerCloudBackend(options);
        var api = backend.SageMaker;

        // Train.
        await api.CreateTrainingJobAsync(TrainingJob("readmission-2024-06-01"));
        var trained = await api.WaitUntilTrainingJobCompletedOrStoppedAsync("readmission-2024-06-01", Fast);
        trained.TrainingJobStatus.Should().Be(TrainingJobStatus.Completed);
        trained.SecondaryStatusTransitions!.Select(t => t.Status).Should().Equal("Starting", "Downloading", "Training", "Uploading", "Completed");
        trained.ModelArtifacts!.S3ModelArtifacts.Should().Be("s3://wb-models/readmission/readmission-2024-06-01/output/model.tar.gz");
        trained.HyperParameters.Should().Contain("epochs", "20");

        // Two models behind one endpoint: 90 % current, 10 % challenger.
        foreach (var model in new[] { "readmission-v1", "readmission-v2" })
        {
            await api.CreateModelAsync(new CreateModelRequest
            {
                ModelName = model,
                ExecutionRoleArn = "arn:aws:iam::123456789012:role/workbench-execution",
                PrimaryContainer = new ContainerDefinition
                {
                    Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/workbench-serve:1.0",
                    ModelDataUrl = trained.ModelArtifacts.S3ModelArtifacts,
                    Environment = new Dictionary<string, string> { ["SAGEMAKER_PROGRAM"] = "serve" },
                },
            });
        }

        await api.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = "readmission-config-1",
            ProductionVariants =
            [
                new ProductionVariant { VariantName = "current", ModelName = "readmission-v1", InitialInstanceCount = 1, InstanceType = "ml.m5.large", InitialVariantWeight = 0.9 },
                new ProductionVariant { VariantName = "challenger", ModelName = "readmission-v2", InitialInstanceCount = 1, InstanceType = "ml.m5.large", InitialVariantWeight = 0.1 },
            ],
            DataCaptureConfig = new DataCaptureConfig
            {
                EnableCapture = true,
                InitialSamplingPercentage = 100,
                DestinationS3Uri = "s3://wb-capture/readmission/",
                CaptureOptions = [new CaptureOption { CaptureMode = "Input" }, new CaptureOption { CaptureMode = "Output" }],
            },
        });
        var config = await api.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest { EndpointConfigName = "readmission-config-1" });
        config.ProductionVariants.Select(v => v.VariantName).Should().Equal("current", "challenger");

        await api.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = "readmission", EndpointConfigName = "readmission-config-1" });
        var endpoint = await api.WaitUntilEndpointInServiceAsync("readmission", Fast);
        endpoint.ProductionVariants!.Select(v => (v.VariantName, v.CurrentWeight)).Should().Equal(("current", 0.9), ("challenger", 0.1));

        // Invoke: targeted, then split by weight.
        var targeted = await backend.Runtime.InvokeEndpointAsync(new InvokeEndpointRequest
        {
            EndpointName = "readmission",
            Body = Encoding.UTF8.GetBytes("0.3,71,1,0,12\n"),
            ContentType = "text/csv",
            Accept = "application/json",
            TargetVariant = "challenger",
            InferenceId = "visit-0001",
        });
        targeted.InvokedProductionVariant.Should().Be("challenger");
        targeted.RequestId.Should().NotBeNullOrEmpty();
        var answer = JsonNode.Parse(targeted.Body.Span)!;
        answer["received_bytes"]!.GetValue<int>().Should().Be(14);
        answer["inference_id"]!.GetValue<string>().Should().Be("visit-0001");

        for (var i = 0; i < 200; i++)
        {
            await backend.Runtime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "readmission", Body = "1,2,3"u8.ToArray(), ContentType = "text/csv" });
        }

        var challengerShare = fake.Invocations.Skip(1).Count(v => v.Variant == "challenger") / 200.0;
        challengerShare.Should().BeInRange(0.04, 0.2, "the challenger carries 10 % of the weight");

        // Shift all traffic to the challenger.
        await api.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest
        {
            EndpointName = "readmission",
            DesiredWeightsAndCapacities =
            [
                new DesiredWeightAndCapacity { VariantName = "current", DesiredWeight = 0 },
                new DesiredWeightAndCapacity { VariantName = "challenger", DesiredWeight = 1, DesiredInstanceCount = 2 },
            ],
        });
        var shifted = await api.WaitUntilEndpointInServiceAsync("readmission", Fast);
        shifted.ProductionVariants!.Single(v => v.VariantName == "challenger").Should().Match<ProductionVariantSummary>(v => v.CurrentWeight == 1 && v.CurrentInstanceCount == 2);
        var before = fake.Invocations.Count;
        for (var i = 0; i < 20; i++)
        {
            (await backend.Runtime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "readmission", Body = "1"u8.ToArray() }))
                .InvokedProductionVariant.Should().Be("challenger");
        }

        fake.Invocations.Skip(before).Should().OnlyContain(v => v.Variant == "challenger");

        // Autoscaling on the challenger: 1 to 5 instances, 30 s cooldowns.
        var policy = new TargetTrackingPolicy
        {
            MinInstances = 1,
            MaxInstances = 5,
            TargetInvocationsPerInstance = 100,
            ScaleInCooldown = TimeSpan.FromSeconds(30),
            ScaleOutCooldown = TimeSpan.FromSeconds(30),
        };
        var scaling = await VariantAutoScaling.ApplyAsync(backend.AutoScaling, "readmission", "challenger", policy);
        scaling.PolicyARN.Should().Contain("policyName/readmission-challenger-invocations-per-instance");
        scaling.Alarms.Should().HaveCount(2);
        var sent = fake.ScalingPolicies["readmission-challenger-invocations-per-instance"];
        sent["TargetTrackingScalingPolicyConfiguration"]!.ToJsonString().Should().Be(
            """{"TargetValue":100,"PredefinedMetricSpecification":{"PredefinedMetricType":"SageMakerVariantInvocationsPerInstance"},"ScaleOutCooldown":30,"ScaleInCooldown":30}""");

        // Replace the configuration, then tear down.
        await api.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = "readmission-config-2",
            ProductionVariants = [new ProductionVariant { VariantName = "challenger", ModelName = "readmission-v2", InitialInstanceCount = 1, InstanceType = "ml.m5.large" }],
        });
        await api.UpdateEndpointAsync(new UpdateEndpointRequest { EndpointName = "readmission", EndpointConfigName = "readmission-config-2" });
        (await api.WaitUntilEndpointInServiceAsync("readmission", Fast)).EndpointConfigName.Should().Be("readmission-config-2");
        await backend.AutoScaling.DeleteScalingPolicyAsync(new DeleteScalingPolicyRequest
        {
            PolicyName = "readmission-challenger-invocations-per-instance",
            ServiceNamespace = VariantAutoScaling.ServiceNamespace,
            ResourceId = VariantAutoScaling.ResourceId("readmission", "challenger"),
            ScalableDimension = VariantAutoScaling.ScalableDimension,
        });
        await backend.AutoScaling.DeregisterScalableTargetAsync(new DeregisterScalableTargetRequest
        {
            ServiceNamespace = VariantAutoScaling.ServiceNamespace,
            ResourceId = VariantAutoScaling.ResourceId("readmission", "challenger"),
            ScalableDimension = VariantAutoScaling.ScalableDimension,
        });
        await api.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = "readmission" });
        await api.WaitUntilEndpointDeletedAsync("readmission", Fast);
        await api.DeleteEndpointConfigAsync(new DeleteEndpointConfigRequest { EndpointConfigName = "readmission-config-1" });
        await api.DeleteEndpointConfigAsync(new DeleteEndpointConfigRequest { EndpointConfigName = "readmission-config-2" });
        fake.SageMaker.Exists("Endpoint", "readmission").Should().BeFalse();

        AssertEveryCallPassedTheContract(fake);
    }

    [Fact]
    public async Task Batch_transform_tuning_and_the_model_registry_pass_the_contract()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var api = new SageMakerClient(TestClients.Options(fake));

        await api.CreateModelAsync(new CreateModelRequest
        {
            ModelName = "readmission-v1",
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/workbench-execution",
            PrimaryContainer = new ContainerDefinition { Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/workbench-serve:1.0", ModelDataUrl = "s3://wb-models/m/model.tar.gz" },
        });
        await api.CreateTransformJobAsync(new CreateTransformJobRequest
        {
            TransformJobName = "score-june",
            ModelName = "readmission-v1",
            BatchStrategy = "MultiRecord",
            MaxPayloadInMB = 6,
            TransformInput = new TransformInput
            {
                DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = "S3Prefix", S3Uri = "s3://wb-data/june/" } },
                ContentType = "text/csv",
                SplitType = "Line",
            },
            TransformOutput = new TransformOutput { S3OutputPath = "s3://wb-data/june-scored/", AssembleWith = "Line", Accept = "text/csv" },
            TransformResources = new TransformResources { InstanceType = "ml.m5.large", InstanceCount = 1 },
            DataProcessing = new DataProcessing { JoinSource = "Input" },
        });
        var transform = await api.WaitUntilTransformJobCompletedOrStoppedAsync("score-june", new WaiterOptions { Delay = TimeSpan.Zero });
        transform.TransformJobStatus.Should().Be(TransformJobStatus.Completed);
        transform.TransformInput!.SplitType.Should().Be("Line");

        var tuning = await api.CreateHyperParameterTuningJobAsync(new CreateHyperParameterTuningJobRequest
        {
            HyperParameterTuningJobName = "readmission-hpo",
            HyperParameterTuningJobConfig = new HyperParameterTuningJobConfig
            {
                Strategy = "Bayesian",
                HyperParameterTuningJobObjective = new HyperParameterTuningJobObjective { Type = "Maximize", MetricName = "validation:auc" },
                ResourceLimits = new ResourceLimits { MaxNumberOfTrainingJobs = 20, MaxParallelTrainingJobs = 2 },
                ParameterRanges = new ParameterRanges
                {
                    ContinuousParameterRanges = [new ParameterRange { Name = "learning_rate", MinValue = "0.001", MaxValue = "0.3", ScalingType = "Logarithmic" }],
                    IntegerParameterRanges = [new ParameterRange { Name = "max_depth", MinValue = "2", MaxValue = "10" }],
                    CategoricalParameterRanges = [new CategoricalParameterRange { Name = "loss", Values = ["logloss", "hinge"] }],
                },
            },
            TrainingJobDefinition = new HyperParameterTrainingJobDefinition
            {
                AlgorithmSpecification = new HyperParameterAlgorithmSpecification
                {
                    TrainingImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/workbench-train:1.0",
                    TrainingInputMode = "File",
                    MetricDefinitions = [new MetricDefinition { Name = "validation:auc", Regex = "validation_auc=([0-9.]+)" }],
                },
                RoleArn = "arn:aws:iam::123456789012:role/workbench-execution",
                OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://wb-models/hpo/" },
                ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.xlarge", InstanceCount = 1, VolumeSizeInGB = 10 },
                StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 1800 },
            },
        });
        tuning.HyperParameterTuningJobArn.Should().EndWith(":hyper-parameter-tuning-job/readmission-hpo");
        (await api.DescribeHyperParameterTuningJobAsync(new DescribeHyperParameterTuningJobRequest { HyperParameterTuningJobName = "readmission-hpo" }))
            .HyperParameterTuningJobStatus.Should().Be(HyperParameterTuningJobStatus.InProgress);
        await api.StopHyperParameterTuningJobAsync(new StopHyperParameterTuningJobRequest { HyperParameterTuningJobName = "readmission-hpo" });
        (await api.DescribeHyperParameterTuningJobAsync(new DescribeHyperParameterTuningJobRequest { HyperParameterTuningJobName = "readmission-hpo" }))
            .HyperParameterTuningJobStatus.Should().Be(HyperParameterTuningJobStatus.Stopping);

        await api.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest { ModelPackageGroupName = "readmission", ModelPackageGroupDescription = "30-day readmission" });
        var packages = new List<string>();
        for (var version = 1; version <= 2; version++)
        {
            packages.Add((await api.CreateModelPackageAsync(new CreateModelPackageRequest
            {
                ModelPackageGroupName = "readmission",
                ModelPackageDescription = $"version {version}",
                InferenceSpecification = new InferenceSpecification
                {
                    Containers = [new ModelPackageContainerDefinition { Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/workbench-serve:1.0", ModelDataUrl = $"s3://wb-models/v{version}/model.tar.gz" }],
                    SupportedContentTypes = ["text/csv"],
                    SupportedResponseMIMETypes = ["application/json"],
                },
                ModelApprovalStatus = ModelApprovalStatus.PendingManualApproval,
                CustomerMetadataProperties = new Dictionary<string, string> { ["auc"] = "0.81" },
            })).ModelPackageArn);
        }

        packages[1].Should().EndWith(":model-package/readmission/2");
        await api.UpdateModelPackageAsync(new UpdateModelPackageRequest
        {
            ModelPackageArn = packages[1],
            ModelApprovalStatus = ModelApprovalStatus.Approved,
            ApprovalDescription = "AUC above the current model on the June holdout",
        });
        var described = await api.DescribeModelPackageAsync(new DescribeModelPackageRequest { ModelPackageName = packages[1] });
        described.Should().Match<DescribeModelPackageResponse>(d =>
            d.ModelApprovalStatus == "Approved" && d.ModelPackageVersion == 2 && d.ModelPackageGroupName == "readmission" && d.ApprovalDescription!.StartsWith("AUC"));
        var approved = await api.ListAllModelPackagesAsync(new ListModelPackagesRequest { ModelPackageGroupName = "readmission", ModelApprovalStatus = "Approved" }).ToListAsync();
        approved.Should().ContainSingle().Which.ModelPackageArn.Should().Be(packages[1]);

        AssertEveryCallPassedTheContract(fake);
        var tokens = fake.Calls.Where(c => c.Operation == "CreateModelPackage").Select(c => JsonNode.Parse(c.InputJson)!["ClientToken"]?.GetValue<string>()).ToArray();
        tokens.Should().HaveCount(2).And.OnlyContain(t => t != null && t.Length == 36, "an empty idempotency token is filled with a UUID").And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Listing_follows_next_tokens_across_pages()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var api = new SageMakerClient(TestClients.Options(fake));
        for (var i = 0; i < 23; i++)
        {
            await api.CreateTrainingJobAsync(TrainingJob($"job-{i:00}"));
        }

        var jobs = await api.ListAllTrainingJobsAsync(new ListTrainingJobsRequest { MaxResults = 10, NameContains = "job-" }).ToListAsync();

        jobs.Select(j => j.TrainingJobName).Should().BeEquivalentTo(Enumerable.Range(0, 23).Select(i => $"job-{i:00}"));
        fake.Calls.Count(c => c.Operation == "ListTrainingJobs").Should().Be(3);
        AssertEveryCallPassedTheContract(fake);
    }

    [Fact]
    public async Task A_stopped_training_job_ends_Stopped_and_a_failed_one_surfaces_its_reason()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        using var api = new SageMakerClient(TestClients.Options(fake));
        await api.CreateTrainingJobAsync(TrainingJob("stop-me"));
        await api.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "stop-me" });
        var stopped = await api.WaitUntilTrainingJobCompletedOrStoppedAsync("stop-me", Fast);
        stopped.TrainingJobStatus.Should().Be(TrainingJobStatus.Stopped);
        stopped.SecondaryStatusTransitions!.Select(t => t.Status).Should().EndWith(["Stopping", "Stopped"]);

        await api.CreateTrainingJobAsync(TrainingJob("fail-me"));
        fake.SageMaker.ForceStatus("TrainingJob", "fail-me", "Failed", "AlgorithmError: column 'age' has 12 missing values (row 40)");
        var wait = () => api.WaitUntilTrainingJobCompletedOrStoppedAsync("fail-me", Fast);
        var failure = (await wait.Should().ThrowAsync<WaiterFailedException>()).Which;
        failure.Reason.Should().Contain("column 'age'");
        failure.Message.Should().Contain("TrainingJobStatus").And.Contain("Failed").And.Contain("fail-me");
        AssertEveryCallPassedTheContract(fake);
    }

    [Fact]
    public async Task The_client_sends_exactly_the_operations_of_the_brief()
    {
        string[] expected =
        [
            "CreateTrainingJob", "DescribeTrainingJob", "StopTrainingJob", "ListTrainingJobs",
            "CreateHyperParameterTuningJob", "DescribeHyperParameterTuningJob", "StopHyperParameterTuningJob",
            "CreateModel", "CreateEndpointConfig", "DescribeEndpointConfig", "DeleteEndpointConfig",
            "CreateEndpoint", "DescribeEndpoint", "UpdateEndpoint", "DeleteEndpoint", "UpdateEndpointWeightsAndCapacities",
            "CreateTransformJob", "DescribeTransformJob",
            "CreateModelPackageGroup", "CreateModelPackage", "DescribeModelPackage", "UpdateModelPackage", "ListModelPackages",
        ];
        var methods = typeof(ISageMakerApi).GetMethods().Select(m => m.Name.Replace("Async", string.Empty)).ToArray();
        methods.Should().BeEquivalentTo(expected);
        expected.Should().OnlyContain(o => Workbench.SageMaker.ServiceModels.BundledModels.SageMaker.Operations.ContainsKey(o));
        await Task.CompletedTask;
    }

    internal static void AssertEveryCallPassedTheContract(FakeAwsServer fake)
    {
        fake.Calls.Should().NotBeEmpty();
        fake.Calls.Should().OnlyContain(c => c.SignatureError == null && c.Problems.Count == 0,
            "every request must be signed correctly and valid against the botocore model");
        fake.Calls.Where(c => c.Status != 200 && !(c.ErrorCode == "ValidationException" && c.Operation == "DescribeEndpoint")).Should().BeEmpty(
            "the only error expected in a clean workflow is the deleted endpoint the EndpointDeleted waiter waits for");
    }
}
