using Workbench.Serving.Capture;
using Workbench.Serving.Models;

namespace Workbench.Serving.Hosting;

/// <summary>
/// How an inference endpoint runs: its production variants, where it listens, data capture, limits and operations.
/// Defaults follow SageMaker's inference-container contract (port 8080, 6 MiB payloads) but bind 127.0.0.1; a
/// container entrypoint passes <c>0.0.0.0</c> because SageMaker reaches the container from outside.
/// </summary>
public sealed record EndpointOptions
{
    public const long DefaultMaxPayloadBytes = 6L * 1024 * 1024;

    /// <summary>The endpoint's name (capture folders, metrics, logs).</summary>
    public string Name { get; init; } = "local";

    /// <summary>The models behind the endpoint; at least one non-shadow variant.</summary>
    public IReadOnlyList<VariantOptions> Variants { get; init; } = [];

    /// <summary>The interface to bind: 127.0.0.1 unless told otherwise (0.0.0.0 in a container).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one (see <see cref="InferenceEndpoint.Address"/>).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>A second port for the admin routes (<c>GET/POST /admin/weights</c>); null: no admin listener. Always bound to <see cref="Host"/>.</summary>
    public int? AdminPort { get; init; }

    /// <summary>Request and response capture (SageMaker's data-capture format); null: none.</summary>
    public DataCaptureOptions? Capture { get; init; }

    /// <summary>When set, every route but <c>/ping</c> requires this key in <c>X-Api-Key</c> or <c>Authorization: Bearer</c> (local use; compared in constant time, never logged).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Larger bodies get 413, detected while reading.</summary>
    public long MaxPayloadBytes { get; init; } = DefaultMaxPayloadBytes;

    /// <summary>What <c>/execution-parameters</c> reports as MaxConcurrentTransforms (batch transform's concurrency).</summary>
    public int MaxConcurrentTransforms { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>How long in-flight requests may take to finish once a stop (SIGTERM) is asked for.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a request body may take to arrive (slow clients get 408).</summary>
    public TimeSpan BodyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Kestrel's minimum body data rate (bytes/s after a grace period); below it the request is aborted with 408.</summary>
    public double MinBodyBytesPerSecond { get; init; } = 240;

    /// <summary>The grace period before <see cref="MinBodyBytesPerSecond"/> applies.</summary>
    public TimeSpan MinBodyRateGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Structured request logs (one JSON object per line, no payloads, no keys); null: none.</summary>
    public TextWriter? RequestLog { get; init; }

    /// <summary>Where registry references and archives are resolved.</summary>
    public ModelLoadOptions? LoadOptions { get; init; }

    /// <summary>
    /// How long each model answers synthetic requests before <c>/ping</c> turns 200, so the first real requests meet
    /// optimised code (<c>workbench serve --warm-up SECONDS</c>). Zero (the default): none. Measured on the serving
    /// benchmark's model: the first 5 s under load cost 69 instead of 91 us of CPU per 100-row request with a 3 s
    /// warm-up, but the optimised code is then tuned on the synthetic rows, and later requests cost a few percent more.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.Zero;

    /// <summary>Whether <c>InferenceEndpoint.StartAsync</c> returns only once every model is loaded (else /ping answers 503 until then).</summary>
    public bool WaitForModels { get; init; } = true;
}

/// <summary>
/// One production variant: a model and its share of traffic. Weights are relative (1 and 9 give 10 % and 90 %); a
/// shadow variant gets a copy of every request routed to the others, its answers captured but never returned.
/// </summary>
public sealed record VariantOptions(string Name, string Model, double Weight = 1)
{
    /// <summary>Whether this variant only shadows the others.</summary>
    public bool Shadow { get; init; }

    /// <summary>An already loaded model (in-process use); <see cref="Model"/> is then only its label.</summary>
    public ModelBundle? Bundle { get; init; }
}
