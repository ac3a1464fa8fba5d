using System.Net.Http.Json;
using System.Text.Json;
using Workbench.Serving.Capture;
using Workbench.Serving.Hosting;
using Workbench.Testing;

namespace Workbench.Serving.Tests;

/// <summary>Production variants (weights, target, sticky ids, shadow, run-time weights) and data capture files.</summary>
public sealed class VariantAndCaptureTests
{
    private static readonly ServingModels Models = ServingModels.Instance;

    private static VariantOptions[] Canary(double a, double b) =>
        [new VariantOptions("champion", "models:/cancer/1", a), new VariantOptions("challenger", "models:/cancer/2", b)];

    private static Dictionary<string, string> Id(string id) => new() { ["X-Amzn-SageMaker-Inference-Id"] = id };

    private static async Task<Dictionary<string, int>> CountVariants(LiveEndpoint live, int requests, Func<int, Dictionary<string, string>?> headers)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < requests; i++)
        {
            var (status, body, response) = await live.CallAsync(Models.CancerCsvRow(i % 50), headers: headers(i));
            status.Should().Be(200, body);
            var variant = response.Headers.GetValues("X-Amzn-Invoked-Production-Variant").Single();
            counts[variant] = counts.GetValueOrDefault(variant) + 1;
        }

        return counts;
    }

    [Fact]
    public async Task Traffic_splits_by_weight_and_every_answer_names_its_variant()
    {
        await using var live = await LiveEndpoint.StartAsync(Canary(3, 1));
        var counts = await CountVariants(live, 800, i => Id($"request-{i}"));
        counts.Keys.Should().BeEquivalentTo("champion", "challenger");
        ((double)counts["challenger"] / 800).Should().BeInRange(0.19, 0.31, "a 3:1 split sends about a quarter to the challenger");
        live.Endpoint.Metrics.Count("challenger").Should().Be(counts["challenger"]);
    }

    [Fact]
    public async Task The_same_inference_id_always_reaches_the_same_variant()
    {
        await using var live = await LiveEndpoint.StartAsync(Canary(1, 1));
        foreach (var id in Enumerable.Range(0, 10).Select(i => $"patient-{i}"))
        {
            var counts = await CountVariants(live, 15, _ => Id(id));
            counts.Should().HaveCount(1, $"inference id {id} is sticky");
        }
    }

    [Fact]
    public async Task The_target_variant_header_overrides_the_weights()
    {
        await using var live = await LiveEndpoint.StartAsync(Canary(1, 0));
        var counts = await CountVariants(live, 20, _ => new Dictionary<string, string> { ["X-Amzn-SageMaker-Target-Variant"] = "challenger" });
        counts.Should().Equal(new Dictionary<string, int> { ["challenger"] = 20 });
        (await CountVariants(live, 20, _ => null)).Should().Equal(new Dictionary<string, int> { ["champion"] = 20 });
    }

    [Fact]
    public async Task The_two_versions_really_answer_differently()
    {
        // v2 is heavily regularised: its probabilities differ from v1's on the same row, so routing is observable in answers.
        await using var live = await LiveEndpoint.StartAsync(Canary(1, 1));
        async Task<double> Probability(string variant)
        {
            var (_, body, _) = await live.CallAsync(Models.CancerCsvRow(3), path: "/invocations?probabilities=true", headers: new Dictionary<string, string> { ["X-Amzn-SageMaker-Target-Variant"] = variant });
            return JsonDocument.Parse(body).RootElement.GetProperty("probabilities")[0][0].GetDouble();
        }

        (await Probability("champion")).Should().NotBeApproximately(await Probability("challenger"), 1e-3);
    }

    [Fact]
    public async Task Weights_change_at_run_time_in_process_and_through_the_admin_port()
    {
        await using var live = await LiveEndpoint.StartAsync(o => o with { Variants = Canary(1, 0), AdminPort = 0 });
        (await CountVariants(live, 10, i => Id($"a{i}"))).Keys.Should().Equal("champion");
        live.Endpoint.UpdateWeights(new Dictionary<string, double> { ["champion"] = 0, ["challenger"] = 1 });
        (await CountVariants(live, 10, i => Id($"a{i}"))).Keys.Should().Equal("challenger");

        using var admin = new HttpClient { BaseAddress = live.Endpoint.AdminAddress };
        (await admin.GetFromJsonAsync<Dictionary<string, double>>("/admin/weights")).Should().Equal(new Dictionary<string, double> { ["champion"] = 0, ["challenger"] = 1 });
        var posted = await admin.PostAsync("/admin/weights", JsonContent.Create(new Dictionary<string, double> { ["champion"] = 1 }));
        posted.EnsureSuccessStatusCode();
        live.Endpoint.Weights.Should().Equal(new Dictionary<string, double> { ["champion"] = 1, ["challenger"] = 1 });
        var refused = await admin.PostAsync("/admin/weights", JsonContent.Create(new Dictionary<string, double> { ["nobody"] = 1 }));
        ((int)refused.StatusCode).Should().Be(400);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("nobody");
        var allZero = await admin.PostAsync("/admin/weights", JsonContent.Create(new Dictionary<string, double> { ["champion"] = 0, ["challenger"] = 0 }));
        ((int)allZero.StatusCode).Should().Be(400);
        live.Endpoint.Weights.Should().Equal(new Dictionary<string, double> { ["champion"] = 1, ["challenger"] = 1 });
        (await live.Client.GetAsync("/admin/weights")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await admin.GetAsync("/ping")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Capture_writes_sagemaker_records_per_variant_and_hour_and_the_shadow_is_captured_not_returned()
    {
        await using var live = await LiveEndpoint.StartAsync(o => o with
        {
            Variants = [new VariantOptions("champion", "models:/cancer/1"), new VariantOptions("shadow", "models:/cancer/2", 0) { Shadow = true }],
        });
        var bodies = Enumerable.Range(0, 20).Select(Models.CancerCsvRow).ToList();
        for (var i = 0; i < bodies.Count; i++)
        {
            var (status, _, response) = await live.CallAsync(bodies[i], accept: "text/csv", headers: Id($"id-{i}"));
            status.Should().Be(200);
            response.Headers.GetValues("X-Amzn-Invoked-Production-Variant").Should().Equal("champion");
        }

        await live.Endpoint.StopAsync();
        var root = Path.Combine(live.CapturePath!, "test-endpoint");
        Directory.GetDirectories(root).Select(Path.GetFileName).Should().BeEquivalentTo("champion", "shadow");
        foreach (var variant in new[] { "champion", "shadow" })
        {
            var files = Directory.GetFiles(Path.Combine(root, variant), "*.jsonl", SearchOption.AllDirectories);
            files.Should().NotBeEmpty();
            var relative = Path.GetRelativePath(Path.Combine(root, variant), files[0]).Split(Path.DirectorySeparatorChar);
            relative.Should().HaveCount(5, "yyyy/MM/dd/HH/file.jsonl");
            relative[0].Should().MatchRegex("^20[0-9]{2}$");
            relative[3].Should().MatchRegex("^[0-2][0-9]$");
            var records = files.SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            records.Should().HaveCount(20);
            foreach (var record in records)
            {
                var input = record.GetProperty("captureData").GetProperty("endpointInput");
                input.GetProperty("observedContentType").GetString().Should().Be("text/csv");
                input.GetProperty("mode").GetString().Should().Be("INPUT");
                input.GetProperty("encoding").GetString().Should().Be("CSV");
                var output = record.GetProperty("captureData").GetProperty("endpointOutput");
                output.GetProperty("mode").GetString().Should().Be("OUTPUT");
                var id = record.GetProperty("eventMetadata").GetProperty("inferenceId").GetString()!;
                input.GetProperty("data").GetString().Should().Be(bodies[int.Parse(id[3..], System.Globalization.CultureInfo.InvariantCulture)]);
                output.GetProperty("data").GetString().Should().MatchRegex("^(benign|malignant)\n$");
                record.GetProperty("eventMetadata").GetProperty("eventId").GetString().Should().MatchRegex("^[0-9a-f-]{36}$");
                DateTime.Parse(record.GetProperty("eventMetadata").GetProperty("inferenceTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Should().BeCloseTo(DateTime.Now, TimeSpan.FromMinutes(5));
                record.GetProperty("eventVersion").GetString().Should().Be("0");
            }
        }
    }

    [Fact]
    public async Task Capture_records_have_the_shape_of_the_model_monitor_sample()
    {
        await using var live = await LiveEndpoint.StartAsync(Canary(1, 0));
        (await live.CallAsync(Models.CancerCsvRow(0), accept: "text/csv")).Status.Should().Be(200);
        await live.Endpoint.StopAsync();
        var ours = JsonDocument.Parse(Directory.GetFiles(live.CapturePath!, "*.jsonl", SearchOption.AllDirectories).SelectMany(File.ReadAllLines).First()).RootElement;
        var sample = JsonDocument.Parse(File.ReadLines(Path.Combine(RepoPaths.Contracts, "aws", "model-monitor-samples", "capture.jsonl")).First()).RootElement;
        // No inference id was sent, so the record has exactly the sample's fields.
        Paths(ours).Should().BeEquivalentTo(Paths(sample));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(30, 40, 80)]
    [InlineData(100, 200, 200)]
    public async Task Capture_samples_the_asked_percentage(double percentage, int low, int high)
    {
        await using var live = await LiveEndpoint.StartAsync(o => o with
        {
            Variants = Canary(1, 0),
            Capture = o.Capture! with { SamplingPercentage = percentage },
        });
        for (var i = 0; i < 200; i++)
        {
            (await live.CallAsync(Models.CancerCsvRow(i % 40), headers: Id($"s{i}"))).Status.Should().Be(200);
        }

        await live.Endpoint.StopAsync();
        var count = Directory.Exists(live.CapturePath!) ? Directory.GetFiles(live.CapturePath!, "*.jsonl", SearchOption.AllDirectories).Sum(f => File.ReadAllLines(f).Length) : 0;
        count.Should().BeInRange(low, high);
    }

    [Fact]
    public async Task Capture_writer_rotates_by_hour_and_refuses_a_bad_percentage()
    {
        using var folder = new TempDirectory("capture-rotate");
        var act = () => new DataCaptureWriter("e", new DataCaptureOptions(folder.Path) { SamplingPercentage = 150 });
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*150*");
        var writer = new DataCaptureWriter("e", new DataCaptureOptions(folder.Path));
        var first = new DateTime(2026, 11, 21, 10, 59, 59, DateTimeKind.Utc);
        writer.Enqueue(new CaptureRecord("v", "1", null, first, "text/csv", "1,2"u8.ToArray(), "text/csv", "a\n"u8.ToArray()));
        writer.Enqueue(new CaptureRecord("v", "2", null, first.AddSeconds(2), "application/json", "{\"a\":1}"u8.ToArray(), "application/json", "{}"u8.ToArray()));
        writer.Enqueue(new CaptureRecord("v", "3", null, first.AddSeconds(3), "application/octet-stream", new byte[] { 0xff, 0x00 }, "text/csv", "b\n"u8.ToArray()));
        await writer.DisposeAsync();
        Directory.GetFiles(Path.Combine(folder.Path, "e", "v", "2026", "11", "21", "10")).Should().HaveCount(1);
        var later = Directory.GetFiles(Path.Combine(folder.Path, "e", "v", "2026", "11", "21", "11")).Single();
        var lines = File.ReadAllLines(later).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("captureData").GetProperty("endpointInput")).ToList();
        lines[0].GetProperty("encoding").GetString().Should().Be("JSON");
        lines[1].GetProperty("encoding").GetString().Should().Be("BASE64");
        Convert.FromBase64String(lines[1].GetProperty("data").GetString()!).Should().Equal(0xff, 0x00);
    }

    private static HashSet<string> Paths(JsonElement element, string prefix = "")
    {
        var paths = new HashSet<string>();
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                paths.UnionWith(Paths(property.Value, path));
            }
            else
            {
                paths.Add(path);
            }
        }

        return paths;
    }
}
