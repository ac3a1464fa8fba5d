using System.Net;
using System.Text.Json;
using Workbench.Serving.Hosting;

namespace Workbench.Serving.Tests;

public sealed class OperationsTests
{
    private static readonly ServingModels Models = ServingModels.Instance;

    [Fact]
    public async Task Ping_is_503_and_invocations_are_refused_until_the_model_loads()
    {
        await using var live = await LiveEndpoint.StartAsync(o => o with
        {
            Variants = [new VariantOptions("broken", Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N")))],
            WaitForModels = false,
        });
        var ready = () => live.Endpoint.Ready;
        await ready.Should().ThrowAsync<DirectoryNotFoundException>();
        (await live.Client.GetAsync("/ping")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var (status, body, _) = await live.CallAsync(Models.CancerCsvRow(0));
        status.Should().Be(503);
        JsonDocument.Parse(body).RootElement.GetProperty("error").GetString().Should().Be("not_ready");
    }

    [Fact]
    public async Task A_warm_up_answers_synthetic_requests_before_ready_and_leaves_no_trace()
    {
        await using var live = await LiveEndpoint.StartDefaultAsync(o => o with { WarmUp = TimeSpan.FromSeconds(0.5) });
        live.Endpoint.WarmUpReport.Should().HaveCount(2, "each distinct model is warmed once");
        // The report's format, not its time: a loaded machine can stretch a 0.5 s warm-up past a second.
        live.Endpoint.WarmUpReport.Should().OnlyContain(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^(cancer|patients): warmed up with [\d,]+ synthetic requests in \d+\.\d s$"), string.Join("; ", live.Endpoint.WarmUpReport));
        live.Endpoint.Metrics.Count("cancer").Should().Be(0, "synthetic requests are not counted");
        live.Endpoint.Metrics.Count("patients").Should().Be(0);
        (Directory.Exists(live.CapturePath!) ? Directory.GetFiles(live.CapturePath!, "*", SearchOption.AllDirectories) : []).Should().BeEmpty("synthetic requests are not captured");

        var answer = await live.PostAsync(Models.CancerCsvRow(0), accept: "application/json");
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        live.Endpoint.Metrics.Count("cancer").Should().Be(1);
    }

    [Fact]
    public async Task Request_logs_are_json_lines_without_payloads_or_keys()
    {
        var log = new StringWriter();
        const string key = "top-secret-key-123";
        await using (var live = await LiveEndpoint.StartDefaultAsync(o => o with { RequestLog = log, ApiKey = key }))
        {
            var auth = new Dictionary<string, string> { ["X-Api-Key"] = key, ["X-Amzn-SageMaker-Inference-Id"] = "trace-7" };
            (await live.CallAsync(Models.CancerCsvRow(0), headers: auth)).Status.Should().Be(200);
            (await live.CallAsync("17.99,oops", headers: auth)).Status.Should().Be(400);
            (await live.CallAsync(Models.CancerCsvRow(0))).Status.Should().Be(401);
            await live.Endpoint.StopAsync();
        }

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2, "invocations are logged; the refused unauthenticated call never reaches the handler");
        var first = JsonDocument.Parse(lines[0]).RootElement;
        first.GetProperty("status").GetInt32().Should().Be(200);
        first.GetProperty("variant").GetString().Should().Be("cancer");
        first.GetProperty("inference_id").GetString().Should().Be("trace-7");
        first.GetProperty("rows").GetInt32().Should().Be(1);
        first.GetProperty("ms").GetDouble().Should().BePositive();
        var second = JsonDocument.Parse(lines[1]).RootElement;
        second.GetProperty("status").GetInt32().Should().Be(400);
        second.GetProperty("error").GetString().Should().Be("invalid_data");
        second.GetProperty("level").GetString().Should().Be("warning");
        log.ToString().Should().NotContain(key).And.NotContain("17.99").And.NotContain("oops");
    }

    [Fact]
    public async Task Stopping_waits_for_a_request_in_flight()
    {
        var live = await LiveEndpoint.StartDefaultAsync();
        var body = System.Text.Encoding.UTF8.GetBytes(Models.CancerCsvRow(0));
        var release = new TaskCompletionSource();
        var content = new HeldBackContent(body, 10, release.Task);
        var call = live.Client.PostAsync("/invocations", content);
        await Task.Delay(300);
        var stopping = live.Endpoint.StopAsync();
        await Task.Delay(300);
        stopping.IsCompleted.Should().BeFalse("a request is still in flight");
        release.SetResult();
        var response = await call;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await stopping;
        await live.DisposeAsync();
    }
}
