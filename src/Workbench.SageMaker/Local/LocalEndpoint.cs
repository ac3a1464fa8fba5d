using Workbench.SageMaker.Api;
using Workbench.Serving.Capture;
using Workbench.Serving.Hosting;
using Workbench.Serving.Models;

namespace Workbench.SageMaker.Local;

/// <summary>
/// One endpoint on this machine: Workbench.Serving's inference server on a free 127.0.0.1 port, one production
/// variant per endpoint-config variant (its model's archive, or a registry version for a model package), data capture
/// as the config asks. Creating / Updating run in the background, as on SageMaker, and end InService or Failed.
/// </summary>
internal sealed class LocalEndpoint
{
    private readonly object _gate = new();
    private InferenceEndpoint? _server;

    public LocalEndpoint(string name, string arn)
    {
        Name = name;
        Arn = arn;
        CreationTime = DateTimeOffset.UtcNow;
        LastModified = CreationTime;
    }

    public string Name { get; }

    public string Arn { get; }

    public DateTimeOffset CreationTime { get; }

    public DateTimeOffset LastModified { get; private set; }

    public string Status { get; private set; } = EndpointStatus.Creating;

    public string? FailureReason { get; private set; }

    public CreateEndpointConfigRequest? Config { get; private set; }

    public Task Work { get; private set; } = Task.CompletedTask;

    /// <summary>Where the server listens (null until InService).</summary>
    public Uri? Address => _server?.Address;

    public IReadOnlyDictionary<string, double> Weights => _server?.Weights ?? new Dictionary<string, double>();

    public void Deploy(CreateEndpointConfigRequest config, Func<ProductionVariant, VariantOptions> variant, Func<string, string> resolve, string? workbenchHome, bool update)
    {
        lock (_gate)
        {
            Status = update ? EndpointStatus.Updating : EndpointStatus.Creating;
            LastModified = DateTimeOffset.UtcNow;
        }

        Work = Task.Run(async () =>
        {
            try
            {
                var capture = config.DataCaptureConfig is { EnableCapture: not false } dc
                    ? new DataCaptureOptions(resolve(dc.DestinationS3Uri))
                    {
                        SamplingPercentage = dc.InitialSamplingPercentage,
                        CaptureInput = dc.CaptureOptions.Any(o => o.CaptureMode == "Input"),
                        CaptureOutput = dc.CaptureOptions.Any(o => o.CaptureMode == "Output"),
                    }
                    : null;
                var server = await InferenceEndpoint.StartAsync(new EndpointOptions
                {
                    Name = Name,
                    Port = 0,
                    Host = "127.0.0.1",
                    Variants = config.ProductionVariants.Select(variant).ToList(),
                    Capture = capture,
                    LoadOptions = new ModelLoadOptions { WorkbenchHome = workbenchHome },
                }).ConfigureAwait(false);
                InferenceEndpoint? previous;
                lock (_gate)
                {
                    previous = _server;
                    _server = server;
                    Config = config;
                    Status = EndpointStatus.InService;
                    FailureReason = null;
                    LastModified = DateTimeOffset.UtcNow;
                }

                if (previous is not null)
                {
                    await previous.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lock (_gate)
                {
                    // A failed update leaves the old configuration serving, as SageMaker rolls back.
                    Status = update && _server is not null ? EndpointStatus.InService : EndpointStatus.Failed;
                    FailureReason = $"{(update ? "Update" : "Creation")} failed: {e.Message}";
                    LastModified = DateTimeOffset.UtcNow;
                }
            }
        });
    }

    public void UpdateWeights(IReadOnlyDictionary<string, double> weights)
    {
        var server = _server ?? throw new InvalidOperationException($"Endpoint {Name} is {Status}; weights can change only InService.");
        server.UpdateWeights(weights);
        LastModified = DateTimeOffset.UtcNow;
    }

    public async Task DeleteAsync()
    {
        InferenceEndpoint? server;
        lock (_gate)
        {
            Status = EndpointStatus.Deleting;
            server = _server;
            _server = null;
        }

        await Work.ConfigureAwait(false);
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public DescribeEndpointResponse Describe()
    {
        lock (_gate)
        {
            var weights = Weights;
            var config = Config;
            return new DescribeEndpointResponse
            {
                EndpointName = Name,
                EndpointArn = Arn,
                EndpointConfigName = config?.EndpointConfigName,
                EndpointStatus = Status,
                FailureReason = FailureReason,
                CreationTime = CreationTime,
                LastModifiedTime = LastModified,
                ProductionVariants = config?.ProductionVariants.Select(v => new ProductionVariantSummary
                {
                    VariantName = v.VariantName,
                    CurrentWeight = weights.TryGetValue(v.VariantName, out var weight) ? weight : v.InitialVariantWeight ?? 1,
                    DesiredWeight = weights.TryGetValue(v.VariantName, out var desired) ? desired : v.InitialVariantWeight ?? 1,
                    CurrentInstanceCount = v.InitialInstanceCount ?? 1,
                    DesiredInstanceCount = v.InitialInstanceCount ?? 1,
                }).ToList(),
                DataCaptureConfig = config?.DataCaptureConfig is { } capture
                    ? new DataCaptureConfigSummary
                    {
                        EnableCapture = capture.EnableCapture ?? true,
                        CaptureStatus = capture.EnableCapture == false ? "Stopped" : "Started",
                        CurrentSamplingPercentage = capture.InitialSamplingPercentage,
                        DestinationS3Uri = capture.DestinationS3Uri,
                    }
                    : null,
            };
        }
    }
}
