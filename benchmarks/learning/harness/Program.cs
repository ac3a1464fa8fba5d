using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Workbench.Data;
using Workbench.Learning;
using Workbench.Learning.Devices;
using Workbench.Learning.Estimators;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Metrics;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Training;

// Usage (see ../README.md):
//   sgemm  --sizes 256,1024,4096 --threads 2 --gemm managed|openblas
//   mlp    --data <prefix> --hidden 128,64 --batch 64 --epochs 30 --threads 2 [--gemm ...]
//   logreg --data <prefix> --threads 2 --repeats 5
// <prefix>.train.bin / .test.bin hold float32 features then int32 labels, written by data.py.
var options = Options.Parse(args);
var device = Device.CreateCpu(new CpuBackendOptions { Threads = options.Int("threads", 1), Gemm = CpuBackendOptions.ParseGemm(options.Text("gemm", "auto")) });
var backend = (CpuBackend)device.Backend;
((CpuBackend)Device.Cpu.Backend).Threads = backend.Threads;
((CpuBackend)Device.Cpu.Backend).Gemm = backend.Gemm;

switch (args.Length > 0 ? args[0] : string.Empty)
{
    case "sgemm":
        foreach (var size in options.Text("sizes", "256,1024,4096").Split(',').Select(int.Parse))
        {
            var a = Random(size * size, 1);
            var b = Random(size * size, 2);
            var c = new float[size * size];
            backend.Sgemm(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size);
            var flops = 2.0 * size * size * size;
            var repeats = Math.Max(3, (int)(3e10 / flops));
            var best = double.MaxValue;
            for (var round = 0; round < 3; round++)
            {
                var watch = Stopwatch.StartNew();
                for (var r = 0; r < repeats; r++)
                {
                    backend.Sgemm(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size);
                }

                best = Math.Min(best, watch.Elapsed.TotalSeconds / repeats);
            }

            Emit(new { task = "sgemm", engine = "workbench-" + backend.ActiveGemm.ToString().ToLowerInvariant(), size, threads = backend.Threads, gflops = flops / best / 1e9, kernel = CpuBackend.ManagedGemmKernel });
        }

        break;

    case "mlp":
    {
        var (train, test, classes) = Load(options.Text("data", string.Empty));
        var hidden = options.Text("hidden", "128,64").Split(',').Select(int.Parse).ToArray();
        var epochs = options.Int("epochs", 30);
        var batch = options.Int("batch", 64);
        Sequential Network()
        {
            var random = new DeterministicRandom(7);
            var layers = new List<Module>();
            var width = train.Features;
            foreach (var h in hidden)
            {
                layers.Add(new Linear(width, h, random: random, device: device));
                layers.Add(new ReLU(device));
                width = h;
            }

            layers.Add(new Linear(width, classes, random: random, device: device));
            return new Sequential(device, [.. layers]);
        }

        // Warm-up: .NET's tiered JIT reaches fully optimised code after a few thousand calls; train a throwaway
        // network on the first rows first so the timed run measures the steady state (PyTorch's C++ has no JIT).
        var warmupSteps = options.Int("warmup-steps", 3000);
        if (warmupSteps > 0)
        {
            var rows = Enumerable.Range(0, Math.Min(train.Rows, batch * 50)).ToArray();
            var warm = Network();
            new Trainer(warm, new CrossEntropyLoss(), new Adam(warm.Parameters()), new TrainerOptions { Epochs = Math.Max(1, warmupSteps / Math.Max(1, rows.Length / batch)), BatchSize = batch })
                .Fit(train.Subset(rows));
        }

        var model = Network();
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), options.Double("lr", 1e-3)), new TrainerOptions { Epochs = epochs, BatchSize = batch, Seed = 1 });
        var summary = trainer.Fit(train);
        var perEpoch = trainer.History.Epochs.Select(e => e.SamplesPerSecond).ToArray();
        var steady = perEpoch.Length > 1 ? perEpoch.Skip(1).ToArray() : perEpoch;
        var predicted = Trainer.Predict(model, test).ArgMax();
        Emit(new
        {
            task = "mlp",
            engine = "workbench",
            data = Path.GetFileName(options.Text("data", string.Empty)),
            threads = backend.Threads,
            gemm = backend.ActiveGemm.ToString().ToLowerInvariant(),
            batch,
            epochs,
            hidden,
            samples_per_second = steady.Length == 0 ? 0 : steady.Sum(v => 1.0) / steady.Sum(v => 1.0 / v),
            best_epoch_samples_per_second = steady.Max(),
            median_epoch_samples_per_second = steady.Order().ElementAt(steady.Length / 2),
            total_seconds = summary.Elapsed.TotalSeconds,
            test_accuracy = Metrics.Accuracy(test.Targets.ClassIds!, predicted),
            final_loss = trainer.History.Metric("loss")[^1],
        });
        break;
    }

    case "logreg":
    {
        var (train, test, _) = Load(options.Text("data", string.Empty));
        var x = new DenseMatrix(train.Dense!.ToArray(), train.Rows, train.Features);
        var y = train.Targets.ClassIds!;
        var xTest = new DenseMatrix(test.Dense!.ToArray(), test.Rows, test.Features);
        for (var warm = 0; warm < 5; warm++)
        {
            new LogisticRegression().Fit(x, y);
        }

        var times = new List<double>();
        LogisticRegression? model = null;
        for (var r = 0; r < options.Int("repeats", 5); r++)
        {
            var watch = Stopwatch.StartNew();
            model = new LogisticRegression { C = 1.0 }.Fit(x, y);
            times.Add(watch.Elapsed.TotalSeconds);
        }

        Emit(new
        {
            task = "logreg",
            engine = "workbench",
            data = Path.GetFileName(options.Text("data", string.Empty)),
            threads = backend.Threads,
            fit_seconds = times.Min(),
            fit_seconds_median = times.Order().ElementAt(times.Count / 2),
            iterations = model!.Iterations,
            evaluations = model.FunctionEvaluations,
            test_accuracy = Metrics.Accuracy(test.Targets.ClassIds!, model.PredictIntegers(xTest)),
        });
        break;
    }

    default:
        Console.Error.WriteLine("usage: LearningBench sgemm|mlp|logreg [--option value ...] (see benchmarks/learning/README.md)");
        return 2;
}

return 0;

static float[] Random(int count, ulong seed)
{
    var values = new float[count];
    new DeterministicRandom(seed).FillUniform(values, -1f, 1f);
    return values;
}

static void Emit(object result) => Console.WriteLine(JsonSerializer.Serialize(result));

static (TrainingData Train, TrainingData Test, int Classes) Load(string prefix)
{
    var train = Read(prefix + ".train.bin");
    var test = Read(prefix + ".test.bin");
    return (train, test, Math.Max(train.Targets.ClassIds!.Max(), test.Targets.ClassIds!.Max()) + 1);

    static TrainingData Read(string path)
    {
        // Layout: int32 rows, int32 features, float32 features[rows * features], int32 labels[rows].
        using var reader = new BinaryReader(File.OpenRead(path));
        var rows = reader.ReadInt32();
        var features = reader.ReadInt32();
        var values = new float[rows * features];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        var labels = new int[rows];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.AsSpan()));
        return TrainingData.Classification(new DenseMatrix(values, rows, features), labels);
    }
}

internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new Options(values);
    }

    public string Text(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
