using Workbench.SageMaker.Aws;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Api;

/// <summary>
/// Amazon SageMaker over its JSON 1.1 API (<c>X-Amz-Target: SageMaker.&lt;Operation&gt;</c>, SigV4 signing name
/// <c>sagemaker</c>). Every request is checked against the embedded botocore model before it is sent, so a request
/// the service would refuse fails here with the member named.
/// </summary>
/// <remarks>Not exercised against the real service here (no AWS account): the contract tests run it against a
/// fake that validates every request with the same botocore models and verifies each signature.</remarks>
public sealed class SageMakerClient : ISageMakerApi, IDisposable
{
    private readonly AwsJsonRpcClient _rpc;

    public SageMakerClient(AwsClientOptions? options = null)
        : this(options ?? new AwsClientOptions(), null)
    {
    }

    internal SageMakerClient(AwsClientOptions options, AwsCredentialChain? credentials)
    {
        _rpc = new AwsJsonRpcClient(BundledModels.SageMaker, options, credentials);
    }

    /// <summary>The endpoint requests go to, e.g. <c>https://api.sagemaker.eu-west-1.amazonaws.com/</c>.</summary>
    public Uri Endpoint => _rpc.Transport.Endpoint;

    public string Region => _rpc.Transport.Region.SystemName;

    public Task<CreateTrainingJobResponse> CreateTrainingJobAsync(CreateTrainingJobRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateTrainingJobResponse>("CreateTrainingJob", request, cancellationToken);

    public Task<DescribeTrainingJobResponse> DescribeTrainingJobAsync(DescribeTrainingJobRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeTrainingJobResponse>("DescribeTrainingJob", request, cancellationToken);

    public Task StopTrainingJobAsync(StopTrainingJobRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync("StopTrainingJob", request, cancellationToken);

    public Task<ListTrainingJobsResponse> ListTrainingJobsAsync(ListTrainingJobsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListTrainingJobsResponse>("ListTrainingJobs", request, cancellationToken);

    public Task<CreateHyperParameterTuningJobResponse> CreateHyperParameterTuningJobAsync(CreateHyperParameterTuningJobRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateHyperParameterTuningJobResponse>("CreateHyperParameterTuningJob", request, cancellationToken);

    public Task<DescribeHyperParameterTuningJobResponse> DescribeHyperParameterTuningJobAsync(DescribeHyperParameterTuningJobRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeHyperParameterTuningJobResponse>("DescribeHyperParameterTuningJob", request, cancellationToken);

    public Task StopHyperParameterTuningJobAsync(StopHyperParameterTuningJobRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync("StopHyperParameterTuningJob", request, cancellationToken);

    public Task<CreateModelResponse> CreateModelAsync(CreateModelRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateModelResponse>("CreateModel", request, cancellationToken);

    public Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateEndpointConfigResponse>("CreateEndpointConfig", request, cancellationToken);

    public Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeEndpointConfigResponse>("DescribeEndpointConfig", request, cancellationToken);

    public Task DeleteEndpointConfigAsync(DeleteEndpointConfigRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync("DeleteEndpointConfig", request, cancellationToken);

    public Task<CreateEndpointResponse> CreateEndpointAsync(CreateEndpointRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateEndpointResponse>("CreateEndpoint", request, cancellationToken);

    public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeEndpointResponse>("DescribeEndpoint", request, cancellationToken);

    public Task<UpdateEndpointResponse> UpdateEndpointAsync(UpdateEndpointRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<UpdateEndpointResponse>("UpdateEndpoint", request, cancellationToken);

    public Task DeleteEndpointAsync(DeleteEndpointRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync("DeleteEndpoint", request, cancellationToken);

    public Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(UpdateEndpointWeightsAndCapacitiesRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<UpdateEndpointWeightsAndCapacitiesResponse>("UpdateEndpointWeightsAndCapacities", request, cancellationToken);

    public Task<CreateTransformJobResponse> CreateTransformJobAsync(CreateTransformJobRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateTransformJobResponse>("CreateTransformJob", request, cancellationToken);

    public Task<DescribeTransformJobResponse> DescribeTransformJobAsync(DescribeTransformJobRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeTransformJobResponse>("DescribeTransformJob", request, cancellationToken);

    public Task<CreateModelPackageGroupResponse> CreateModelPackageGroupAsync(CreateModelPackageGroupRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateModelPackageGroupResponse>("CreateModelPackageGroup", request, cancellationToken);

    public Task<CreateModelPackageResponse> CreateModelPackageAsync(CreateModelPackageRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateModelPackageResponse>("CreateModelPackage", request, cancellationToken);

    public Task<DescribeModelPackageResponse> DescribeModelPackageAsync(DescribeModelPackageRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeModelPackageResponse>("DescribeModelPackage", request, cancellationToken);

    public Task<UpdateModelPackageResponse> UpdateModelPackageAsync(UpdateModelPackageRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<UpdateModelPackageResponse>("UpdateModelPackage", request, cancellationToken);

    public Task<ListModelPackagesResponse> ListModelPackagesAsync(ListModelPackagesRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListModelPackagesResponse>("ListModelPackages", request, cancellationToken);

    /// <summary>The exact JSON <paramref name="operation"/> would send for <paramref name="request"/>, after validation.</summary>
    public string PreviewRequest(string operation, object request) => _rpc.Prepare(operation, request).ToJsonString();

    public void Dispose() => _rpc.Dispose();
}
