using System.Globalization;
using Workbench.Learning.Training;
using Workbench.Tracking;

namespace Workbench.Learning.Experiments;

/// <summary>
/// Logs a <see cref="Trainer"/> run (or an MLP estimator's fit) to an experiment-tracker run, as MLflow's Keras and
/// Lightning loggers do: <c>trainer.Callbacks.Add(new TrackingCallback(run))</c> or <c>mlp.Callbacks.Add(...)</c>.
/// Every point goes through the run's batching API (<see cref="ActiveRun.LogMetric"/>: a queue write on the
/// training thread, stored by the tracker's background writer), so logging every step costs the loop almost nothing.
/// <list type="bullet">
/// <item><b>When training starts</b>: parameters <c>trainer.epochs</c>, <c>trainer.batch_size</c>, <c>trainer.optimizer</c>
/// (Adam, AdamW, SGD), <c>trainer.learning_rate</c> (the configured rate, before schedules), <c>trainer.loss</c>,
/// <c>trainer.seed</c>, <c>trainer.shuffle</c>, <c>trainer.training_rows</c>, <c>trainer.model_parameters</c>, plus
/// <c>trainer.schedule</c>, <c>trainer.clip_gradient_norm</c>, <c>trainer.early_stopping</c> when set; and the tag
/// <c>trainer.device</c> (processor, SIMD width, threads, GEMM provider, or the GPU).</item>
/// <item><b>Every epoch</b>: each metric the Trainer computed (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>,
/// <c>val_accuracy</c>, <c>val_*</c>, <c>lr</c>) plus <c>samples_per_second</c> (training throughput of the epoch,
/// validation excluded) and <c>epoch_time_s</c>, at the step <see cref="Step"/> chooses: the epoch number (default)
/// or the global batch number.</item>
/// <item><b>Every <see cref="BatchInterval"/>-th optimizer step</b> (off by default): <c>batch_loss</c> at step =
/// global batch number (1 for the first update of the run), and <c>batch_lr</c> at the logged steps where the rate
/// differs from the last logged one (every step under a per-batch schedule; once for a constant rate: the curve is
/// piecewise constant, and half the points leave the loop's cost at half).</item>
/// <item><b>When training ends</b>, also after a failure: metrics <c>epochs_run</c>, <c>train_time_s</c>,
/// <c>train_samples_per_second</c> (whole fit), <c>best_epoch</c> and <c>best_{monitor}</c> with early stopping;
/// tags <c>trainer.status</c> (completed, stopped_early, cancelled, failed) and <c>trainer.stop_reason</c>.</item>
/// </list>
/// Metric names get <see cref="Prefix"/> in front (for several models in one run); parameter and tag names use
/// <see cref="ParameterPrefix"/>. Parameters are immutable in a run, so two fits with different settings belong in
/// two runs (or give the second callback another <see cref="ParameterPrefix"/>); a resumed fit logs the same values.
/// </summary>
public sealed class TrackingCallback : TrainingCallback
{
    public const string BatchLoss = "batch_loss";
    public const string BatchLearningRate = "batch_lr";
    public const string SamplesPerSecond = "samples_per_second";
    public const string EpochTime = "epoch_time_s";

    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private string _batchLossKey = BatchLoss;
    private string _batchLearningRateKey = BatchLearningRate;
    private double _lastLoggedRate = double.NaN;

    public TrackingCallback(ActiveRun run)
    {
        Run = run ?? throw new ArgumentNullException(nameof(run));
    }

    /// <summary>The run the points go to.</summary>
    public ActiveRun Run { get; }

    /// <summary>The step epoch metrics are logged at (see <see cref="MetricStep"/>).</summary>
    public MetricStep Step { get; init; } = MetricStep.Epoch;

    /// <summary>Log <c>batch_loss</c> and <c>batch_lr</c> every this many optimizer steps; 0 (default) logs epochs only, 1 logs every step.</summary>
    public int BatchInterval { get; init; }

    /// <summary>Put in front of every metric name (for example <c>"digits/"</c>); empty by default.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Put in front of the parameters and tags this callback sets.</summary>
    public string ParameterPrefix { get; init; } = "trainer.";

    /// <summary>Set the trainer's settings as run parameters when training starts.</summary>
    public bool LogParameters { get; init; } = true;

    public override void OnTrainBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (BatchInterval < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchInterval), BatchInterval, "BatchInterval is 0 (epochs only) or a positive number of optimizer steps.");
        }

        // Checked here, once, so a bad prefix fails before the first batch rather than in the middle of a run.
        _batchLossKey = KeyRules.Validate(Prefix + BatchLoss, "metric");
        _batchLearningRateKey = KeyRules.Validate(Prefix + BatchLearningRate, "metric");
        _lastLoggedRate = double.NaN;
        Run.SetTag(KeyRules.Validate(ParameterPrefix + "device", "tag"), context.Device.Description);
        if (LogParameters)
        {
            Run.LogParams(TrainerParameters(context));
        }
    }

    public override void OnBatchEnd(TrainingContext context, BatchProgress batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (BatchInterval > 0 && batch.GlobalStep % BatchInterval == 0)
        {
            var now = DateTimeOffset.UtcNow;
            Run.LogMetric(_batchLossKey, batch.Loss, batch.GlobalStep, now);
            if (batch.LearningRate != _lastLoggedRate)
            {
                // Piecewise constant: a point where the rate changes says all a point per step would.
                Run.LogMetric(_batchLearningRateKey, batch.LearningRate, batch.GlobalStep, now);
                _lastLoggedRate = batch.LearningRate;
            }
        }
    }

    public override void OnEpochEnd(TrainingContext context, EpochRecord epoch)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(epoch);
        var step = Step == MetricStep.Epoch ? epoch.Epoch : context.Optimizer.Steps;
        var now = DateTimeOffset.UtcNow;
        foreach (var (name, value) in epoch.Metrics)
        {
            Run.LogMetric(Key(name), value, step, now);
        }

        Run.LogMetric(Key(SamplesPerSecond), epoch.SamplesPerSecond, step, now);
        Run.LogMetric(Key(EpochTime), epoch.Duration.TotalSeconds, step, now);
    }

    public override void OnTrainEnd(TrainingContext context, TrainingSummary summary)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(summary);
        try
        {
            var step = Step == MetricStep.Epoch ? summary.EpochsRun : context.Optimizer.Steps;
            var now = DateTimeOffset.UtcNow;
            Run.LogMetric(Key("epochs_run"), summary.EpochsRun, step, now);
            Run.LogMetric(Key("train_time_s"), summary.Elapsed.TotalSeconds, step, now);
            Run.LogMetric(Key("train_samples_per_second"), summary.SamplesPerSecond, step, now);
            if (summary.BestEpoch is { } best && summary.Monitor is { } monitor)
            {
                Run.LogMetric(Key("best_epoch"), best, step, now);
                Run.LogMetric(Key("best_" + monitor), summary.BestValue ?? double.NaN, step, now);
            }

            var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [ParameterPrefix + "status"] = StatusText(summary.Status) };
            if (summary.StopReason is { Length: > 0 } reason)
            {
                tags[ParameterPrefix + "stop_reason"] = reason.Length > KeyRules.MaxTagValueLength ? reason[..KeyRules.MaxTagValueLength] : reason;
            }

            Run.SetTags(tags);
        }
        catch (Exception) when (summary.Status is TrainingStatus.Failed or TrainingStatus.Cancelled)
        {
            // The Trainer rethrows the training error after this; a tracking error here must not replace it.
        }
    }

    /// <summary>The lowercase words used for <c>trainer.status</c>.</summary>
    public static string StatusText(TrainingStatus status) => status switch
    {
        TrainingStatus.StoppedEarly => "stopped_early",
        TrainingStatus.NotStarted => "not_started",
        _ => status.ToString().ToLowerInvariant(),
    };

    private Dictionary<string, object?> TrainerParameters(TrainingContext context)
    {
        var options = context.Options;
        var p = ParameterPrefix;
        var optimizerName = context.Optimizer.Name;
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [p + "epochs"] = context.TotalEpochs,
            [p + "batch_size"] = options.BatchSize,
            [p + "optimizer"] = optimizerName.Contains('(', StringComparison.Ordinal) ? optimizerName[..optimizerName.IndexOf('(', StringComparison.Ordinal)] : optimizerName,
            [p + "learning_rate"] = context.BaseLearningRate,
            [p + "loss"] = context.Loss.Name,
            [p + "seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            [p + "shuffle"] = options.Shuffle,
            [p + "training_rows"] = context.TrainingRows,
            [p + "model_parameters"] = context.Model.ParameterCount,
        };
        if (options.Schedule is { } schedule)
        {
            parameters[p + "schedule"] = $"{schedule} per {options.ScheduleUnit.ToString().ToLowerInvariant()}";
        }

        if (options.ClipGradientNorm is { } norm)
        {
            parameters[p + "clip_gradient_norm"] = norm;
        }

        if (options.ClipGradientValue is { } value)
        {
            parameters[p + "clip_gradient_value"] = value;
        }

        if (options.EarlyStopping is { } stopping)
        {
            parameters[p + "early_stopping"] = string.Create(CultureInfo.InvariantCulture, $"{stopping.Monitor}, patience {stopping.Patience}, min_delta {stopping.MinDelta:R}");
        }

        return parameters;
    }

    private string Key(string name)
    {
        if (!_keys.TryGetValue(name, out var key))
        {
            // One string per name, so the run's key check finds it by reference at every later epoch.
            key = KeyRules.Validate(Prefix + name, "metric");
            _keys[name] = key;
        }

        return key;
    }
}
