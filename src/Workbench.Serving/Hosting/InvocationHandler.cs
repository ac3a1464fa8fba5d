using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Workbench.Serving.Capture;
using Workbench.Serving.Models;
using Workbench.Serving.Operations;
using Workbench.Serving.Protocol;
using Workbench.Serving.Routing;

namespace Workbench.Serving.Hosting;

/// <summary>
/// <c>POST /invocations</c>: content type and Accept negotiated first (415 / 406 before the body is read), the body
/// read under the payload limit (413) and the body timeout (408), the variant chosen, the rows parsed and validated
/// (400 naming row and column), predicted, and answered; shadows and capture run off the request path.
/// </summary>
internal sealed class InvocationHandler : IAsyncDisposable
{
    public const string TargetVariantHeader = "X-Amzn-SageMaker-Target-Variant";
    public const string InferenceIdHeader = "X-Amzn-SageMaker-Inference-Id";
    public const string InvokedVariantHeader = "X-Amzn-Invoked-Production-Variant";
    public const string CustomAttributesHeader = "X-Amzn-SageMaker-Custom-Attributes";

    private readonly EndpointOptions _options;
    private readonly ApiKeyCheck? _apiKey;
    private readonly RequestLog? _log;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _shadowSlots = new(Math.Max(2, Environment.ProcessorCount * 2));
    private readonly List<ModelBundle> _owned = [];
    private int _shadowTasks;

    public InvocationHandler(EndpointOptions options)
    {
        _options = options;
        _apiKey = options.ApiKey is { Length: > 0 } key ? new ApiKeyCheck(key) : null;
        _log = options.RequestLog is { } sink ? new RequestLog(sink) : null;
        Capture = options.Capture is { } capture ? new DataCaptureWriter(options.Name, capture) : null;
    }

    public ServingMetrics Metrics { get; } = new();

    public DataCaptureWriter? Capture { get; }

    public VariantRouter? Router { get; private set; }

    public Task Ready => _ready.Task;

    public bool IsReady => Router is not null;

    public int? AdminPort { get; set; }

    /// <summary>Each warmed model's variant and what its warm-up did (empty without <see cref="EndpointOptions.WarmUp"/>).</summary>
    public IReadOnlyList<(string Variant, ModelWarmUp.Outcome Outcome)> WarmUps { get; private set; } = [];

    /// <summary>Shadow predictions skipped because every shadow slot was busy.</summary>
    public long ShadowSkipped;

    public bool Authorised(HttpRequest request) => _apiKey is null || _apiKey.Allows(request);

    public void BeginLoading() => _ = Task.Run(Load);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        Metrics.Started();
        Variant? variant = null;
        var rows = 0;
        long bytesOut = 0;
        string? errorCode = null;
        string? inferenceId = context.Request.Headers[InferenceIdHeader];
        var request = context.Request;
        try
        {
            var router = Router ?? throw new ServingException(503, "not_ready", "the model is still loading; retry when GET /ping answers 200.");
            var (format, header) = MediaTypes.ParseContentType(request.ContentType);
            var accept = MediaTypes.NegotiateAccept(request.Headers.Accept);
            header ??= QueryFlag(request, "header");
            var probabilities = QueryFlag(request, "probabilities") ?? CustomAttribute(request.Headers[CustomAttributesHeader], "probabilities") ?? false;
            variant = router.Select(request.Headers[TargetVariantHeader], inferenceId);

            using var body = await RequestBody.ReadAsync(request, _options.MaxPayloadBytes, _options.BodyTimeout, context.RequestAborted).ConfigureAwait(false);
            var read = RequestReader.ReadRows(variant.Bundle, body.Memory, format, header ?? false);
            rows = read.Count;
            var predictions = variant.Predict(read);
            var output = new ArrayBufferWriter<byte>(Math.Max(256, rows * 24));
            PredictionWriter.Write(output, predictions.All(), accept, probabilities);

            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = MediaTypes.Of(accept);
            response.ContentLength = output.WrittenCount;
            response.Headers[InvokedVariantHeader] = variant.Name;
            bytesOut = output.WrittenCount;
            await response.Body.WriteAsync(output.WrittenMemory, context.RequestAborted).ConfigureAwait(false);

            var inputType = MediaTypes.Of(format);
            var sampled = Capture is { } capture && capture.Sample(inferenceId);
            if (sampled)
            {
                Capture!.Enqueue(new CaptureRecord(variant.Name, Guid.NewGuid().ToString(), inferenceId, DateTime.UtcNow, inputType, body.Memory.ToArray(), response.ContentType, output.WrittenMemory));
            }

            if (router.Shadows.Count > 0)
            {
                StartShadows(router.Shadows, body.Memory.ToArray(), format, header ?? false, accept, probabilities, inferenceId, sampled);
            }
        }
        catch (ServingException e)
        {
            errorCode = e.Code;
            bytesOut = await WriteError(context, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            errorCode = "client_closed";
            context.Response.StatusCode = 499;
        }
        catch (OperationCanceledException)
        {
            errorCode = "body_timeout";
            bytesOut = await WriteError(context, new ServingException(408, "request_timeout", $"the request body did not arrive within {_options.BodyTimeout.TotalSeconds:0.#} s.")).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits: a body arriving slower than the minimum data rate (408), a malformed chunk (400).
            var refusal = e.StatusCode switch
            {
                408 => new ServingException(408, "request_timeout", "the request body arrived too slowly (below the server's minimum data rate)."),
                413 => ServingException.PayloadTooLarge(_options.MaxPayloadBytes),
                _ => new ServingException(e.StatusCode, "bad_request", $"the request could not be read: {e.Message}"),
            };
            errorCode = refusal.Code;
            bytesOut = await WriteError(context, refusal).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errorCode = "internal_error";
            bytesOut = await WriteError(context, new ServingException(500, "internal_error", $"the model failed on this request ({e.GetType().Name}: {MediaTypes.Truncate(e.Message)}).")).ConfigureAwait(false);
        }
        finally
        {
            Metrics.Finished();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var status = context.Response.StatusCode;
            Metrics.Record(variant?.Name ?? "none", status, seconds, rows);
            _log?.Write(new RequestLogEntry(DateTime.UtcNow, request.Method, request.Path.Value ?? string.Empty, status, seconds * 1000, variant?.Name,
                inferenceId, request.ContentLength ?? 0, bytesOut, rows, errorCode));
        }
    }

    public static async Task<long> WriteError(HttpContext context, ServingException error)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return 0;
        }

        var body = ErrorBody.Render(error);
        response.StatusCode = error.Status;
        response.ContentType = ErrorBody.ContentType;
        response.ContentLength = body.Length;
        if (error.Status is 413 or 408)
        {
            // The rest of the body is not read; the connection cannot be reused for another request.
            response.Headers.Connection = "close";
        }

        try
        {
            await response.Body.WriteAsync(body).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away; nothing to answer.
        }

        return body.Length;
    }

    public async ValueTask DisposeAsync()
    {
        // Shadows still running finish first so their captures are not lost.
        var waited = Stopwatch.StartNew();
        while (Volatile.Read(ref _shadowTasks) > 0 && waited.Elapsed < _options.ShutdownTimeout)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        if (Capture is not null)
        {
            await Capture.DisposeAsync().ConfigureAwait(false);
        }

        if (_log is not null)
        {
            await _log.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var bundle in _owned)
        {
            bundle.Dispose();
        }
    }

    private void Load()
    {
        try
        {
            var variants = new List<(Variant, double)>();
            foreach (var spec in _options.Variants)
            {
                var bundle = spec.Bundle ?? ModelBundle.Load(spec.Model, _options.LoadOptions);
                if (spec.Bundle is null)
                {
                    _owned.Add(bundle);
                }

                variants.Add((new Variant(spec.Name, bundle, spec.Shadow), spec.Weight));
            }

            if (_options.WarmUp > TimeSpan.Zero)
            {
                WarmUps = variants.Select(v => v.Item1).DistinctBy(v => v.Bundle)
                    .Select(v => (v.Name, ModelWarmUp.Run(v.Bundle, _options.WarmUp))).ToArray();
            }

            Router = new VariantRouter(variants);
            _ready.TrySetResult();
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
        }
    }

    private void StartShadows(IReadOnlyList<Variant> shadows, byte[] body, DataFormat format, bool header, DataFormat accept, bool probabilities, string? inferenceId, bool sampled)
    {
        foreach (var shadow in shadows)
        {
            if (!_shadowSlots.Wait(0))
            {
                Interlocked.Increment(ref ShadowSkipped);
                continue;
            }

            Interlocked.Increment(ref _shadowTasks);
            _ = Task.Run(() =>
            {
                var started = Stopwatch.GetTimestamp();
                var status = 200;
                var rows = 0;
                try
                {
                    var read = RequestReader.ReadRows(shadow.Bundle, body, format, header);
                    rows = read.Count;
                    var output = new ArrayBufferWriter<byte>(256);
                    PredictionWriter.Write(output, shadow.Predict(read).All(), accept, probabilities);
                    if (sampled)
                    {
                        Capture!.Enqueue(new CaptureRecord(shadow.Name, Guid.NewGuid().ToString(), inferenceId, DateTime.UtcNow, MediaTypes.Of(format), body, MediaTypes.Of(accept), output.WrittenMemory));
                    }
                }
                catch (ServingException e)
                {
                    status = e.Status;
                }
                catch (Exception)
                {
                    status = 500;
                }
                finally
                {
                    Metrics.Record(shadow.Name, status, Stopwatch.GetElapsedTime(started).TotalSeconds, rows);
                    _shadowSlots.Release();
                    Interlocked.Decrement(ref _shadowTasks);
                }
            });
        }
    }

    private static bool? QueryFlag(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? MediaTypes.Flag(value[0], $"the query parameter '{name}'") : null;

    /// <summary>A <c>key=value</c> flag in SageMaker's CustomAttributes header (comma- or semicolon-separated).</summary>
    private static bool? CustomAttribute(StringValues header, string name)
    {
        if (StringValues.IsNullOrEmpty(header))
        {
            return null;
        }

        foreach (var part in header.ToString().Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return MediaTypes.Flag(part[(equals + 1)..], $"the custom attribute '{name}'");
            }
        }

        return null;
    }
}
