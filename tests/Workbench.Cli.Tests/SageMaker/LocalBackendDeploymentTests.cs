using System.Text;
using System.Text.Json;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Container;
using Workbench.SageMaker.Jobs;
using Workbench.SageMaker.Local;
using Workbench.SageMaker.Runtime;
using Workbench.Testing;

namespace Workbench.Cli.Tests.SageMaker;

/// <summary>
/// The local backend's deployment half end to end, on models it trained: an endpoint with two variants and data
/// capture, invocations (weighted and targeted), a weight shift, a transform job, deletion.
/// </summary>
public sealed class LocalBackendDeploymentTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private readonly TempDirectory _folder = new("wb-local-deploy");
    private readonly LocalSageMakerBackend _backend;
    private readonly string _train;
    private readonly string _validation;

    public LocalBackendDeploymentTests()
    {
        _backend = new LocalSageMakerBackend(new LocalBackendOptions { Root = _folder.File("local"), WorkbenchHome = _folder.File("home") });
        (_train, _validation) = TrainingData.WriteBreastCancer(_folder.File("data"));
    }

    public void Dispose()
    {
        _backend.Dispose();
        _folder.Dispose();
    }

    private async Task<string> TrainAsync(string name, Dictionary<string, string> hyperparameters)
    {
        var job = await TrainingJob.StartAsync(_backend, CancerTrainingRequest.Create(name, hyperparameters, _train) with
        {
            OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://workbench-models/cancer" },
        });
        await job.WaitAsync(pollInterval: Poll, timeout: Limit);
        job.Status.Should().Be("Completed", job.FailureReason);
        return job.ModelArtifacts!;
    }

    /// <summary>Validation rows without the label column, as a client sends them (no header).</summary>
    private List<(string Features, string Label)> ValidationRows()
    {
        var lines = File.ReadAllLines(Path.Combine(_validation, "part-0.csv")).Skip(1);
        return lines.Select(l => (string.Join(',', l.Split(',')[..30]), l.Split(',')[30])).ToList();
    }

    [Fact]
    public async Task Train_register_deploy_two_variants_invoke_shift_traffic_transform_and_delete()
    {
        var champion = await TrainAsync("cancer-logistic", new() { ["target"] = "diagnosis" });
        var challenger = await TrainAsync("cancer-mlp", new() { ["target"] = "diagnosis", ["model"] = "mlp", ["epochs"] = "40", ["hidden_layer_sizes"] = "16" });
        var sagemaker = _backend.SageMaker;
        foreach (var (model, archive) in new[] { ("cancer-logistic", champion), ("cancer-mlp", challenger) })
        {
            await sagemaker.CreateModelAsync(new CreateModelRequest
            {
                ModelName = model,
                PrimaryContainer = new ContainerDefinition { Image = "workbench-serving:0.1.0", ModelDataUrl = archive },
                ExecutionRoleArn = "arn:aws:iam::123456789012:role/workbench-serving",
            });
        }

        await sagemaker.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = "cancer-ab",
            ProductionVariants =
            [
                new ProductionVariant { VariantName = "champion", ModelName = "cancer-logistic", InitialInstanceCount = 1, InstanceType = "ml.m5.large", InitialVariantWeight = 1 },
                new ProductionVariant { VariantName = "challenger", ModelName = "cancer-mlp", InitialInstanceCount = 1, InstanceType = "ml.m5.large", InitialVariantWeight = 1 },
            ],
            DataCaptureConfig = new DataCaptureConfig
            {
                EnableCapture = true,
                InitialSamplingPercentage = 100,
                DestinationS3Uri = "s3://workbench-capture/cancer",
                CaptureOptions = [new CaptureOption { CaptureMode = "Input" }, new CaptureOption { CaptureMode = "Output" }],
            },
        });
        await sagemaker.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = "cancer", EndpointConfigName = "cancer-ab" });
        var endpoint = new EndpointJob(_backend, "cancer");
        await endpoint.WaitAsync(pollInterval: Poll, timeout: Limit);
        endpoint.Status.Should().Be("InService", endpoint.FailureReason);
        endpoint.History.Select(t => t.Status).Should().Equal("Creating", "InService");
        endpoint.Description!.ProductionVariants!.Select(v => (v.VariantName, v.CurrentWeight)).Should().BeEquivalentTo(new[] { ("champion", (double?)1.0), ("challenger", (double?)1.0) });
        _backend.Api.GetEndpointAddress("cancer")!.Host.Should().Be("127.0.0.1");

        var rows = ValidationRows();
        var invoked = new List<string>();
        var correct = 0;
        foreach (var (features, label) in rows.Take(60))
        {
            var answer = await _backend.Runtime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "cancer", Body = Encoding.UTF8.GetBytes(features), ContentType = "text/csv", Accept = "application/json" });
            invoked.Add(answer.InvokedProductionVariant!);
            using var document = JsonDocument.Parse(answer.Body);
            correct += document.RootElement.GetProperty("predictions")[0].GetString() == label ? 1 : 0;
        }

        invoked.Distinct().Should().BeEquivalentTo("champion", "challenger");
        correct.Should().BeGreaterThan(50, "both variants are trained classifiers");
        var targeted = await _backend.Runtime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "cancer", Body = Encoding.UTF8.GetBytes(rows[0].Features), ContentType = "text/csv", TargetVariant = "challenger" });
        targeted.InvokedProductionVariant.Should().Be("challenger");

        await sagemaker.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest
        {
            EndpointName = "cancer",
            DesiredWeightsAndCapacities = [new DesiredWeightAndCapacity { VariantName = "champion", DesiredWeight = 0 }, new DesiredWeightAndCapacity { VariantName = "challenger", DesiredWeight = 1 }],
        });
        for (var i = 0; i < 20; i++)
        {
            (await _backend.Runtime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "cancer", Body = Encoding.UTF8.GetBytes(rows[i].Features), ContentType = "text/csv" }))
                .InvokedProductionVariant.Should().Be("challenger");
        }

        var bad = async () => await _backend.Runtime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "cancer", Body = Encoding.UTF8.GetBytes("1,2,3"), ContentType = "text/csv" });
        (await bad.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("ModelError");

        var capture = _backend.Api.Paths.Resolve("s3://workbench-capture/cancer");
        await _backend.SageMaker.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = "cancer" });
        var captured = Directory.GetFiles(capture, "*.jsonl", SearchOption.AllDirectories);
        captured.Should().NotBeEmpty();
        File.ReadAllText(captured[0]).Should().Contain("\"captureData\"");
        var gone = async () => await sagemaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "cancer" });
        await gone.Should().ThrowAsync<AwsServiceException>();

        var input = _backend.Api.Paths.Resolve("s3://workbench-batch/input");
        Directory.CreateDirectory(input);
        File.WriteAllLines(Path.Combine(input, "batch-1.csv"), rows.Select(r => r.Features));
        await sagemaker.CreateTransformJobAsync(new CreateTransformJobRequest
        {
            TransformJobName = "cancer-batch",
            ModelName = "cancer-logistic",
            BatchStrategy = "MultiRecord",
            MaxPayloadInMB = 1,
            TransformInput = new TransformInput
            {
                DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = "S3Prefix", S3Uri = "s3://workbench-batch/input" } },
                ContentType = "text/csv",
                SplitType = "Line",
            },
            TransformOutput = new TransformOutput { S3OutputPath = "s3://workbench-batch/output", Accept = "text/csv", AssembleWith = "Line" },
            TransformResources = new TransformResources { InstanceType = "ml.m5.large", InstanceCount = 1 },
        });
        var transform = new TransformJob(_backend, "cancer-batch");
        await transform.WaitAsync(pollInterval: Poll, timeout: Limit);
        transform.Status.Should().Be("Completed", transform.FailureReason);
        var predictions = File.ReadAllLines(_backend.Api.Paths.Resolve("s3://workbench-batch/output/batch-1.csv.out"));
        predictions.Should().HaveCount(rows.Count);
        predictions.Zip(rows).Count(p => p.First.Contains(p.Second.Label, StringComparison.Ordinal)).Should().BeGreaterThan(rows.Count * 9 / 10);
    }

    [Fact]
    public async Task A_transform_job_on_bad_input_fails_naming_the_file_and_line()
    {
        var model = await TrainAsync("cancer-lr", new() { ["target"] = "diagnosis" });
        await _backend.SageMaker.CreateModelAsync(new CreateModelRequest { ModelName = "cancer-lr", PrimaryContainer = new ContainerDefinition { Image = "workbench-serving:0.1.0", ModelDataUrl = model } });
        var input = _backend.Api.Paths.Resolve("s3://workbench-batch/bad");
        Directory.CreateDirectory(input);
        var rows = ValidationRows();
        File.WriteAllLines(Path.Combine(input, "part.csv"), [rows[0].Features, rows[1].Features, "1,2,three"]);
        await _backend.SageMaker.CreateTransformJobAsync(new CreateTransformJobRequest
        {
            TransformJobName = "cancer-bad-batch",
            ModelName = "cancer-lr",
            TransformInput = new TransformInput
            {
                DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = "S3Prefix", S3Uri = "s3://workbench-batch/bad" } },
                ContentType = "text/csv",
                SplitType = "Line",
            },
            TransformOutput = new TransformOutput { S3OutputPath = "s3://workbench-batch/bad-out" },
            TransformResources = new TransformResources { InstanceType = "ml.m5.large", InstanceCount = 1 },
        });
        var job = new TransformJob(_backend, "cancer-bad-batch");
        await job.WaitAsync(pollInterval: Poll, timeout: Limit);

        job.Status.Should().Be("Failed");
        job.FailureReason.Should().StartWith("AlgorithmError: ").And.Contain("part.csv");
    }
}
