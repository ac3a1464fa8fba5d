using System.Collections.Concurrent;
using System.Diagnostics;
using Workbench.Serving.Hosting;

namespace Workbench.Serving.Tests;

/// <summary>
/// Sustained load over loopback: no non-2xx answer under valid traffic, and none while weights change. Counts only;
/// timings are measured by the benchmark (benchmarks/serving), not asserted here.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class LoadTests
{
    private static readonly ServingModels Models = ServingModels.Instance;

    private static async Task<ConcurrentDictionary<int, int>> Load(LiveEndpoint live, TimeSpan duration, int clients, Action? duringLoad = null)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var single = Models.CancerCsvRow(7);
        var batch = string.Join("\n", Enumerable.Range(0, 100).Select(Models.CancerCsvRow));
        var json = System.Text.Json.JsonSerializer.Serialize(new { instances = new[] { Models.CancerFeatures.Select(n => double.Parse(Models.Cancer[n].Format(3)!, System.Globalization.CultureInfo.InvariantCulture)) } });
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var i = 0;
            while (clock.Elapsed < duration)
            {
                var (body, type) = (i++ % 3) switch
                {
                    0 => (single, "text/csv"),
                    1 => (batch, "text/csv"),
                    _ => (json, "application/json"),
                };
                var response = await live.PostAsync(body, type, headers: new Dictionary<string, string> { ["X-Amzn-SageMaker-Inference-Id"] = $"c{c}-{i}" });
                await response.Content.ReadAsByteArrayAsync();
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            }
        })).ToList();
        duringLoad?.Invoke();
        await Task.WhenAll(workers);
        return statuses;
    }

    [Fact]
    public async Task Thirty_seconds_of_valid_requests_get_no_non_2xx_answer()
    {
        await using var live = await LiveEndpoint.StartDefaultAsync(o => o with { Capture = o.Capture! with { SamplingPercentage = 10 } });
        var statuses = await Load(live, TimeSpan.FromSeconds(30), clients: 8);
        statuses.Keys.Should().Equal(200);
        statuses[200].Should().BeGreaterThan(1000);
        live.Endpoint.Metrics.Count("cancer", 200).Should().Be(statuses[200]);
    }

    [Fact]
    public async Task Concurrent_requests_get_exactly_the_answers_of_a_single_threaded_run()
    {
        // The patients model runs imputers, scalers and one-hot encoders: concurrent transforms must not mix rows.
        using var bundle = Models.ModelBundle("models:/patients/1");
        var rows = Enumerable.Range(0, 200).Select(r => string.Join(",", bundle.Layout.Columns.Select(c => Models.Patients[c.Name].Format(r) ?? ""))).ToArray();
        var frame = Workbench.Serving.Protocol.RequestReader.Read(bundle, System.Text.Encoding.UTF8.GetBytes(string.Join("\n", rows)), Workbench.Serving.Protocol.DataFormat.Csv);
        var expected = bundle.Predict(frame).Probabilities!;
        await using var live = await LiveEndpoint.StartDefaultAsync();
        var target = new Dictionary<string, string> { ["X-Amzn-SageMaker-Target-Variant"] = "patients" };
        var mismatches = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var start = (i * 37) % 190;
            var count = 1 + (i % 10);
            var (status, body, _) = await live.CallAsync(string.Join("\n", rows.Skip(start).Take(count)), accept: "text/csv", path: "/invocations?probabilities=true", headers: target);
            status.Should().Be(200, body);
            var lines = body.TrimEnd('\n').Split('\n');
            for (var r = 0; r < count; r++)
            {
                var p1 = double.Parse(lines[r].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture);
                if (Math.Abs(p1 - expected[((start + r) * 2) + 1]) > 1e-12)
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });
        mismatches.Should().Be(0);
    }

    [Fact]
    public async Task Changing_weights_under_load_drops_nothing()
    {
        await using var live = await LiveEndpoint.StartAsync(
            new VariantOptions("champion", "models:/cancer/1", 1), new VariantOptions("challenger", "models:/cancer/2", 0));
        using var stop = new CancellationTokenSource();
        var flips = 0;
        var flipper = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var toChallenger = flips++ % 2 == 0;
                live.Endpoint.UpdateWeights(new Dictionary<string, double> { ["champion"] = toChallenger ? 0 : 1, ["challenger"] = toChallenger ? 1 : 0 });
                await Task.Delay(15);
            }
        });
        var statuses = await Load(live, TimeSpan.FromSeconds(8), clients: 6);
        await stop.CancelAsync();
        await flipper;
        flips.Should().BeGreaterThan(50);
        statuses.Keys.Should().Equal(200);
        live.Endpoint.Metrics.Count("champion", 200).Should().BePositive();
        live.Endpoint.Metrics.Count("challenger", 200).Should().BePositive();
        (live.Endpoint.Metrics.Count("champion", 200) + live.Endpoint.Metrics.Count("challenger", 200)).Should().Be(statuses[200]);
    }
}
