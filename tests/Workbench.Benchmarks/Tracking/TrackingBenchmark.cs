using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Workbench.Tracking;

namespace Workbench.Benchmarks.Tracking;

/// <summary>
/// The tracking figures, measured so that they hold on a busy machine: every arm is repeated many times in
/// alternating order and the medians (and the median of per-round ratios) are reported, so drifting background
/// load affects all arms alike. Prints one JSON object. Run by benchmarks/tracking/run.sh:
/// <c>dotnet run -c Release --project tests/Workbench.Benchmarks -- tracking throughput|overhead|training [rounds] [digits.csv]</c>.
/// </summary>
public static class TrackingBenchmark
{
    public const int Points = 100_000;
    public const int StepsPerBlock = 2500;
    private static readonly string[] Keys = ["loss", "accuracy", "learning_rate", "val_loss", "val_accuracy"];

    public static int Run(string[] args)
    {
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        var folder = Path.Combine(Path.GetTempPath(), $"wb-bench-{Guid.NewGuid():N}");
        try
        {
            using var tracker = Tracker.Open(folder, new TrackerOptions { CaptureEnvironment = false });
            var result = args[1] switch
            {
                "throughput" => Throughput(tracker, rounds > 0 ? rounds : 5),
                "overhead" => Overhead(tracker, rounds > 0 ? rounds : 20),
                "training" => DigitsTrainingOverhead.Measure(Path.Combine(folder, "training"), rounds > 0 ? rounds : 20, args.Length > 3 ? args[3] : Path.Combine("data-samples", "digits.csv")),
                _ => throw new ArgumentException($"unknown tracking benchmark '{args[1]}' (throughput, overhead, training)"),
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Metrics per second: 100,000 LogMetric calls over five keys until Flush returns (all committed).</summary>
    private static Dictionary<string, object> Throughput(Tracker tracker, int rounds)
    {
        using var run = tracker.StartRun("benchmark", "throughput");
        var step = 0L;
        var rates = new List<double>();
        for (var round = -2; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Points; i++)
            {
                run.LogMetric(Keys[i % Keys.Length], i * 1e-3, step + (i / Keys.Length));
            }

            run.Flush();
            clock.Stop();
            step += Points / Keys.Length;
            if (round >= 0)
            {
                rates.Add(Points / clock.Elapsed.TotalSeconds);
            }
        }

        run.End();
        return new() { ["points"] = Points, ["rates"] = rates, ["median_rate"] = Statistics.Median(rates) };
    }

    /// <summary>
    /// Blocks of 2,500 synthetic digits-MLP steps (about 100 epochs of digits at batch 64: one whole training run):
    /// without logging; logging loss, accuracy and learning rate every step through the batching API, flushed at
    /// the end of the block as End() does, so storing every point is inside the time; and writing them
    /// synchronously per step. The three arms run in rotating order each round.
    /// </summary>
    private static Dictionary<string, object> Overhead(Tracker tracker, int rounds)
    {
        var model = new SyntheticTrainingStep();
        using var run = tracker.StartRun("benchmark", "overhead");
        var step = 0L;
        double Plain()
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < StepsPerBlock; i++)
            {
                model.Step();
            }

            return clock.Elapsed.TotalMilliseconds / StepsPerBlock;
        }

        double Batched()
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < StepsPerBlock; i++)
            {
                var (loss, accuracy) = model.Step();
                run.LogMetric("loss", loss, step);
                run.LogMetric("accuracy", accuracy, step);
                run.LogMetric("learning_rate", 0.001, step++);
            }

            run.Flush();
            return clock.Elapsed.TotalMilliseconds / StepsPerBlock;
        }

        double Synchronous()
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < StepsPerBlock; i++)
            {
                var (loss, accuracy) = model.Step();
                var now = DateTimeOffset.UtcNow;
                tracker.Store.LogBatch(run.RunId, [new Metric("loss", loss, step, now), new Metric("accuracy", accuracy, step, now), new Metric("learning_rate", 0.001, step++, now)], [], []);
            }

            return clock.Elapsed.TotalMilliseconds / StepsPerBlock;
        }

        Func<double>[] arms = [Plain, Batched, Synchronous];
        var times = new List<double>[] { [], [], [] };
        for (var round = -2; round < rounds; round++)
        {
            var measured = new double[3];
            for (var k = 0; k < 3; k++)
            {
                var arm = (k + Math.Max(round, 0)) % 3;
                measured[arm] = arms[arm]();
            }

            if (round >= 0)
            {
                for (var arm = 0; arm < 3; arm++)
                {
                    times[arm].Add(measured[arm]);
                }
            }
        }

        var callNanoseconds = LogMetricCallCost(run, ref step);
        run.End();
        var batchedRatios = times[1].Zip(times[0], (b, p) => b / p).ToList();
        var synchronousRatios = times[2].Zip(times[0], (s, p) => s / p).ToList();
        return new()
        {
            ["steps_per_block"] = StepsPerBlock,
            ["rounds"] = rounds,
            ["step_ms"] = Statistics.Median(times[0]),
            ["batched_step_ms"] = Statistics.Median(times[1]),
            ["synchronous_step_ms"] = Statistics.Median(times[2]),
            ["batched_overhead_percent"] = 100 * (Statistics.Median(batchedRatios) - 1),
            ["batched_overhead_percent_quartiles"] = new[] { 100 * (Statistics.Quantile(batchedRatios, 0.25) - 1), 100 * (Statistics.Quantile(batchedRatios, 0.75) - 1) },
            ["synchronous_overhead_percent"] = 100 * (Statistics.Median(synchronousRatios) - 1),
            ["log_metric_call_ns"] = callNanoseconds,
            ["training_thread_percent"] = 100 * (3 * callNanoseconds / 1e6) / Statistics.Median(times[0]),
        };
    }

    /// <summary>
    /// What one LogMetric call costs the calling thread (median over blocks of 30,000 calls, the writer running
    /// meanwhile): the part of the overhead that does not depend on having a spare core for the writer.
    /// </summary>
    private static double LogMetricCallCost(ActiveRun run, ref long step)
    {
        var costs = new List<double>();
        for (var block = 0; block < 25; block++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 10_000; i++)
            {
                run.LogMetric("loss", i, step);
                run.LogMetric("accuracy", i, step);
                run.LogMetric("learning_rate", i, step++);
            }

            clock.Stop();
            costs.Add(clock.Elapsed.TotalNanoseconds / 30_000);
            run.Flush();
        }

        return Statistics.Median(costs.Skip(5).ToList());
    }
}
