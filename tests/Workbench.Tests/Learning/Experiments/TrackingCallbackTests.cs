using Workbench.Learning.Devices;
using Workbench.Learning.Estimators;
using Workbench.Learning.Experiments;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Schedules;
using Workbench.Learning.Training;
using Workbench.Testing;
using Workbench.Tests.Tracking;
using Workbench.Tracking;

namespace Workbench.Tests.Learning.Experiments;

/// <summary>The tracker callback logs what its documentation says, read back from a real SQLite store.</summary>
public sealed class TrackingCallbackTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Epoch_metrics_parameters_and_the_outcome_are_stored_at_the_epoch_step()
    {
        var (trainer, _) = DigitsTrainer(epochs: 4);
        var run = _home.Tracker.StartRun("digits", "mlp");
        trainer.Callbacks.Add(new TrackingCallback(run));
        var summary = trainer.Fit(ExperimentData.Digits.Training(), ExperimentData.Digits.Training(test: true));
        run.End();

        var stored = _home.Tracker.GetRun(run.RunId);
        var history = trainer.History;
        foreach (var name in new[] { "loss", "accuracy", "val_loss", "val_accuracy", "lr" })
        {
            var points = _home.Tracker.GetMetricHistory(run.RunId, name);
            points.Select(p => p.Step).Should().Equal([1L, 2, 3, 4], $"{name} is logged once per epoch at step = epoch");
            points.Select(p => p.Value).Should().Equal(history.Metric(name), $"{name} is stored exactly as the Trainer computed it");
        }

        var throughput = _home.Tracker.GetMetricHistory(run.RunId, TrackingCallback.SamplesPerSecond);
        throughput.Select(p => p.Value).Should().Equal(history.Epochs.Select(e => e.SamplesPerSecond));
        throughput.Should().OnlyContain(p => p.Value > 0);
        _home.Tracker.GetMetricHistory(run.RunId, TrackingCallback.EpochTime).Select(p => p.Value)
            .Should().Equal(history.Epochs.Select(e => e.Duration.TotalSeconds));

        stored.Param("trainer.epochs").Should().Be("4");
        stored.Param("trainer.batch_size").Should().Be("64");
        stored.Param("trainer.optimizer").Should().Be("Adam");
        stored.Param("trainer.learning_rate").Should().Be("0.003");
        stored.Param("trainer.loss").Should().Be("cross_entropy");
        stored.Param("trainer.seed").Should().Be("5");
        stored.Param("trainer.training_rows").Should().Be(ExperimentData.Digits.TrainX.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        stored.Params["trainer.model_parameters"].AsDouble.Should().Be(64 * 32 + 32 + (32 * 10) + 10);
        stored.Param("trainer.schedule").Should().Contain("Cosine").And.EndWith("per epoch");
        stored.Tag("trainer.device").Should().Be(trainer.Model.Device.Description).And.StartWith("cpu (");
        stored.Tag("trainer.status").Should().Be("completed");
        stored.Metric("epochs_run").Should().Be(4);
        stored.Metric("train_samples_per_second").Should().Be(summary.SamplesPerSecond);
        stored.Metric("train_time_s").Should().Be(summary.Elapsed.TotalSeconds);
        _home.Tracker.GetMetricHistory(run.RunId, "batch_loss").Should().BeEmpty("batch metrics are off unless BatchInterval is set");
    }

    [Fact]
    public void Every_batch_is_logged_at_the_global_step_and_epoch_metrics_can_share_that_axis()
    {
        var (trainer, _) = DigitsTrainer(epochs: 3);
        var losses = new BatchRecorder();
        var run = _home.Tracker.StartRun("digits", "per-step");
        trainer.Callbacks.Add(new TrackingCallback(run) { BatchInterval = 1, Step = MetricStep.GlobalBatch, Prefix = "digits/" });
        trainer.Callbacks.Add(losses);
        trainer.Fit(ExperimentData.Digits.Training(), ExperimentData.Digits.Training(test: true));
        run.End();

        var batches = (ExperimentData.Digits.TrainX.Rows + 63) / 64;
        var stepLosses = _home.Tracker.GetMetricHistory(run.RunId, "digits/batch_loss");
        stepLosses.Select(p => p.Step).Should().Equal(Enumerable.Range(1, 3 * batches).Select(i => (long)i));
        stepLosses.Select(p => p.Value).Should().Equal(losses.Losses);
        var rates = _home.Tracker.GetMetricHistory(run.RunId, "digits/batch_lr");
        rates.Select(p => p.Step).Should().Equal([1L, batches + 1L, (2L * batches) + 1], "the per-epoch cosine schedule changes the rate at each epoch's first step, and only changes are logged");
        rates.Select(p => p.Value).Should().Equal(losses.Rates.Where((rate, i) => i == 0 || rate != losses.Rates[i - 1]));
        _home.Tracker.GetMetricHistory(run.RunId, "digits/val_accuracy").Select(p => p.Step)
            .Should().Equal([(long)batches, 2L * batches, 3L * batches], "with GlobalBatch an epoch's metrics sit at the optimizer steps taken by its end");
        _home.Tracker.GetRun(run.RunId).Metrics.Keys.Should().OnlyContain(k => k.StartsWith("digits/", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_nth_batch_when_asked()
    {
        var (trainer, _) = DigitsTrainer(epochs: 2);
        var run = _home.Tracker.StartRun("digits", "every-5th");
        trainer.Callbacks.Add(new TrackingCallback(run) { BatchInterval = 5 });
        trainer.Fit(ExperimentData.Digits.Training());
        run.End();

        var total = 2 * ((ExperimentData.Digits.TrainX.Rows + 63) / 64);
        _home.Tracker.GetMetricHistory(run.RunId, "batch_loss").Select(p => p.Step)
            .Should().Equal(Enumerable.Range(1, total).Where(s => s % 5 == 0).Select(s => (long)s));
    }

    [Fact]
    public void An_mlp_estimator_fit_is_logged_through_its_callbacks_with_early_stopping_results()
    {
        var data = ExperimentData.Cancer;
        var info = _home.Tracker.Run("cancer", "mlp", run =>
        {
            var mlp = new MlpClassifier { HiddenLayerSizes = [16], BatchSize = 32, MaxEpochs = 8, EarlyStopping = true, RandomState = 3 };
            mlp.Callbacks.Add(new TrackingCallback(run));
            mlp.Fit(data.TrainX, data.TrainLabels);
        });

        var stored = _home.Tracker.GetRun(info.RunId);
        stored.Info.Status.Should().Be(RunStatus.Finished);
        stored.Param("trainer.early_stopping").Should().StartWith("val_accuracy, patience 11");
        stored.Metric("best_epoch").Should().BeInRange(1, 8);
        stored.Metrics.Should().ContainKey("best_val_accuracy");
        _home.Tracker.GetMetricHistory(info.RunId, "val_accuracy").Should().HaveCount((int)stored.Metric("epochs_run")!.Value);
    }

    [Fact]
    public void A_failing_fit_records_the_failure_and_keeps_the_training_error()
    {
        var (trainer, _) = DigitsTrainer(epochs: 3);
        trainer.Callbacks.Add(new FailAtEpoch(2));
        var act = () => _home.Tracker.Run("digits", "fails", run =>
        {
            trainer.Callbacks.Insert(0, new TrackingCallback(run));
            trainer.Fit(ExperimentData.Digits.Training());
        });

        act.Should().Throw<InvalidOperationException>().WithMessage("injected failure at epoch 2");
        var stored = _home.Tracker.SearchRuns(experiments: ["digits"]).Single();
        stored.Info.Status.Should().Be(RunStatus.Failed);
        stored.Tag("trainer.status").Should().Be("failed");
        stored.Tag("trainer.stop_reason").Should().Be("injected failure at epoch 2");
        _home.Tracker.GetMetricHistory(stored.RunId, "loss").Should().HaveCount(1, "the first epoch completed before the failure");
    }

    [Fact]
    public void A_resumed_fit_continues_the_same_run_without_changing_its_parameters()
    {
        using var checkpoints = new TempDirectory("wb-ckpt");
        var run = _home.Tracker.StartRun("digits", "resumed");
        var (first, _) = DigitsTrainer(epochs: 4, checkpoints: checkpoints.Path);
        first.Callbacks.Add(new TrackingCallback(run));
        first.Callbacks.Add(new StopAfterEpoch(2));
        first.Fit(ExperimentData.Digits.Training());

        var (second, _) = DigitsTrainer(epochs: 4);
        second.Callbacks.Add(new TrackingCallback(run));
        second.Fit(ExperimentData.Digits.Training(), resumeFrom: Trainer.LatestCheckpoint(checkpoints.Path));
        run.End();

        _home.Tracker.GetMetricHistory(run.RunId, "loss").Select(p => p.Step).Should().Equal([1L, 2, 3, 4]);
        _home.Tracker.GetRun(run.RunId).Param("trainer.learning_rate").Should().Be("0.003", "the configured rate, not the scheduled one at the resume");
    }

    [Fact]
    public void A_bad_prefix_or_interval_fails_before_the_first_batch()
    {
        var run = _home.Tracker.StartRun("digits", "bad");
        var (trainer, _) = DigitsTrainer(epochs: 1);
        var batches = new BatchRecorder();
        trainer.Callbacks.Add(new TrackingCallback(run) { Prefix = "digits|" });
        trainer.Callbacks.Add(batches);
        trainer.Invoking(t => t.Fit(ExperimentData.Digits.Training())).Should().Throw<ArgumentException>().WithMessage("*'digits|batch_loss' has '|'*");
        batches.Losses.Should().BeEmpty();

        var (other, _) = DigitsTrainer(epochs: 1);
        other.Callbacks.Add(new TrackingCallback(run) { BatchInterval = -1 });
        other.Invoking(t => t.Fit(ExperimentData.Digits.Training())).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*BatchInterval*");
        FluentActions.Invoking(() => new TrackingCallback(null!)).Should().Throw<ArgumentNullException>();
        run.End();
    }

    private static (Trainer Trainer, Sequential Network) DigitsTrainer(int epochs, string? checkpoints = null)
    {
        var device = Device.CreateCpu(new CpuBackendOptions { Threads = 1 });
        var random = new Workbench.Learning.DeterministicRandom(11);
        var network = new Sequential(device, new Linear(64, 32, random: random, device: device), new ReLU(device), new Linear(32, 10, random: random, device: device));
        var trainer = new Trainer(network, new CrossEntropyLoss(), new Adam(network.Parameters(), 3e-3), new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = 64,
            Seed = 5,
            Schedule = LearningRateSchedule.Cosine(epochs),
            Checkpoints = checkpoints is null ? null : new CheckpointOptions(checkpoints),
        });
        return (trainer, network);
    }

    private sealed class BatchRecorder : TrainingCallback
    {
        public List<double> Losses { get; } = [];

        public List<double> Rates { get; } = [];

        public override void OnBatchEnd(TrainingContext context, BatchProgress batch)
        {
            Losses.Add(batch.Loss);
            Rates.Add(batch.LearningRate);
        }
    }

    private sealed class FailAtEpoch(int epoch) : TrainingCallback
    {
        public override void OnEpochBegin(TrainingContext context, int current)
        {
            if (current == epoch)
            {
                throw new InvalidOperationException($"injected failure at epoch {epoch}");
            }
        }
    }

    private sealed class StopAfterEpoch(int epoch) : TrainingCallback
    {
        public override void OnEpochEnd(TrainingContext context, EpochRecord record)
        {
            if (record.Epoch == epoch)
            {
                context.RequestStop("stopped for the test");
            }
        }
    }
}
