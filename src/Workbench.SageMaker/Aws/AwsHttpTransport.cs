using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Aws;

/// <summary>
/// Sends signed requests to one AWS service: resolves the endpoint and credentials, signs with AWSSDK.Core's
/// SigV4 signer, retries throttling and transient failures with jittered exponential backoff (Polly), and maps
/// error answers to <see cref="AwsServiceException"/>. Logs carry the operation, status, request id and timing,
/// never headers, bodies or credentials.
/// </summary>
internal sealed class AwsHttpTransport : IDisposable
{
    private static readonly ResiliencePropertyKey<string> OperationKey = new("workbench.operation");
    private const string UserAgent = "workbench-sagemaker/0.1";

    private readonly AwsClientOptions _options;
    private readonly HttpClient _http;
    private readonly AwsCredentialChain _credentials;
    private readonly ResiliencePipeline _retry;
    private readonly ILogger? _logger;

    public AwsHttpTransport(ServiceMetadata service, AwsClientOptions options, AwsCredentialChain? credentials = null)
    {
        Service = service;
        _options = options;
        _logger = options.Logger;
        Region = AwsRegionResolver.Resolve(options);
        Endpoint = options.ServiceUrl ?? new Uri($"https://{service.EndpointPrefix}.{Region.SystemName}.{Region.PartitionDnsSuffix ?? "amazonaws.com"}/");
        _credentials = credentials ?? new AwsCredentialChain(options);
        _http = options.HttpHandler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            : new HttpClient(options.HttpHandler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _retry = BuildRetry(options.Retry);
    }

    public ServiceMetadata Service { get; }

    public RegionEndpoint Region { get; }

    public Uri Endpoint { get; }

    public async Task<AwsHttpResponse> SendAsync(AwsHttpRequest request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, request.Operation);
        var attempts = 0;
        try
        {
            return await _retry.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    return await SendOnceAsync(request, attempts, ctx.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (attempts > 1)
        {
            throw e.WithAttempts(attempts);
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException(
                $"{Service.ServiceId} {request.Operation}: could not reach {Endpoint} ({attempts} attempt{(attempts == 1 ? string.Empty : "s")}): {e.Message}",
                e,
                e.StatusCode);
        }
        catch (AttemptTimeoutException e)
        {
            throw new TimeoutException(
                $"{Service.ServiceId} {request.Operation}: {Endpoint} did not answer within {_options.Retry.AttemptTimeout.TotalSeconds:0.#} s ({attempts} attempt{(attempts == 1 ? string.Empty : "s")}).",
                e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<AwsHttpResponse> SendOnceAsync(AwsHttpRequest request, int attempt, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.ResolveAsync(cancellationToken).ConfigureAwait(false);
        var uri = new Uri(Endpoint, Combine(Endpoint.AbsolutePath, request.PathAndQuery));
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = uri, Content = request.Body };
        foreach (var (name, value) in request.Headers)
        {
            signing.Headers[name] = value;
        }

        var signature = await AWSSigV4Signer.SignAsync(
            signing,
            new AWSSigV4Parameters { Credentials = credentials, Region = Region, Service = Service.SigningName, SignPayload = true },
            cancellationToken).ConfigureAwait(false);

        using var message = new HttpRequestMessage(request.Method, uri) { Content = new ByteArrayContent(request.Body) };
        foreach (var (name, value) in request.Headers.Concat(signature.Headers))
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Retry.AttemptTimeout);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
            var requestId = RequestIdOf(headers);
            _logger?.LogDebug(
                "{Service} {Operation} attempt {Attempt}: HTTP {Status} in {Elapsed} ms, request id {RequestId}",
                Service.ServiceId, request.Operation, attempt, (int)response.StatusCode, stopwatch.ElapsedMilliseconds, requestId ?? "none");
            if (!response.IsSuccessStatusCode)
            {
                // A service may echo what it received; the signature and session token never leave in a message.
                var sent = signature.Headers.Where(h => h.Key is "Authorization" or "x-amz-security-token" or "X-Amz-Security-Token")
                    .Select(h => h.Key == "Authorization" ? h.Value[(h.Value.LastIndexOf('=') + 1)..] : h.Value);
                throw ParseError(request.Operation, response.StatusCode, headers, body, requestId, sent.ToArray());
            }

            return new AwsHttpResponse((int)response.StatusCode, headers, body, requestId);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AttemptTimeoutException(e);
        }
    }

    internal AwsServiceException ParseError(string operation, HttpStatusCode status, IReadOnlyDictionary<string, string> headers, byte[] body, string? requestId, IReadOnlyList<string> secrets)
    {
        string? code = headers.TryGetValue("x-amzn-ErrorType", out var headerCode) ? headerCode : null;
        string? message = null;
        try
        {
            if (body.Length > 0 && JsonDocument.Parse(body).RootElement is { ValueKind: JsonValueKind.Object } error)
            {
                code ??= StringMember(error, "__type") ?? StringMember(error, "code") ?? StringMember(error, "Code");
                message = StringMember(error, "message") ?? StringMember(error, "Message") ?? StringMember(error, "errorMessage");
            }
        }
        catch (JsonException)
        {
            message = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).Trim();
        }

        var normalized = code is null ? $"Http{(int)status}" : AwsErrorCodes.Normalize(code);
        var text = message ?? status.ToString();
        foreach (var secret in secrets.Where(s => s.Length >= 8))
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        return new AwsServiceException(Service.ServiceId, operation, normalized, text, status, requestId);
    }

    private ResiliencePipeline BuildRetry(AwsRetryOptions retry)
    {
        if (retry.MaxAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<AwsServiceException>(e => e.IsRetryable)
                    .Handle<HttpRequestException>()
                    .Handle<AttemptTimeoutException>(),
                MaxRetryAttempts = retry.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception switch
                    {
                        AwsServiceException e => $"{e.ErrorCode} (HTTP {(int)e.StatusCode}, request id {e.RequestId ?? "none"})",
                        AttemptTimeoutException => "no answer in time",
                        { } e => e.GetType().Name,
                        null => "unknown",
                    };
                    _logger?.LogWarning(
                        "{Service} {Operation} attempt {Attempt} failed with {Reason}; retrying in {Delay} ms",
                        Service.ServiceId,
                        args.Context.Properties.GetValue(OperationKey, "?"),
                        args.AttemptNumber + 1,
                        reason,
                        (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static string Combine(string basePath, string pathAndQuery) =>
        basePath.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/');

    private static string? RequestIdOf(IReadOnlyDictionary<string, string> headers) =>
        headers.TryGetValue("x-amzn-RequestId", out var id) ? id
        : headers.TryGetValue("x-amz-request-id", out var s3Id) ? s3Id
        : null;

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Releases the HTTP client; a handler passed in <see cref="AwsClientOptions.HttpHandler"/> stays the caller's.</summary>
    public void Dispose() => _http.Dispose();

    private sealed class AttemptTimeoutException(Exception inner) : TimeoutException("The attempt timed out.", inner);
}
