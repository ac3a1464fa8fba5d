using Workbench.SageMaker.Api;
using Workbench.SageMaker.Storage;

namespace Workbench.SageMaker.Security;

/// <summary>
/// What a SageMaker execution role needs to reach for one job or model, and nothing more: the S3 prefixes it
/// reads and writes, its ECR repository, and its CloudWatch Logs group and stream prefix.
/// </summary>
public sealed record ExecutionRoleScope
{
    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public string Partition { get; init; } = "aws";

    /// <summary>Prefixes the job reads (input channels, the model archive).</summary>
    public IReadOnlyList<S3Location> ReadPrefixes { get; init; } = [];

    /// <summary>Prefixes the job writes (model output, checkpoints, data capture); also readable, to resume checkpoints.</summary>
    public IReadOnlyList<S3Location> WritePrefixes { get; init; } = [];

    public IReadOnlyList<EcrRepository> Repositories { get; init; } = [];

    /// <summary>e.g. <c>/aws/sagemaker/TrainingJobs</c> or <c>/aws/sagemaker/Endpoints/&lt;endpoint&gt;</c>.</summary>
    public required string LogGroup { get; init; }

    /// <summary>The job's streams, e.g. <c>&lt;job name&gt;/</c>; empty allows every stream of the group.</summary>
    public string LogStreamPrefix { get; init; } = string.Empty;

    /// <summary>KMS keys for encrypted volumes or objects; none by default.</summary>
    public IReadOnlyList<string> KmsKeyArns { get; init; } = [];

    /// <summary>The scope of a training job, read from its own request: channels, output, checkpoints, image, log streams.</summary>
    public static ExecutionRoleScope ForTrainingJob(CreateTrainingJobRequest job, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var image = job.AlgorithmSpecification.TrainingImage
            ?? throw new ArgumentException("The training job has no TrainingImage; a marketplace algorithm's permissions are not generated here.", nameof(job));
        var repository = AwsArns.ParseEcrImage(image);
        var reads = (job.InputDataConfig ?? [])
            .Select(c => c.DataSource.S3DataSource?.S3Uri)
            .OfType<string>()
            .Select(S3Location.Parse)
            .ToList();
        var writes = new List<S3Location> { S3Location.Parse(job.OutputDataConfig.S3OutputPath).Child(job.TrainingJobName) };
        if (job.CheckpointConfig is { } checkpoints)
        {
            writes.Add(S3Location.Parse(checkpoints.S3Uri));
        }

        return new ExecutionRoleScope
        {
            AccountId = AwsArns.AccountOfRole(job.RoleArn),
            Region = region ?? repository.Region,
            ReadPrefixes = reads,
            WritePrefixes = writes,
            Repositories = [repository],
            LogGroup = "/aws/sagemaker/TrainingJobs",
            LogStreamPrefix = $"{job.TrainingJobName}/",
            KmsKeyArns = new[] { job.OutputDataConfig.KmsKeyId, job.ResourceConfig.VolumeKmsKeyId }.OfType<string>().Where(k => k.StartsWith("arn:", StringComparison.Ordinal)).ToArray(),
        };
    }

    /// <summary>The scope of a model served by an endpoint: its archive, its image, data capture, and the endpoint's logs.</summary>
    public static ExecutionRoleScope ForEndpointModel(CreateModelRequest model, string endpointName, DataCaptureConfig? capture = null, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var containers = (model.Containers ?? []).Concat(model.PrimaryContainer is null ? [] : [model.PrimaryContainer]).ToArray();
        if (containers.Length == 0)
        {
            throw new ArgumentException("The model has no PrimaryContainer or Containers.", nameof(model));
        }

        var repositories = containers.Select(c => c.Image).OfType<string>().Select(AwsArns.ParseEcrImage).Distinct().ToArray();
        var reads = containers.Select(c => c.ModelDataUrl).OfType<string>().Select(S3Location.Parse).ToArray();
        var writes = capture is null ? Array.Empty<S3Location>() : [S3Location.Parse(capture.DestinationS3Uri)];
        var role = model.ExecutionRoleArn ?? throw new ArgumentException("The model has no ExecutionRoleArn.", nameof(model));
        return new ExecutionRoleScope
        {
            AccountId = AwsArns.AccountOfRole(role),
            Region = region ?? repositories.FirstOrDefault()?.Region ?? throw new ArgumentException("No region: the model has no ECR image to read one from; pass it.", nameof(region)),
            ReadPrefixes = reads,
            WritePrefixes = writes,
            Repositories = repositories,
            LogGroup = $"/aws/sagemaker/Endpoints/{endpointName}",
        };
    }
}
