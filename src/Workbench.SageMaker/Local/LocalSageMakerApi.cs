using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Jobs;
using Workbench.Registry;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Local;

/// <summary>
/// The SageMaker API on this machine. Requests are checked against the same botocore model as the real client's, so
/// a request SageMaker would refuse is refused here too, naming the member. Training jobs run the training container's
/// entrypoint as a child process (<see cref="LocalTrainingJob"/>); model package groups and packages are the
/// Workbench registry's models and versions (approval status included); models and endpoint configs are kept as given.
/// Jobs live as long as this object (the files stay under <see cref="LocalBackendOptions.Root"/>).
/// </summary>
public sealed partial class LocalSageMakerApi : ISageMakerApi, IDisposable
{
    private const string Service = "SageMaker";

    private readonly ShapeValidator _validator = new(BundledModels.SageMaker);
    private readonly ConcurrentDictionary<string, LocalTrainingJob> _trainingJobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (CreateModelRequest Request, DateTimeOffset Created)> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (CreateEndpointConfigRequest Request, DateTimeOffset Created)> _endpointConfigs = new(StringComparer.Ordinal);
    private readonly Lazy<ModelRegistry> _registry;

    public LocalSageMakerApi(LocalBackendOptions? options = null)
    {
        Options = options ?? new LocalBackendOptions();
        var root = Options.Root ?? Path.Combine(Tracking.WorkbenchHome.Resolve(Options.WorkbenchHome).Path, "sagemaker-local");
        Paths = new LocalPaths(root);
        _registry = new Lazy<ModelRegistry>(() => ModelRegistry.Open(Options.WorkbenchHome));
    }

    public LocalBackendOptions Options { get; }

    public LocalPaths Paths { get; }

    /// <summary>The registry model package groups map to.</summary>
    public ModelRegistry Registry => _registry.Value;

    public Task<CreateTrainingJobResponse> CreateTrainingJobAsync(CreateTrainingJobRequest request, CancellationToken cancellationToken = default)
    {
        Validate("CreateTrainingJob", request);
        var job = new LocalTrainingJob(request, Options, Paths);
        if (!_trainingJobs.TryAdd(request.TrainingJobName, job))
        {
            throw Error("CreateTrainingJob", "ResourceInUse", $"Training job names must be unique within an AWS account and region, and a training job with this name already exists ({job.Arn})");
        }

        job.Start();
        return Task.FromResult(new CreateTrainingJobResponse { TrainingJobArn = job.Arn });
    }

    public Task<DescribeTrainingJobResponse> DescribeTrainingJobAsync(DescribeTrainingJobRequest request, CancellationToken cancellationToken = default)
    {
        Validate("DescribeTrainingJob", request);
        return Task.FromResult(TrainingJob("DescribeTrainingJob", request.TrainingJobName).Describe());
    }

    public Task StopTrainingJobAsync(StopTrainingJobRequest request, CancellationToken cancellationToken = default)
    {
        Validate("StopTrainingJob", request);
        var job = TrainingJob("StopTrainingJob", request.TrainingJobName);
        try
        {
            job.Stop();
        }
        catch (InvalidOperationException e)
        {
            throw Error("StopTrainingJob", "ValidationException", e.Message);
        }

        return Task.CompletedTask;
    }

    public Task<ListTrainingJobsResponse> ListTrainingJobsAsync(ListTrainingJobsRequest request, CancellationToken cancellationToken = default)
    {
        Validate("ListTrainingJobs", request);
        IEnumerable<TrainingJobSummary> jobs = _trainingJobs.Values.Select(j => j.Summary());
        if (request.NameContains is { } name)
        {
            jobs = jobs.Where(j => j.TrainingJobName.Contains(name, StringComparison.OrdinalIgnoreCase));
        }

        if (request.StatusEquals is { } status)
        {
            jobs = jobs.Where(j => j.TrainingJobStatus == status);
        }

        if (request.CreationTimeAfter is { } after)
        {
            jobs = jobs.Where(j => j.CreationTime > after);
        }

        if (request.CreationTimeBefore is { } before)
        {
            jobs = jobs.Where(j => j.CreationTime < before);
        }

        jobs = request.SortBy switch
        {
            "Name" => jobs.OrderBy(j => j.TrainingJobName, StringComparer.Ordinal),
            "Status" => jobs.OrderBy(j => j.TrainingJobStatus, StringComparer.Ordinal),
            _ => jobs.OrderBy(j => j.CreationTime),
        };
        if (request.SortOrder != "Ascending")
        {
            jobs = jobs.Reverse();
        }

        var (page, next) = Page(jobs.ToList(), request.NextToken, request.MaxResults);
        return Task.FromResult(new ListTrainingJobsResponse { TrainingJobSummaries = page, NextToken = next });
    }

    /// <summary>A training job's output (stdout and stderr, as CloudWatch Logs would hold it).</summary>
    public string GetTrainingJobLog(string trainingJobName) => TrainingJob("GetTrainingJobLog", trainingJobName).ReadLog();

    /// <summary>Every value each of the job's <c>MetricDefinitions</c> matched in its output, in order, with the epoch when the line gave one.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JobMetricPoint>> GetTrainingJobMetrics(string trainingJobName) =>
        TrainingJob("GetTrainingJobMetrics", trainingJobName).Metrics();

    /// <summary>Waits for the background work of a job (for tests and scripts; notebooks poll with the status objects).</summary>
    public Task WhenTrainingJobSettledAsync(string trainingJobName) => TrainingJob("WhenTrainingJobSettled", trainingJobName).Completion;

    public Task<CreateHyperParameterTuningJobResponse> CreateHyperParameterTuningJobAsync(CreateHyperParameterTuningJobRequest request, CancellationToken cancellationToken = default) =>
        throw NotLocal("CreateHyperParameterTuningJob", "hyperparameter tuning jobs run on SageMaker only; locally, use Workbench.Tuning's Tuner");

    public Task<DescribeHyperParameterTuningJobResponse> DescribeHyperParameterTuningJobAsync(DescribeHyperParameterTuningJobRequest request, CancellationToken cancellationToken = default) =>
        throw NotLocal("DescribeHyperParameterTuningJob", "hyperparameter tuning jobs run on SageMaker only");

    public Task StopHyperParameterTuningJobAsync(StopHyperParameterTuningJobRequest request, CancellationToken cancellationToken = default) =>
        throw NotLocal("StopHyperParameterTuningJob", "hyperparameter tuning jobs run on SageMaker only");

    public Task<CreateModelResponse> CreateModelAsync(CreateModelRequest request, CancellationToken cancellationToken = default)
    {
        Validate("CreateModel", request);
        var container = request.PrimaryContainer ?? request.Containers?.FirstOrDefault()
            ?? throw Error("CreateModel", "ValidationException", "A model needs a PrimaryContainer or Containers.");
        if (container.ModelDataUrl is { } url && !File.Exists(Paths.Resolve(url)))
        {
            throw Error("CreateModel", "ValidationException", $"Could not find model data at {url}.");
        }

        if (!_models.TryAdd(request.ModelName, (request, DateTimeOffset.UtcNow)))
        {
            throw Error("CreateModel", "ValidationException", $"Cannot create already existing model \"{Arn("model", request.ModelName)}\".");
        }

        return Task.FromResult(new CreateModelResponse { ModelArn = Arn("model", request.ModelName) });
    }

    public Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest request, CancellationToken cancellationToken = default)
    {
        Validate("CreateEndpointConfig", request);
        foreach (var variant in request.ProductionVariants)
        {
            if (!_models.ContainsKey(variant.ModelName ?? string.Empty))
            {
                throw Error("CreateEndpointConfig", "ValidationException", $"Could not find model \"{Arn("model", variant.ModelName ?? string.Empty)}\" (variant {variant.VariantName}).");
            }
        }

        if (!_endpointConfigs.TryAdd(request.EndpointConfigName, (request, DateTimeOffset.UtcNow)))
        {
            throw Error("CreateEndpointConfig", "ValidationException", $"Cannot create already existing endpoint configuration \"{Arn("endpoint-config", request.EndpointConfigName)}\".");
        }

        return Task.FromResult(new CreateEndpointConfigResponse { EndpointConfigArn = Arn("endpoint-config", request.EndpointConfigName) });
    }

    public Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request, CancellationToken cancellationToken = default)
    {
        Validate("DescribeEndpointConfig", request);
        if (!_endpointConfigs.TryGetValue(request.EndpointConfigName, out var config))
        {
            throw Error("DescribeEndpointConfig", "ValidationException", $"Could not find endpoint configuration \"{Arn("endpoint-config", request.EndpointConfigName)}\".");
        }

        return Task.FromResult(new DescribeEndpointConfigResponse
        {
            EndpointConfigName = config.Request.EndpointConfigName,
            EndpointConfigArn = Arn("endpoint-config", config.Request.EndpointConfigName),
            ProductionVariants = config.Request.ProductionVariants,
            DataCaptureConfig = config.Request.DataCaptureConfig,
            KmsKeyId = config.Request.KmsKeyId,
            CreationTime = config.Created,
        });
    }

    public Task DeleteEndpointConfigAsync(DeleteEndpointConfigRequest request, CancellationToken cancellationToken = default)
    {
        Validate("DeleteEndpointConfig", request);
        if (!_endpointConfigs.TryRemove(request.EndpointConfigName, out _))
        {
            throw Error("DeleteEndpointConfig", "ValidationException", $"Could not find endpoint configuration \"{Arn("endpoint-config", request.EndpointConfigName)}\".");
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var endpoint in _endpoints.Values)
        {
            endpoint.DeleteAsync().GetAwaiter().GetResult();
        }

        foreach (var job in _trainingJobs.Values)
        {
            try
            {
                job.Stop("backend disposed");
            }
            catch (InvalidOperationException)
            {
                // Already finished.
            }
        }
    }

    private LocalTrainingJob TrainingJob(string operation, string name) =>
        _trainingJobs.TryGetValue(name, out var job)
            ? job
            : throw Error(operation, "ValidationException", $"Requested resource not found: training job '{name}' does not exist on the local backend.");

    private string Arn(string type, string name) => $"arn:aws:sagemaker:{Options.Region}:{Options.Account}:{type}/{name.ToLowerInvariant()}";

    private void Validate(string operation, object request)
    {
        var json = JsonSerializer.SerializeToNode(request, request.GetType(), AwsJson.Options) as JsonObject ?? new JsonObject();
        AcceptLocalFiles(json);
        _validator.ThrowIfInvalid(operation, json);
    }

    // Local mode reads file:// URIs where SageMaker wants s3:// (as the SageMaker Python SDK's local mode does): they
    // are checked as if they were S3 URIs, and everything else exactly as SageMaker checks it.
    private static void AcceptLocalFiles(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text) && text.StartsWith("file://", StringComparison.Ordinal))
                    {
                        obj[key] = "s3://local-file/" + text["file://".Length..].TrimStart('/');
                    }
                    else
                    {
                        AcceptLocalFiles(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    AcceptLocalFiles(child);
                }

                break;
        }
    }

    private static AwsServiceException Error(string operation, string code, string message) =>
        new(Service, operation, code, message, HttpStatusCode.BadRequest, requestId: null);

    private static NotSupportedException NotLocal(string operation, string why) => new($"{operation} on the local backend: {why}.");

    private static (List<T> Page, string? Next) Page<T>(List<T> items, string? token, int? maxResults)
    {
        var start = token is null ? 0 : int.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out var offset) && offset >= 0 ? offset
            : throw new ArgumentException($"NextToken '{token}' was not issued by the local backend.");
        var size = maxResults ?? 100;
        var page = items.Skip(start).Take(size).ToList();
        var next = start + size < items.Count ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return (page, next);
    }
}
