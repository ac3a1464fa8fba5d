using System.Collections.Concurrent;
using System.Globalization;
using Workbench.SageMaker.Api;
using Workbench.Serving.Hosting;

namespace Workbench.SageMaker.Local;

// Endpoints are Workbench.Serving's inference server in this process, one per endpoint, on a free 127.0.0.1 port;
// transform jobs start a server for their model and send it the input as SageMaker's batch transform does.
public sealed partial class LocalSageMakerApi
{
    private readonly ConcurrentDictionary<string, LocalEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalTransformJob> _transformJobs = new(StringComparer.Ordinal);

    public Task<CreateEndpointResponse> CreateEndpointAsync(CreateEndpointRequest request, CancellationToken cancellationToken = default)
    {
        Validate("CreateEndpoint", request);
        var config = EndpointConfig("CreateEndpoint", request.EndpointConfigName);
        var endpoint = new LocalEndpoint(request.EndpointName, Arn("endpoint", request.EndpointName));
        if (!_endpoints.TryAdd(request.EndpointName, endpoint))
        {
            throw Error("CreateEndpoint", "ValidationException", $"Cannot create already existing endpoint \"{endpoint.Arn}\".");
        }

        endpoint.Deploy(config, Variant, Paths.Resolve, Options.WorkbenchHome, update: false);
        return Task.FromResult(new CreateEndpointResponse { EndpointArn = endpoint.Arn });
    }

    public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken = default)
    {
        Validate("DescribeEndpoint", request);
        return Task.FromResult(Endpoint("DescribeEndpoint", request.EndpointName).Describe());
    }

    public Task<UpdateEndpointResponse> UpdateEndpointAsync(UpdateEndpointRequest request, CancellationToken cancellationToken = default)
    {
        Validate("UpdateEndpoint", request);
        var endpoint = Endpoint("UpdateEndpoint", request.EndpointName);
        if (endpoint.Status != EndpointStatus.InService)
        {
            throw Error("UpdateEndpoint", "ValidationException", $"Cannot update endpoint {request.EndpointName} while it is {endpoint.Status}.");
        }

        endpoint.Deploy(EndpointConfig("UpdateEndpoint", request.EndpointConfigName), Variant, Paths.Resolve, Options.WorkbenchHome, update: true);
        return Task.FromResult(new UpdateEndpointResponse { EndpointArn = endpoint.Arn });
    }

    public async Task DeleteEndpointAsync(DeleteEndpointRequest request, CancellationToken cancellationToken = default)
    {
        Validate("DeleteEndpoint", request);
        var endpoint = Endpoint("DeleteEndpoint", request.EndpointName);
        await endpoint.DeleteAsync().ConfigureAwait(false);
        _endpoints.TryRemove(request.EndpointName, out _);
    }

    public Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(UpdateEndpointWeightsAndCapacitiesRequest request, CancellationToken cancellationToken = default)
    {
        Validate("UpdateEndpointWeightsAndCapacities", request);
        var endpoint = Endpoint("UpdateEndpointWeightsAndCapacities", request.EndpointName);
        var weights = request.DesiredWeightsAndCapacities.Where(d => d.DesiredWeight is not null).ToDictionary(d => d.VariantName, d => d.DesiredWeight!.Value, StringComparer.Ordinal);
        try
        {
            endpoint.UpdateWeights(weights);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw Error("UpdateEndpointWeightsAndCapacities", "ValidationException", e.Message);
        }

        return Task.FromResult(new UpdateEndpointWeightsAndCapacitiesResponse { EndpointArn = endpoint.Arn });
    }

    /// <summary>The local URL an endpoint's server answers on (<c>/ping</c>, <c>/invocations</c>), once InService.</summary>
    public Uri? GetEndpointAddress(string endpointName) => Endpoint("GetEndpointAddress", endpointName).Address;

    /// <summary>Waits for an endpoint's creation or update to settle (scripts and tests; notebooks poll with <see cref="Jobs.EndpointJob"/>).</summary>
    public Task WhenEndpointSettledAsync(string endpointName) => Endpoint("WhenEndpointSettled", endpointName).Work;

    public Task<CreateTransformJobResponse> CreateTransformJobAsync(CreateTransformJobRequest request, CancellationToken cancellationToken = default)
    {
        Validate("CreateTransformJob", request);
        if (!_models.TryGetValue(request.ModelName, out var model))
        {
            throw Error("CreateTransformJob", "ValidationException", $"Could not find model \"{Arn("model", request.ModelName)}\".");
        }

        var job = new LocalTransformJob(request, Arn("transform-job", request.TransformJobName), Variant(new ProductionVariant { VariantName = "AllTraffic", ModelName = model.Request.ModelName }), Paths, Options.WorkbenchHome);
        if (!_transformJobs.TryAdd(request.TransformJobName, job))
        {
            throw Error("CreateTransformJob", "ValidationException", $"Job name must be unique within an AWS account and region, and a job with this name already exists ({job.Arn})");
        }

        job.Start();
        return Task.FromResult(new CreateTransformJobResponse { TransformJobArn = job.Arn });
    }

    public Task<DescribeTransformJobResponse> DescribeTransformJobAsync(DescribeTransformJobRequest request, CancellationToken cancellationToken = default)
    {
        Validate("DescribeTransformJob", request);
        return Task.FromResult(_transformJobs.TryGetValue(request.TransformJobName, out var job)
            ? job.Describe()
            : throw Error("DescribeTransformJob", "ValidationException", $"Could not find requested job with name {request.TransformJobName}"));
    }

    internal LocalEndpoint Endpoint(string operation, string name) =>
        _endpoints.TryGetValue(name, out var endpoint)
            ? endpoint
            : throw Error(operation, "ValidationException", $"Could not find endpoint \"{Arn("endpoint", name)}\".");

    private CreateEndpointConfigRequest EndpointConfig(string operation, string name) =>
        _endpointConfigs.TryGetValue(name, out var config)
            ? config.Request
            : throw Error(operation, "ValidationException", $"Could not find endpoint configuration \"{Arn("endpoint-config", name)}\".");

    /// <summary>A variant's model as the server loads it: the model's archive, or a registry version for a model package.</summary>
    private VariantOptions Variant(ProductionVariant variant)
    {
        var model = _models[variant.ModelName ?? string.Empty].Request;
        var container = model.PrimaryContainer ?? model.Containers![0];
        string reference;
        if (container.ModelPackageName is { } package)
        {
            var version = Package("CreateEndpoint", package);
            reference = $"models:/{version.ModelName}/{version.Version.ToString(CultureInfo.InvariantCulture)}";
        }
        else
        {
            reference = Paths.Resolve(container.ModelDataUrl ?? throw Error("CreateEndpoint", "ValidationException", $"Model {model.ModelName} has neither ModelDataUrl nor ModelPackageName."));
        }

        return new VariantOptions(variant.VariantName, reference, variant.InitialVariantWeight ?? 1);
    }
}
