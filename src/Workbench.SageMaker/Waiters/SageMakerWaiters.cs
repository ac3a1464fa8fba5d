using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Waiters;

/// <summary>
/// The SageMaker waiters exactly as botocore's <c>waiters-2.json</c> defines them (delays, attempts, acceptors),
/// over any <see cref="ISageMakerApi"/>: the service, or the local backend.
/// </summary>
public static class SageMakerWaiters
{
    private static readonly Lazy<IReadOnlyDictionary<string, WaiterDefinition>> Definitions = new(() =>
    {
        using var stream = BundledModels.Open("sagemaker.waiters-2.json");
        return WaiterDefinition.LoadAll(stream, "embedded botocore sagemaker.waiters-2.json");
    });

    /// <summary>Every SageMaker waiter by name, e.g. <c>EndpointInService</c>.</summary>
    public static IReadOnlyDictionary<string, WaiterDefinition> All => Definitions.Value;

    public static Task<DescribeTrainingJobResponse> WaitUntilTrainingJobCompletedOrStoppedAsync(
        this ISageMakerApi api, string trainingJobName, WaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        WaitAsync("TrainingJobCompletedOrStopped", $"training job {trainingJobName}",
            ct => api.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = trainingJobName }, ct), options, cancellationToken);

    public static Task<DescribeEndpointResponse> WaitUntilEndpointInServiceAsync(
        this ISageMakerApi api, string endpointName, WaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        WaitAsync("EndpointInService", $"endpoint {endpointName}",
            ct => api.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpointName }, ct), options, cancellationToken);

    /// <summary>Waits until DescribeEndpoint reports the endpoint gone (SageMaker answers ValidationException).</summary>
    public static async Task WaitUntilEndpointDeletedAsync(
        this ISageMakerApi api, string endpointName, WaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        await WaitAsync("EndpointDeleted", $"endpoint {endpointName}",
            ct => api.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpointName }, ct), options, cancellationToken)
            .ConfigureAwait(false);

    public static Task<DescribeTransformJobResponse> WaitUntilTransformJobCompletedOrStoppedAsync(
        this ISageMakerApi api, string transformJobName, WaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        WaitAsync("TransformJobCompletedOrStopped", $"transform job {transformJobName}",
            ct => api.DescribeTransformJobAsync(new DescribeTransformJobRequest { TransformJobName = transformJobName }, ct), options, cancellationToken);

    /// <summary>Runs the named botocore waiter over a typed describe call; returns the last response, or null when success was an error match (a deleted resource).</summary>
    public static async Task<T> WaitAsync<T>(
        string waiterName,
        string resource,
        Func<CancellationToken, Task<T>> describe,
        WaiterOptions? options = null,
        CancellationToken cancellationToken = default)
        where T : class
    {
        if (!All.TryGetValue(waiterName, out var waiter))
        {
            throw new ArgumentException($"SageMaker has no waiter '{waiterName}'; known: {string.Join(", ", All.Keys)}.", nameof(waiterName));
        }

        T? last = null;
        await WaiterRunner.WaitAsync(
            waiter,
            resource,
            async ct =>
            {
                last = null;
                last = await describe(ct).ConfigureAwait(false);
                return JsonSerializer.SerializeToNode(last, AwsJson.Options);
            },
            options,
            cancellationToken).ConfigureAwait(false);
        return last!;
    }
}
