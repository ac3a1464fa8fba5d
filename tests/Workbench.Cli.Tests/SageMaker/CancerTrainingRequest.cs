using Workbench.SageMaker.Api;
using Workbench.SageMaker.Container;

namespace Workbench.Cli.Tests.SageMaker;

/// <summary>A training job on the breast-cancer channels, as a notebook would ask for one.</summary>
public static class CancerTrainingRequest
{
    public static CreateTrainingJobRequest Create(string name, Dictionary<string, string> hyperparameters, string train, string? validation = null, IReadOnlyList<string>? entrypoint = null) => new()
    {
        TrainingJobName = name,
        HyperParameters = hyperparameters,
        AlgorithmSpecification = new AlgorithmSpecification
        {
            TrainingImage = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/workbench-training:0.1.0",
            TrainingInputMode = "File",
            MetricDefinitions = TrainingMetricFormat.Definitions(),
            ContainerEntrypoint = entrypoint,
        },
        RoleArn = "arn:aws:iam::123456789012:role/workbench-training",
        InputDataConfig = validation is null
            ? [Channel.FromS3Prefix("train", new Uri(train).AbsoluteUri, "text/csv")]
            : [Channel.FromS3Prefix("train", new Uri(train).AbsoluteUri, "text/csv"), Channel.FromS3Prefix("validation", new Uri(validation).AbsoluteUri, "text/csv")],
        OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://workbench-models/readmission" },
        ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 },
        StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 600 },
    };
}
