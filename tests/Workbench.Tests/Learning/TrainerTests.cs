using Workbench.Learning;
using Workbench.Learning.Devices;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Schedules;
using Workbench.Learning.Tensors;
using Workbench.Learning.Training;
using Workbench.Testing;

namespace Workbench.Tests.Learning;

/// <summary>Determinism, exact resume, early stopping, callbacks and failure reporting of the Trainer.</summary>
public sealed class TrainerTests
{
    private static readonly Lazy<(TrainingData Train, TrainingData Validation)> Digits = new(() =>
    {
        var (x, y) = SampleData.Load("digits.csv", "label");
        var (trainRows, testRows) = SampleData.Split(x.Rows, seed: 3);
        var (train, test) = SampleData.Standardize(SampleData.Rows(x, trainRows), SampleData.Rows(x, testRows));
        int[] Ids(int[] rows) => rows.Select(i => int.Parse(y[i], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (TrainingData.Classification(train, Ids(trainRows)), TrainingData.Classification(test, Ids(testRows)));
    });

    [Fact]
    public void Two_seeded_runs_give_bit_identical_weights_for_any_thread_count_and_gemm()
    {
        var reference = TrainWeights(Device.CreateCpu(new CpuBackendOptions { Threads = 1, Gemm = GemmProvider.Managed }), epochs: 3);
        TrainWeights(Device.CreateCpu(new CpuBackendOptions { Threads = 1, Gemm = GemmProvider.Managed }), epochs: 3)
            .Should().Equal(reference, "the same seed repeats exactly");
        TrainWeights(Device.CreateCpu(new CpuBackendOptions { Threads = 2, Gemm = GemmProvider.Managed }), epochs: 3)
            .Should().Equal(reference, "multi-threaded kernels reduce in a fixed order");
        TrainWeights(Device.CreateCpu(new CpuBackendOptions { Threads = 7, Gemm = GemmProvider.Managed }), epochs: 3)
            .Should().Equal(reference);

        var openBlas = Device.CreateCpu(new CpuBackendOptions { Threads = 2, Gemm = GemmProvider.OpenBlas });
        TrainWeights(openBlas, epochs: 2).Should().Equal(TrainWeights(openBlas, epochs: 2), "OpenBLAS runs repeat too at a fixed thread count");
        TrainWeights(Device.CreateCpu(new CpuBackendOptions { Threads = 1, Gemm = GemmProvider.Managed }), epochs: 3, seed: 8)
            .Should().NotEqual(reference, "another seed gives another model");
    }

    [Fact]
    public void Resuming_from_a_checkpoint_continues_exactly()
    {
        using var folder = new TempDirectory("ckpt");
        var device = Device.CreateCpu(new CpuBackendOptions { Threads = 2, Gemm = GemmProvider.Managed });
        var straight = TrainWeights(device, epochs: 5, width: 48, batch: 64);

        var (first, firstTrainer) = Build(device, epochs: 5, seed: 1, checkpoints: folder.Path);
        firstTrainer.Callbacks.Add(new StopAfter(3));
        firstTrainer.Fit(Digits.Value.Train, Digits.Value.Validation).EpochsRun.Should().Be(3);
        var checkpoint = Trainer.LatestCheckpoint(folder.Path);
        checkpoint.Should().EndWith("checkpoint-epoch-0003.wbm");

        var (resumed, trainer) = Build(device, epochs: 5, seed: 1, checkpoints: null);
        var summary = trainer.Fit(Digits.Value.Train, Digits.Value.Validation, resumeFrom: checkpoint);
        summary.EpochsRun.Should().Be(5);
        trainer.History.Epochs.Select(e => e.Epoch).Should().Equal(1, 2, 3, 4, 5);
        Flatten(resumed).Should().Equal(straight, "weights, Adam moments, dropout counters, schedule and shuffles all resume exactly");

        var (_, other) = Build(device, epochs: 5, seed: 2, checkpoints: null);
        var mismatch = () => other.Fit(Digits.Value.Train, resumeFrom: checkpoint);
        mismatch.Should().Throw<ArgumentException>().WithMessage("*seed 1*An exact resume needs the same settings*");
        _ = first;
    }

    [Fact]
    public void Early_stopping_stops_restores_the_best_epoch_and_reports_it()
    {
        var device = Device.CreateCpu(new CpuBackendOptions { Threads = 2 });
        var network = new Sequential(device, new Linear(64, 32, random: new DeterministicRandom(4), device: device), new ReLU(device), new Linear(32, 10, random: new DeterministicRandom(5), device: device));
        var options = new TrainerOptions
        {
            Epochs = 60,
            BatchSize = 16,
            Seed = 3,
            EarlyStopping = new EarlyStopping { Monitor = "val_loss", Patience = 3, RestoreBestWeights = true },
        };
        var trainer = new Trainer(network, new CrossEntropyLoss(), new Adam(network.Parameters(), 0.05), options);
        var summary = trainer.Fit(Digits.Value.Train, Digits.Value.Validation);
        summary.Status.Should().Be(TrainingStatus.StoppedEarly);
        summary.EpochsRun.Should().BeLessThan(60);
        summary.StopReason.Should().Contain("val_loss did not improve for 3 epochs");
        var losses = trainer.History.Metric("val_loss");
        summary.BestEpoch.Should().Be(Array.IndexOf(losses, losses.Min()) + 1);
        summary.EpochsRun.Should().Be(summary.BestEpoch + 3);
        trainer.Evaluate(Digits.Value.Validation)["val_loss"].Should().BeApproximately(losses.Min(), 1e-9, "the best epoch's weights are restored");
        trainer.History.Status.Should().Be(TrainingStatus.StoppedEarly);
        trainer.History.BestEpoch.Should().Be(summary.BestEpoch);
    }

    [Fact]
    public void Callbacks_see_every_batch_and_epoch_and_metrics_reach_a_logger()
    {
        var device = Device.CreateCpu(new CpuBackendOptions { Threads = 2 });
        var (model, trainer) = Build(device, epochs: 2, seed: 1, checkpoints: null);
        var logged = new List<(string Name, double Value, long Step)>();
        var recorder = new Recorder();
        trainer.Callbacks.Add(recorder);
        trainer.Callbacks.Add(new MetricLoggerCallback((name, value, step) => logged.Add((name, value, step))));
        var changes = 0;
        trainer.History.Changed += (_, _) => changes++;
        trainer.Fit(Digits.Value.Train, Digits.Value.Validation);

        var batches = (Digits.Value.Train.Rows + 63) / 64;
        recorder.Events.Should().StartWith("begin").And.EndWith("end");
        recorder.Events.Count(e => e.StartsWith("batch", StringComparison.Ordinal)).Should().Be(2 * batches);
        recorder.Events.Count(e => e.StartsWith("before", StringComparison.Ordinal)).Should().Be(2 * batches);
        recorder.Events.IndexOf("before 1.1").Should().BeLessThan(recorder.Events.IndexOf("batch 1.1"));
        recorder.Events.Should().Contain(["epoch-begin 1", "epoch-end 1", "epoch-begin 2", "epoch-end 2"]);
        logged.Select(l => l.Name).Distinct().Should().BeEquivalentTo(["loss", "accuracy", "val_loss", "val_accuracy", "lr"]);
        logged.Where(l => l.Name == "val_accuracy").Select(l => l.Step).Should().Equal(1, 2);
        logged.Single(l => l.Name == "val_accuracy" && l.Step == 2).Value.Should().BeGreaterThan(0.85);
        changes.Should().BeGreaterThanOrEqualTo(4);
        trainer.History.Status.Should().Be(TrainingStatus.Completed);
        trainer.History.Device.Should().Contain("cpu");
        trainer.History.ToString().Should().Contain("val_accuracy");
        _ = model;
    }

    [Fact]
    public void A_diverging_run_fails_naming_epoch_batch_and_learning_rate()
    {
        var device = Device.CreateCpu(new CpuBackendOptions { Threads = 1 });
        var network = new Sequential(device, new Linear(64, 10, random: new DeterministicRandom(1), device: device));
        var trainer = new Trainer(network, new MeanSquaredErrorLoss(), new Sgd(network.Parameters(), 1e6), new TrainerOptions { Epochs = 3, BatchSize = 32 });
        var values = new float[Digits.Value.Train.Rows * 10];
        var data = new TrainingData(Digits.Value.Train.Dense!, Targets.FromValues(values, 10));
        var act = () => trainer.Fit(data);
        act.Should().Throw<InvalidOperationException>().WithMessage("*mse loss became*at epoch 1, batch *learning rate 1E+06*");
        trainer.History.Status.Should().Be(TrainingStatus.Failed);
    }

    [Fact]
    public void Schedules_step_per_batch_and_clipping_bounds_the_update()
    {
        var device = Device.CreateCpu(new CpuBackendOptions { Threads = 1 });
        var network = new Sequential(device, new Linear(64, 10, random: new DeterministicRandom(1), device: device));
        var batches = (Digits.Value.Train.Rows + 99) / 100;
        var rates = new List<double>();
        var trainer = new Trainer(network, new CrossEntropyLoss(), new Sgd(network.Parameters(), 0.5), new TrainerOptions
        {
            Epochs = 2,
            BatchSize = 100,
            Schedule = LearningRateSchedule.OneCycle(2 * batches),
            ScheduleUnit = ScheduleUnit.Batch,
            ClipGradientNorm = 0.1,
        });
        trainer.Callbacks.Add(new RateRecorder(rates));
        trainer.Fit(Digits.Value.Train);
        rates.Should().HaveCount(2 * batches);
        rates[0].Should().BeApproximately(0.5 / 25, 1e-12);
        rates.Max().Should().BeApproximately(0.5, 0.05);
        rates[^1].Should().BeLessThan(1e-4);
    }

    /// <summary>Wide enough (256 units, batch 256) that GEMMs and element-wise kernels take their multi-threaded paths.</summary>
    private static float[] TrainWeights(Device device, int epochs, ulong seed = 1, int width = 256, int batch = 256)
    {
        var (model, trainer) = Build(device, epochs, seed, checkpoints: null, width, batch);
        trainer.Fit(Digits.Value.Train, Digits.Value.Validation);
        return Flatten(model);
    }

    private static (Sequential Model, Trainer Trainer) Build(Device device, int epochs, ulong seed, string? checkpoints, int width = 48, int batch = 64)
    {
        var random = new DeterministicRandom(seed);
        var model = new Sequential(
            device,
            new Linear(64, width, random: random, device: device),
            new LayerNorm(width, device: device),
            new ReLU(device),
            new Dropout(0.2f, seed, device),
            new Linear(width, 32, random: random, device: device),
            new BatchNorm1d(32, device: device),
            new GELU(device),
            new Linear(32, 10, random: random, device: device));
        var options = new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = batch,
            Seed = seed,
            Schedule = LearningRateSchedule.Cosine(epochs * 22).WithWarmup(5),
            ScheduleUnit = ScheduleUnit.Batch,
            ClipGradientNorm = 5.0,
            Checkpoints = checkpoints is null ? null : new CheckpointOptions(checkpoints) { Keep = 10 },
        };
        return (model, new Trainer(model, new CrossEntropyLoss(labelSmoothing: 0.05f), new AdamW(model.Parameters(), 3e-3), options));
    }

    private static float[] Flatten(Module model) => model.StateDictionary().OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.ToArray()).ToArray();

    private sealed class StopAfter(int epochs) : TrainingCallback
    {
        public override void OnEpochEnd(TrainingContext context, EpochRecord epoch)
        {
            if (epoch.Epoch == epochs)
            {
                context.RequestStop($"stopped after {epochs} epochs by the test");
            }
        }
    }

    private sealed class Recorder : TrainingCallback
    {
        public List<string> Events { get; } = [];

        public override void OnTrainBegin(TrainingContext context) => Events.Add("begin");

        public override void OnBatchBegin(TrainingContext context, int epoch, int batch) => Events.Add($"before {epoch}.{batch}");

        public override void OnEpochBegin(TrainingContext context, int epoch) => Events.Add($"epoch-begin {epoch}");

        public override void OnBatchEnd(TrainingContext context, BatchProgress batch) => Events.Add($"batch {batch.Epoch}.{batch.Batch}");

        public override void OnEpochEnd(TrainingContext context, EpochRecord epoch) => Events.Add($"epoch-end {epoch.Epoch}");

        public override void OnTrainEnd(TrainingContext context, TrainingSummary summary) => Events.Add("end");
    }

    private sealed class RateRecorder(List<double> rates) : TrainingCallback
    {
        public override void OnBatchEnd(TrainingContext context, BatchProgress batch) => rates.Add(batch.LearningRate);
    }
}
