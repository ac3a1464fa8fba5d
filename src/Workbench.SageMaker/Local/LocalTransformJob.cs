using Workbench.SageMaker.Api;
using Workbench.SageMaker.Container;
using Workbench.Serving.Batch;
using Workbench.Serving.Hosting;
using Workbench.Serving.Models;
using ServingStrategy = Workbench.Serving.Batch.BatchStrategy;

namespace Workbench.SageMaker.Local;

/// <summary>
/// A batch transform job on this machine: the request's input prefix, split, strategy, payload limit, concurrency,
/// content types mapped onto Workbench.Serving's <see cref="BatchTransform"/>, which writes
/// <c>&lt;output&gt;/&lt;input file&gt;.out</c> as SageMaker does. A file that fails fails the job with its file, line and reason.
/// </summary>
internal sealed class LocalTransformJob(CreateTransformJobRequest request, string arn, VariantOptions variant, LocalPaths paths, string? workbenchHome)
{
    private readonly object _gate = new();
    private string _status = TransformJobStatus.InProgress;
    private string? _failureReason;
    private DateTimeOffset? _start;
    private DateTimeOffset? _end;

    public string Arn => arn;

    public DateTimeOffset CreationTime { get; } = DateTimeOffset.UtcNow;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public BatchTransformResult? Result { get; private set; }

    public void Start() => Completion = Task.Run(RunAsync);

    public DescribeTransformJobResponse Describe()
    {
        lock (_gate)
        {
            return new DescribeTransformJobResponse
            {
                TransformJobName = request.TransformJobName,
                TransformJobArn = arn,
                TransformJobStatus = _status,
                FailureReason = _failureReason,
                ModelName = request.ModelName,
                MaxConcurrentTransforms = request.MaxConcurrentTransforms,
                MaxPayloadInMB = request.MaxPayloadInMB,
                BatchStrategy = request.BatchStrategy,
                Environment = request.Environment,
                TransformInput = request.TransformInput,
                TransformOutput = request.TransformOutput,
                TransformResources = request.TransformResources,
                DataProcessing = request.DataProcessing,
                CreationTime = CreationTime,
                TransformStartTime = _start,
                TransformEndTime = _end,
            };
        }
    }

    private async Task RunAsync()
    {
        lock (_gate)
        {
            _start = DateTimeOffset.UtcNow;
        }

        try
        {
            var source = paths.Resolve(request.TransformInput.DataSource.S3DataSource.S3Uri);
            if (!Directory.Exists(source))
            {
                throw new ArgumentException($"Input {request.TransformInput.DataSource.S3DataSource.S3Uri} is not a folder of input files (looked at {source}).");
            }

            var result = await BatchTransform.RunAsync(new BatchTransformOptions(variant.Model, source, paths.Resolve(request.TransformOutput.S3OutputPath))
            {
                SplitType = request.TransformInput.SplitType == "Line" ? BatchSplitType.Line : BatchSplitType.None,
                Strategy = request.BatchStrategy == "SingleRecord" ? ServingStrategy.SingleRecord : ServingStrategy.MultiRecord,
                MaxPayloadMB = request.MaxPayloadInMB ?? 6,
                Concurrency = request.MaxConcurrentTransforms ?? 1,
                ContentType = request.TransformInput.ContentType ?? "text/csv",
                Accept = request.TransformOutput.Accept,
                LoadOptions = new ModelLoadOptions { WorkbenchHome = workbenchHome },
            }).ConfigureAwait(false);
            Result = result;
            var failed = result.Files.FirstOrDefault(f => f.Status == BatchFileStatus.Failed);
            Finish(failed is null ? TransformJobStatus.Completed : TransformJobStatus.Failed,
                failed is null ? null : $"AlgorithmError: {failed.Input}{(failed.Line is { } line ? $", line {line}" : string.Empty)}: {failed.Error}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Finish(TransformJobStatus.Failed, $"ClientError: {e.Message}");
        }
    }

    private void Finish(string status, string? reason)
    {
        lock (_gate)
        {
            _status = status;
            _failureReason = reason is null ? null : FailureReason.Limit(reason);
            _end = DateTimeOffset.UtcNow;
        }
    }
}
