using Workbench.Learning.Devices;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Optimizers;

namespace Workbench.Learning.Training;

/// <summary>
/// Hooks into a Trainer run. Override what you need: a progress bar (the CLI's Spectre callback), a live notebook
/// display (<see cref="TrainingHistory"/>), a metrics sink such as an experiment tracker
/// (<see cref="MetricLoggerCallback"/>), or custom stopping rules (<see cref="TrainingContext.RequestStop"/>).
/// </summary>
public abstract class TrainingCallback
{
    public virtual void OnTrainBegin(TrainingContext context)
    {
    }

    public virtual void OnEpochBegin(TrainingContext context, int epoch)
    {
    }

    /// <summary>Before batch <paramref name="batch"/> (from 1) of <paramref name="epoch"/> runs its forward pass.</summary>
    public virtual void OnBatchBegin(TrainingContext context, int epoch, int batch)
    {
    }

    public virtual void OnBatchEnd(TrainingContext context, BatchProgress batch)
    {
    }

    public virtual void OnEpochEnd(TrainingContext context, EpochRecord epoch)
    {
    }

    public virtual void OnTrainEnd(TrainingContext context, TrainingSummary summary)
    {
    }
}

/// <summary>What callbacks can see of a run, and the way to stop it.</summary>
public sealed class TrainingContext
{
    internal TrainingContext(Module model, Loss loss, Optimizer optimizer, TrainerOptions options, int rows, int batchesPerEpoch, TrainingHistory history, double baseLearningRate)
    {
        BaseLearningRate = baseLearningRate;
        Model = model;
        Loss = loss;
        Optimizer = optimizer;
        Options = options;
        TrainingRows = rows;
        BatchesPerEpoch = batchesPerEpoch;
        History = history;
    }

    public Module Model { get; }

    public Loss Loss { get; }

    public Optimizer Optimizer { get; }

    public TrainerOptions Options { get; }

    public Device Device => Model.Device;

    public int TrainingRows { get; }

    public int BatchesPerEpoch { get; }

    public int TotalEpochs => Options.Epochs;

    public TrainingHistory History { get; }

    /// <summary>The optimizer's learning rate before any schedule or resume changed it: the run's configured rate.</summary>
    public double BaseLearningRate { get; }

    public string? StopReason { get; private set; }

    /// <summary>Ends the run after the current epoch (the Trainer checks between batches and epochs).</summary>
    public void RequestStop(string reason) => StopReason ??= reason ?? "stopped by a callback";
}

/// <summary>One optimizer step's outcome.</summary>
public sealed record BatchProgress(int Epoch, int Batch, int BatchesPerEpoch, int Samples, double Loss, double LearningRate, long GlobalStep);

/// <summary>
/// One epoch's metrics: <c>loss</c> (mean training loss), <c>accuracy</c> (classification), <c>val_loss</c>,
/// <c>val_accuracy</c> and <c>val_{metric}</c> with validation data, <c>lr</c>.
/// </summary>
public sealed record EpochRecord(int Epoch, IReadOnlyDictionary<string, double> Metrics, double LearningRate, TimeSpan Duration, int Samples)
{
    public double SamplesPerSecond => Duration.TotalSeconds > 0 ? Samples / Duration.TotalSeconds : double.NaN;
}

public enum TrainingStatus
{
    NotStarted,
    Running,
    Completed,
    StoppedEarly,
    Cancelled,
    Failed,
}

/// <summary>How a run ended.</summary>
public sealed record TrainingSummary(
    TrainingStatus Status,
    int EpochsRun,
    int? BestEpoch,
    string? Monitor,
    double? BestValue,
    string? StopReason,
    TimeSpan Elapsed,
    double SamplesPerSecond,
    IReadOnlyDictionary<string, double> FinalMetrics);

/// <summary>
/// Sends every epoch metric (and optionally every batch loss) to a sink as (name, value, step) — the shape of an
/// experiment tracker's <c>LogMetric</c>: <c>new MetricLoggerCallback((name, value, step) =&gt; run.LogMetric(name, value, step))</c>.
/// Epoch metrics use the epoch number as step; batch losses (<c>batch_loss</c>) use the global optimizer step.
/// </summary>
public sealed class MetricLoggerCallback(Action<string, double, long> log, bool logBatches = false) : TrainingCallback
{
    private readonly Action<string, double, long> _log = log ?? throw new ArgumentNullException(nameof(log));

    public override void OnBatchEnd(TrainingContext context, BatchProgress batch)
    {
        if (logBatches)
        {
            _log("batch_loss", batch.Loss, batch.GlobalStep);
        }
    }

    public override void OnEpochEnd(TrainingContext context, EpochRecord epoch)
    {
        foreach (var (name, value) in epoch.Metrics)
        {
            _log(name, value, epoch.Epoch);
        }
    }
}
