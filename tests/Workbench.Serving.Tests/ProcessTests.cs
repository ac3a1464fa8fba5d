using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Workbench.Testing;

namespace Workbench.Serving.Tests;

/// <summary>The CLI and the container entrypoint as real processes: /opt/ml layout, SageMaker variables, SIGTERM draining.</summary>
[Collection(nameof(ProcessTests))]
public sealed class ProcessTests
{
    private static readonly ServingModels Models = ServingModels.Instance;

    [Fact]
    public async Task The_container_entrypoint_serves_the_model_under_a_temporary_opt_ml_root()
    {
        var port = ServerProcess.FreePort();
        using var server = ServerProcess.Start("bash", [RepoPaths.Combine("docker", "serve"), "serve"], port, new Dictionary<string, string?>
        {
            ["SAGEMAKER_ROOT"] = Models.OptMl,
            ["SAGEMAKER_BIND_TO_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WORKBENCH_CLI"] = $"dotnet {ServerProcess.CliDll}",
            // The image binds 0.0.0.0 as SageMaker requires; the test keeps to loopback.
            ["WORKBENCH_BIND_HOST"] = "127.0.0.1",
        });
        await server.WaitUntilReadyAsync();
        var content = new StringContent(Models.CancerCsvRow(0), Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var response = await server.Client.PostAsync("/invocations", content);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("predictions")[0].GetString().Should().Be(Models.CancerLabel(0));
        server.Output.Should().Contain("cancer v1");
        server.Terminate();
        (await server.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        server.Output.Should().Contain("Stopped.");
    }

    [Fact]
    public void The_entrypoint_refuses_other_commands()
    {
        var result = ChildProcess.Run("bash", [RepoPaths.Combine("docker", "serve"), "train"], environment: new Dictionary<string, string?> { ["WORKBENCH_CLI"] = "false" });
        result.ExitCode.Should().Be(64);
        result.StandardError.Should().Contain("serve");
    }

    [Fact]
    public void Serve_exits_1_with_the_reason_when_the_model_folder_is_missing()
    {
        using var empty = new TempDirectory("empty-opt-ml");
        var result = ChildProcess.Run("dotnet", [ServerProcess.CliDll, "serve", "--port", "0"], environment: Dotnet.ChildEnvironment(new Dictionary<string, string?> { ["SAGEMAKER_ROOT"] = empty.Path }), timeout: TimeSpan.FromSeconds(60));
        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain(Path.Combine(empty.Path, "model"));
    }

    [Fact]
    public async Task Sigterm_during_load_lets_in_flight_requests_finish()
    {
        var port = ServerProcess.FreePort();
        using var server = ServerProcess.Start("dotnet", [ServerProcess.CliDll, "serve", "--model", Models.CancerArchive, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], port);
        await server.WaitUntilReadyAsync();
        var body = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 100).Select(Models.CancerCsvRow)));

        // Requests whose bodies are still arriving when SIGTERM lands: they are in flight and must be answered.
        var released = new TaskCompletionSource();
        var slow = Enumerable.Range(0, 8).Select(async _ =>
        {
            var content = new HeldBackContent(body, body.Length / 2, released.Task);
            var response = await server.Client.PostAsync("/invocations", content);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }).ToList();

        // Plus steady traffic until the server stops accepting.
        using var stop = new CancellationTokenSource();
        var fastStatuses = new List<int>();
        var fast = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var content = new ByteArrayContent(body);
                    content.Headers.TryAddWithoutValidation("Content-Type", "text/csv");
                    var response = await server.Client.PostAsync("/invocations", content);
                    lock (fastStatuses)
                    {
                        fastStatuses.Add((int)response.StatusCode);
                    }
                }
                catch (HttpRequestException)
                {
                    // Refused once the server stops listening: these never started.
                    break;
                }
            }
        });

        await Task.Delay(1000);
        server.Terminate();
        await Task.Delay(500);
        released.SetResult();
        var answers = await Task.WhenAll(slow);
        await stop.CancelAsync();
        await fast;
        answers.Should().OnlyContain(a => a.Item1 == 200, "requests in flight at SIGTERM are completed");
        answers.Select(a => JsonDocument.Parse(a.Item2).RootElement.GetProperty("predictions").GetArrayLength()).Should().OnlyContain(n => n == 100);
        fastStatuses.Should().NotBeEmpty().And.OnlyContain(s => s == 200);
        (await server.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        server.Output.Should().Contain("Stopped.");
    }
}

/// <summary>What a crash leaves in the capture files, and the CLI's refusals of bad options.</summary>
[Collection(nameof(ProcessTests))]
public sealed class CrashAndOptionTests
{
    private static readonly ServingModels Models = ServingModels.Instance;

    [Fact]
    public async Task A_killed_server_leaves_capture_files_whose_lines_all_parse_but_at_most_a_last_partial_one()
    {
        using var capture = new TempDirectory("crash-capture");
        var port = ServerProcess.FreePort();
        using var server = ServerProcess.Start("dotnet", [ServerProcess.CliDll, "serve", "--model", Models.CancerArchive, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--capture", capture.Path], port);
        await server.WaitUntilReadyAsync();
        var body = string.Join("\n", Enumerable.Range(0, 20).Select(Models.CancerCsvRow));
        var answered = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Parallel.ForEachAsync(Enumerable.Range(0, 4), async (_, _) =>
        {
            while (!stop.IsCancellationRequested)
            {
                var content = new StringContent(body, Encoding.UTF8);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
                if ((await server.Client.PostAsync("/invocations", content)).IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref answered);
                }
            }
        });
        Process.GetProcessById(server.Pid).Kill();
        await server.WaitForExitAsync(TimeSpan.FromSeconds(10));

        var read = Workbench.Serving.Capture.DataCaptureReader.Read(capture.Path);
        read.SkippedPartialLines.Should().BeLessThanOrEqualTo(1);
        read.Records.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(answered);
        read.Records.Should().OnlyContain(r => r.Variant == "AllTraffic" && r.Endpoint == "local" && r.InputData == body);
    }

    [Theory]
    [InlineData("--weight", "ghost=1", "--weight names 'ghost'")]
    [InlineData("--variant", "nameonly", "must be NAME=VALUE")]
    public void Serve_refuses_bad_variant_options_with_exit_code_2(string option, string value, string message)
    {
        var result = ChildProcess.Run("dotnet", [ServerProcess.CliDll, "serve", "--port", "0", option, value], environment: Dotnet.ChildEnvironment(), timeout: TimeSpan.FromSeconds(60));
        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain(message);
    }
}
