namespace Workbench.Cli.Tests.SageMaker;

/// <summary>The cells a notebook runs to show a local training job's status live: packages, then start, display, wait with updates.</summary>
public static class LiveStatusNotebookCode
{
    public static string References(string feed) =>
        $"#i \"nuget: {feed}\"\n#r \"nuget: Workbench.Extension, 0.1.0\"\n#r \"nuget: Workbench.SageMaker, 0.1.0\"";

    public static string TrainAndWatch(string root, string home, string train, string validation) => $$"""
        using Workbench.SageMaker.Api;
        using Workbench.SageMaker.Container;
        using Workbench.SageMaker.Jobs;
        using Workbench.SageMaker.Local;
        var backend = new LocalSageMakerBackend(new LocalBackendOptions { Root = @"{{root}}", WorkbenchHome = @"{{home}}" });
        var request = new CreateTrainingJobRequest
        {
            TrainingJobName = "live-status",
            HyperParameters = new Dictionary<string, string> { ["target"] = "diagnosis", ["model"] = "mlp", ["epochs"] = "60", ["hidden_layer_sizes"] = "32" },
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = "workbench-training:0.1.0", TrainingInputMode = "File", MetricDefinitions = TrainingMetricFormat.Definitions() },
            RoleArn = "arn:aws:iam::123456789012:role/workbench-training",
            InputDataConfig = [Channel.FromS3Prefix("train", "{{new Uri(train).AbsoluteUri}}", "text/csv"), Channel.FromS3Prefix("validation", "{{new Uri(validation).AbsoluteUri}}", "text/csv")],
            OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://workbench-models/live" },
            ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 },
            StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 600 },
        };
        var job = await TrainingJob.StartAsync(backend, request);
        var shown = display(job);
        await job.WaitAsync(j => shown.Update(j), TimeSpan.FromMilliseconds(150), TimeSpan.FromMinutes(3));
        Console.WriteLine($"final: {job.Status}, {job.History.Count} transitions");
        """;
}
