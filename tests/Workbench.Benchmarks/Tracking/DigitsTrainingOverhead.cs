using System.Diagnostics;
using System.Runtime.InteropServices;
using Workbench.Data;
using Workbench.Learning;
using Workbench.Learning.Devices;
using Workbench.Learning.Experiments;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Training;
using Workbench.Tracking;

namespace Workbench.Benchmarks.Tracking;

/// <summary>
/// The cost tracking adds to real training: the digits MLP (64 → 128 → 64 → 10, ReLU, batch 64, Adam, one kernel
/// thread) trained by the library's Trainer on the 1,797 digits rows, with and without a <see cref="TrackingCallback"/>
/// logging every step (<c>batch_loss</c>; <c>batch_lr</c> when it changes) and every epoch (loss, accuracy, lr,
/// throughput, epoch time) through the batching API. Each arm is one whole fit of <see cref="Epochs"/> epochs from the
/// same seed (the same arithmetic every time). The logged arm includes the callback's parameter and tag writes at the
/// start and end of the fit and the final Flush (as End() does). The tracker's background flush interval is set
/// beyond the fit, so every point is stored by that Flush on the training thread: the figure is what logging costs
/// even when the writer has no core of its own. The arms alternate (order swapped every round); the medians of
/// per-round ratios of wall time and of the process's CPU time are reported. A second pass times each part of the
/// logging inside the fit (the callback's calls, the final store) to give the same cost as a sum of parts.
/// </summary>
public static class DigitsTrainingOverhead
{
    public const int Epochs = 100;
    public const int BatchSize = 64;

    public static Dictionary<string, object> Measure(string home, int rounds, string digitsCsv)
    {
        var data = Load(digitsCsv);
        var device = Device.CreateCpu(new CpuBackendOptions { Threads = 1 });
        var steps = Epochs * ((data.Rows + BatchSize - 1) / BatchSize);
        using var tracker = Tracker.Open(home, new TrackerOptions { CaptureEnvironment = false, FlushInterval = TimeSpan.FromHours(1) });
        using var run = tracker.StartRun("benchmark", "digits-mlp-logging-every-step");

        (double Wall, double Cpu) Plain()
        {
            var trainer = Build(device);
            var clock = CostClock.Start();
            trainer.Fit(data);
            return clock.Stop();
        }

        (double Wall, double Cpu) Logged()
        {
            var trainer = Build(device);
            trainer.Callbacks.Add(new TrackingCallback(run) { BatchInterval = 1 });
            var clock = CostClock.Start();
            trainer.Fit(data);
            run.Flush();
            return clock.Stop();
        }

        var plain = new List<(double Wall, double Cpu)>();
        var logged = new List<(double Wall, double Cpu)>();
        for (var round = -2; round < rounds; round++)
        {
            var plainFirst = round % 2 == 0;
            var first = plainFirst ? Plain() : Logged();
            var second = plainFirst ? Logged() : Plain();
            if (round >= 0)
            {
                plain.Add(plainFirst ? first : second);
                logged.Add(plainFirst ? second : first);
            }
        }

        var parts = new List<TimedCallback>();
        var allocatedPlain = new List<double>();
        var allocatedLogged = new List<double>();
        for (var i = 0; i < Math.Max(5, rounds / 2); i++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            Build(device).Fit(data);
            allocatedPlain.Add(GC.GetAllocatedBytesForCurrentThread() - bytes);
            var trainer = Build(device);
            var timed = new TimedCallback(new TrackingCallback(run) { BatchInterval = 1 });
            trainer.Callbacks.Add(timed);
            bytes = GC.GetAllocatedBytesForCurrentThread();
            trainer.Fit(data);
            allocatedLogged.Add(GC.GetAllocatedBytesForCurrentThread() - bytes);
            var store = Stopwatch.StartNew();
            run.Flush();
            timed.StoreMilliseconds = store.Elapsed.TotalMilliseconds;
            parts.Add(timed);
        }

        run.End();
        var ratios = logged.Zip(plain, (l, p) => l.Wall / p.Wall).ToList();
        var cpuRatios = logged.Zip(plain, (l, p) => l.Cpu / p.Cpu).ToList();
        var plainWall = Statistics.Median(plain.Select(p => p.Wall).ToList());
        var stepMs = plainWall / steps;
        var callMs = Statistics.Median(parts.Select(p => p.CallMilliseconds).ToList());
        var fixedMs = Statistics.Median(parts.Select(p => p.EndsMilliseconds).ToList());
        var storeMs = Statistics.Median(parts.Select(p => p.StoreMilliseconds).ToList());
        return new()
        {
            ["model"] = "64-128-64-10 ReLU, Adam lr 1e-3, batch 64, 1 kernel thread",
            ["rows"] = data.Rows,
            ["epochs"] = Epochs,
            ["steps_per_fit"] = steps,
            ["points_per_fit"] = steps + 1 + (5 * Epochs) + 3,
            ["rounds"] = rounds,
            ["plain_fit_ms"] = plainWall,
            ["logged_fit_ms"] = Statistics.Median(logged.Select(l => l.Wall).ToList()),
            ["plain_fit_cpu_ms"] = Statistics.Median(plain.Select(p => p.Cpu).ToList()),
            ["logged_fit_cpu_ms"] = Statistics.Median(logged.Select(l => l.Cpu).ToList()),
            ["step_ms"] = stepMs,
            ["overhead_percent"] = 100 * (Statistics.Median(ratios) - 1),
            ["overhead_percent_quartiles"] = new[] { 100 * (Statistics.Quantile(ratios, 0.25) - 1), 100 * (Statistics.Quantile(ratios, 0.75) - 1) },
            ["cpu_overhead_percent"] = 100 * (Statistics.Median(cpuRatios) - 1),
            ["cpu_overhead_percent_quartiles"] = new[] { 100 * (Statistics.Quantile(cpuRatios, 0.25) - 1), 100 * (Statistics.Quantile(cpuRatios, 0.75) - 1) },
            ["callback_calls_ms_per_fit"] = callMs,
            ["callback_ns_per_step"] = 1e6 * callMs / steps,
            ["start_end_writes_ms_per_fit"] = fixedMs,
            ["store_ms_per_fit"] = storeMs,
            ["parts_percent_of_fit"] = 100 * (callMs + fixedMs + storeMs) / plainWall,
            ["parts_fits"] = parts.Count,
            ["allocated_bytes_per_step_plain"] = Statistics.Median(allocatedPlain) / steps,
            ["allocated_bytes_per_step_logged"] = Statistics.Median(allocatedLogged) / steps,
        };
    }

    private static Trainer Build(Device device)
    {
        var random = new DeterministicRandom(42);
        var network = new Sequential(
            device,
            new Linear(64, 128, random: random, device: device),
            new ReLU(device),
            new Linear(128, 64, random: random, device: device),
            new ReLU(device),
            new Linear(64, 10, random: random, device: device));
        return new Trainer(network, new CrossEntropyLoss(), new Adam(network.Parameters(), 1e-3), new TrainerOptions { Epochs = Epochs, BatchSize = BatchSize, Seed = 7 });
    }

    private static TrainingData Load(string path)
    {
        var frame = Frame.ReadCsv(path);
        var features = frame.ColumnNames.Where(c => c != "label").ToArray();
        var x = frame.ToMatrix(features);
        var values = x.Values.Select(v => v / 16f).ToArray();
        var labels = Enumerable.Range(0, frame.RowCount).Select(r => Convert.ToInt32(frame["label"][r], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return TrainingData.Classification(new DenseMatrix(values, x.Rows, x.Columns, x.ColumnNames), labels);
    }

    /// <summary>
    /// Wall time and the process's CPU time (every thread: training, metric writer, GC) over one arm. CPU time comes
    /// from clock_gettime(CLOCK_PROCESS_CPUTIME_ID), which counts nanoseconds; Process.TotalProcessorTime counts
    /// 10 ms scheduler ticks on Linux, too coarse for a fit of a few hundred milliseconds.
    /// </summary>
    private readonly struct CostClock
    {
        private const int ProcessCpuTimeClock = 2;
        private readonly long _started;
        private readonly TimeSpan _cpu;

        private CostClock(long started, TimeSpan cpu)
        {
            _started = started;
            _cpu = cpu;
        }

        public static CostClock Start() => new(Stopwatch.GetTimestamp(), ProcessCpuTime());

        public (double Wall, double Cpu) Stop() =>
            (Stopwatch.GetElapsedTime(_started).TotalMilliseconds, (ProcessCpuTime() - _cpu).TotalMilliseconds);

        private static TimeSpan ProcessCpuTime()
        {
            if (!OperatingSystem.IsLinux())
            {
                return Process.GetCurrentProcess().TotalProcessorTime;
            }

            if (ClockGetTime(ProcessCpuTimeClock, out var time) != 0)
            {
                throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed.");
            }

            return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }

    /// <summary>Forwards to the tracking callback and times its calls: per batch and epoch, and the start and end writes.</summary>
    private sealed class TimedCallback(TrainingCallback inner) : TrainingCallback
    {
        private long _calls;
        private long _ends;

        public double CallMilliseconds => Stopwatch.GetElapsedTime(0, _calls).TotalMilliseconds;

        public double EndsMilliseconds => Stopwatch.GetElapsedTime(0, _ends).TotalMilliseconds;

        public double StoreMilliseconds { get; set; }

        public override void OnTrainBegin(TrainingContext context)
        {
            var start = Stopwatch.GetTimestamp();
            inner.OnTrainBegin(context);
            _ends += Stopwatch.GetTimestamp() - start;
        }

        public override void OnBatchEnd(TrainingContext context, BatchProgress batch)
        {
            var start = Stopwatch.GetTimestamp();
            inner.OnBatchEnd(context, batch);
            _calls += Stopwatch.GetTimestamp() - start;
        }

        public override void OnEpochEnd(TrainingContext context, EpochRecord epoch)
        {
            var start = Stopwatch.GetTimestamp();
            inner.OnEpochEnd(context, epoch);
            _calls += Stopwatch.GetTimestamp() - start;
        }

        public override void OnTrainEnd(TrainingContext context, TrainingSummary summary)
        {
            var start = Stopwatch.GetTimestamp();
            inner.OnTrainEnd(context, summary);
            _ends += Stopwatch.GetTimestamp() - start;
        }
    }
}
