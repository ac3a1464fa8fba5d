using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Workbench.Serving.Capture;
using Workbench.Serving.Hosting;
using Workbench.Serving.Models;

namespace Workbench.Serving.Tests;

/// <summary>A real endpoint on Kestrel, 127.0.0.1 and a free port, and a client talking to it over loopback.</summary>
public sealed class LiveEndpoint : IAsyncDisposable
{
    private LiveEndpoint(InferenceEndpoint endpoint)
    {
        Endpoint = endpoint;
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 64 })
        {
            BaseAddress = endpoint.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public InferenceEndpoint Endpoint { get; }

    public HttpClient Client { get; }

    public static Task<LiveEndpoint> StartAsync(params VariantOptions[] variants) => StartAsync(o => o with { Variants = variants });

    /// <summary>cancer@champion as "cancer" (weight 1), patients v1 as "patients" (weight 0: reached by the target-variant header), capture on.</summary>
    public static Task<LiveEndpoint> StartDefaultAsync(Func<EndpointOptions, EndpointOptions>? configure = null) =>
        StartAsync(o => (configure ?? (x => x))(o with
        {
            Variants = [new VariantOptions("cancer", "models:/cancer@champion", 1), new VariantOptions("patients", "models:/patients/1", 0)],
        }));

    public static async Task<LiveEndpoint> StartAsync(Func<EndpointOptions, EndpointOptions> configure)
    {
        var capture = Path.Combine(Path.GetTempPath(), "serving-capture-" + Guid.NewGuid().ToString("N"));
        var options = configure(new EndpointOptions
        {
            Name = "test-endpoint",
            Port = 0,
            LoadOptions = new ModelLoadOptions { WorkbenchHome = ServingModels.Instance.Home },
            Capture = new DataCaptureOptions(capture),
        });
        var endpoint = await InferenceEndpoint.StartAsync(options);
        var live = new LiveEndpoint(endpoint);
        live.CapturePath = options.Capture?.Destination;
        return live;
    }

    public string? CapturePath { get; private set; }

    public Task<HttpResponseMessage> PostAsync(string body, string? contentType = "text/csv", string? accept = null, string path = "/invocations", IDictionary<string, string>? headers = null) =>
        PostAsync(Encoding.UTF8.GetBytes(body), contentType, accept, path, headers);

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? contentType, string? accept = null, string path = "/invocations", IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Posts and returns status and body text.</summary>
    public async Task<(int Status, string Body, HttpResponseMessage Response)> CallAsync(string body, string? contentType = "text/csv", string? accept = null, string path = "/invocations", IDictionary<string, string>? headers = null)
    {
        var response = await PostAsync(body, contentType, accept, path, headers);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>A valid single-row request must still succeed (the server stays up after bad input).</summary>
    public async Task AssertStillServesAsync()
    {
        var (status, body, _) = await CallAsync(ServingModels.Instance.CancerCsvRow(0));
        status.Should().Be(200, body);
        JsonDocument.Parse(body).RootElement.GetProperty("predictions")[0].GetString().Should().Be(ServingModels.Instance.CancerLabel(0));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Endpoint.DisposeAsync();
        if (CapturePath is not null && Directory.Exists(CapturePath))
        {
            Directory.Delete(CapturePath, recursive: true);
        }
    }

    public static MediaTypeHeaderValue Type(string text) => MediaTypeHeaderValue.Parse(text);
}
