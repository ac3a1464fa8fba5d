using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workbench.Serving.Capture;
using Workbench.Serving.Models;
using Workbench.Serving.Operations;
using Workbench.Serving.Routing;

namespace Workbench.Serving.Hosting;

/// <summary>
/// A running inference endpoint on Kestrel, speaking SageMaker's container contract: <c>GET /ping</c>,
/// <c>POST /invocations</c>, <c>GET /execution-parameters</c>, plus <c>GET /metrics</c> (Prometheus) and, on the admin
/// port, <c>GET/POST /admin/weights</c>.
/// <code>
/// await using var endpoint = await InferenceEndpoint.StartAsync(new EndpointOptions
/// {
///     Port = 0,
///     Variants = [new("champion", "models:/readmission/1", 9), new("challenger", "models:/readmission/2", 1)],
///     Capture = new DataCaptureOptions("capture") { SamplingPercentage = 20 },
/// });
/// endpoint.UpdateWeights(new Dictionary&lt;string, double&gt; { ["challenger"] = 5 });
/// await endpoint.StopAsync();
/// </code>
/// Stopping (or SIGTERM, when <see cref="EndpointOptions"/> asks the process to handle signals) refuses new
/// connections, lets in-flight requests finish within <see cref="EndpointOptions.ShutdownTimeout"/>, then flushes
/// the data capture and request logs.
/// </summary>
public sealed class InferenceEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EndpointOptions _options;
    private readonly InvocationHandler _handler;
    private readonly ListenOptions[] _listeners;
    private readonly ListenOptions? _adminListener;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;

    private InferenceEndpoint(WebApplication app, EndpointOptions options, InvocationHandler handler, ListenOptions[] listeners, ListenOptions? adminListener)
    {
        _app = app;
        _options = options;
        _handler = handler;
        _listeners = listeners;
        _adminListener = adminListener;
    }

    /// <summary>The bound address of the inference routes (the real port when 0 was asked for).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The bound admin address, when an admin port was asked for.</summary>
    public Uri? AdminAddress { get; private set; }

    public string Name => _options.Name;

    public ServingMetrics Metrics => _handler.Metrics;

    /// <summary>Completes when every model is loaded (faults when one fails to load).</summary>
    public Task Ready => _handler.Ready;

    /// <summary>The data-capture writer, when capture is on.</summary>
    public DataCaptureWriter? Capture => _handler.Capture;

    /// <summary>The current traffic weights of the serving variants (empty until loaded).</summary>
    public IReadOnlyDictionary<string, double> Weights => _handler.Router?.Weights ?? new Dictionary<string, double>();

    /// <summary>The loaded variants (empty until loaded).</summary>
    public IReadOnlyCollection<Variant> Variants => _handler.Router?.Variants ?? [];

    /// <summary>Completes once the endpoint has stopped (after <see cref="StopAsync"/> or a signal).</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>After <see cref="Ready"/>: one line per warmed model (requests answered in how long, or why it was not warmed).</summary>
    public IReadOnlyList<string> WarmUpReport => _handler.WarmUps.Select(w => w.Outcome.Skipped is { } why
        ? $"{w.Variant}: not warmed up after {w.Outcome.Requests} synthetic requests ({why})"
        : $"{w.Variant}: warmed up with {w.Outcome.Requests:N0} synthetic requests in {w.Outcome.Elapsed.TotalSeconds:0.0} s").ToArray();

    /// <summary>Starts listening, loads the models, and (by default) returns once they are loaded.</summary>
    /// <exception cref="ArgumentException">No serving variant, duplicate names, or an unusable host.</exception>
    public static Task<InferenceEndpoint> StartAsync(EndpointOptions options, CancellationToken cancellation = default) =>
        StartAsync(options, handleSignals: false, cancellation);

    /// <summary>As <see cref="StartAsync(EndpointOptions, CancellationToken)"/>; with <paramref name="handleSignals"/> SIGTERM / Ctrl+C stop the endpoint gracefully (the CLI and container entrypoint).</summary>
    public static async Task<InferenceEndpoint> StartAsync(EndpointOptions options, bool handleSignals, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Workbench.Serving", Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        if (!handleSignals)
        {
            builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        }

        KestrelTransport.Configure(builder.WebHost);
        var listeners = new List<ListenOptions>();
        ListenOptions? admin = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Kestrel enforces the limit too, so the unread rest of a refused body is not drained without end.
            kestrel.Limits.MaxRequestBodySize = options.MaxPayloadBytes + 1;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(options.MinBodyBytesPerSecond, options.MinBodyRateGrace);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(Math.Min(30, Math.Max(1, options.BodyTimeout.TotalSeconds)));
            Listen(kestrel, options.Host, options.Port, listeners.Add);
            if (options.AdminPort is { } adminPort)
            {
                Listen(kestrel, options.Host, adminPort, l => admin = l);
            }
        });

        var app = builder.Build();
        var handler = new InvocationHandler(options);
        var endpoint = new InferenceEndpoint(app, options, handler, [.. listeners], admin);
        endpoint.Map();
        await app.StartAsync(cancellation).ConfigureAwait(false);
        endpoint.Address = new Uri($"http://{Display(listeners[0].IPEndPoint!)}");
        endpoint.AdminAddress = admin is null ? null : new Uri($"http://{Display(admin.IPEndPoint!)}");
        handler.AdminPort = admin?.IPEndPoint?.Port;
        // A signal (SIGTERM, Ctrl+C) only asks the application to stop; the host itself is stopped here.
        app.Lifetime.ApplicationStopping.Register(() => _ = Task.Run(() => endpoint.StopAsync()));
        handler.BeginLoading();
        if (options.WaitForModels)
        {
            try
            {
                await handler.Ready.WaitAsync(cancellation).ConfigureAwait(false);
            }
            catch
            {
                await endpoint.StopAsync().ConfigureAwait(false);
                throw;
            }
        }

        return endpoint;
    }

    /// <summary>Changes the traffic weights of the named variants at run time; requests in flight keep the table they started with.</summary>
    /// <exception cref="InvalidOperationException">The models are not loaded yet.</exception>
    /// <exception cref="ArgumentException">An unknown or shadow variant, or invalid weights.</exception>
    public void UpdateWeights(IReadOnlyDictionary<string, double> weights) =>
        (_handler.Router ?? throw new InvalidOperationException("The endpoint's models are not loaded yet.")).UpdateWeights(weights);

    /// <summary>Stops gracefully: no new connections; in-flight requests finish (up to <paramref name="deadline"/>, else the configured shutdown timeout); capture and logs flushed.</summary>
    public async Task StopAsync(TimeSpan? deadline = null)
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            await _stopped.Task.ConfigureAwait(false);
            return;
        }

        using var timeout = new CancellationTokenSource(deadline ?? _options.ShutdownTimeout);
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The deadline passed with requests still running; they are abandoned as Kestrel closes their connections.
        }

        await FinishAsync().ConfigureAwait(false);
    }

    /// <summary>Waits until the endpoint stops (by <see cref="StopAsync"/> or a signal).</summary>
    public Task WaitForShutdownAsync() => _stopped.Task;

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task FinishAsync()
    {
        await _handler.DisposeAsync().ConfigureAwait(false);
        _stopped.TrySetResult();
    }

    private void Map()
    {
        var app = _app;
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            var onAdmin = _handler.AdminPort is { } adminPort && context.Connection.LocalPort == adminPort;
            if (onAdmin != path.StartsWith("/admin", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (_options.ApiKey is not null && path != "/ping" && !_handler.Authorised(context.Request))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await InvocationHandler.WriteError(context, new Protocol.ServingException(401, "unauthorized", "this endpoint requires an API key in X-Api-Key or Authorization: Bearer.")).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });

        app.MapGet("/ping", (HttpContext context) =>
        {
            context.Response.StatusCode = _handler.IsReady && Volatile.Read(ref _stopping) == 0 ? 200 : 503;
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        });
        app.MapPost("/invocations", _handler.InvokeAsync);
        app.MapGet("/execution-parameters", (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["MaxConcurrentTransforms"] = _options.MaxConcurrentTransforms,
                ["BatchStrategy"] = "MULTI_RECORD",
                ["MaxPayloadInMB"] = (int)Math.Max(1, _options.MaxPayloadBytes / (1024 * 1024)),
            }));
        });
        app.MapGet("/metrics", (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            return context.Response.WriteAsync(_handler.Metrics.Render(_handler.Capture?.Written ?? 0, _handler.Capture?.Dropped ?? 0));
        });
        app.MapGet("/admin/weights", (HttpContext context) => WriteWeights(context));
        app.MapPost("/admin/weights", async (HttpContext context) =>
        {
            Dictionary<string, double>? weights;
            try
            {
                weights = await JsonSerializer.DeserializeAsync<Dictionary<string, double>>(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                if (weights is null || weights.Count == 0)
                {
                    throw new ArgumentException("Send a JSON object of variant names to weights, e.g. {\"champion\": 9, \"challenger\": 1}.");
                }

                UpdateWeights(weights);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
            {
                await InvocationHandler.WriteError(context, Protocol.ServingException.BadRequest("invalid_weights", e.Message)).ConfigureAwait(false);
                return;
            }

            await WriteWeights(context).ConfigureAwait(false);
        });
    }

    private Task WriteWeights(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(Weights));
    }

    private static void Check(EndpointOptions options)
    {
        if (options.Variants.Count == 0)
        {
            throw new ArgumentException("An endpoint needs at least one variant (a model).", nameof(options));
        }

        var duplicate = options.Variants.GroupBy(v => v.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two variants are named '{duplicate.Key}'.", nameof(options));
        }

        if (options.Variants.All(v => v.Shadow))
        {
            throw new ArgumentException("Every variant is a shadow; at least one must answer requests.", nameof(options));
        }

        if (options.MaxPayloadBytes is <= 0 or > int.MaxValue - 1024)
        {
            throw new ArgumentException($"MaxPayloadBytes must be between 1 and {int.MaxValue - 1024}.", nameof(options));
        }
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, Action<ListenOptions> keep)
    {
        var address = host.Trim() switch
        {
            "localhost" or "127.0.0.1" or "" => IPAddress.Loopback,
            "0.0.0.0" or "*" or "+" => IPAddress.Any,
            "::" => IPAddress.IPv6Any,
            var text when IPAddress.TryParse(text.Trim('[', ']'), out var parsed) => parsed,
            var text => throw new ArgumentException($"Host '{text}' is not an IP address; use 127.0.0.1 (local), 0.0.0.0 (all interfaces, as in a container) or an address of this machine."),
        };
        kestrel.Listen(address, port, keep);
    }

    private static string Display(IPEndPoint endpoint) =>
        endpoint.Address.Equals(IPAddress.Any) ? $"127.0.0.1:{endpoint.Port}"
        : endpoint.Address.Equals(IPAddress.IPv6Any) ? $"[::1]:{endpoint.Port}"
        : endpoint.ToString();

    /// <summary>Leaves the process's signals alone (an endpoint inside a notebook or a test must not take over Ctrl+C).</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
