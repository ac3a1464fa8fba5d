using Workbench.Learning.Losses;
using Workbench.Learning.Schedules;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Training;

/// <summary>How the Trainer runs: epochs, minibatches, schedule, clipping, early stopping, checkpoints, metrics.</summary>
public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 64;

    /// <summary>Reshuffle every epoch with a permutation drawn from (<see cref="Seed"/>, epoch).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Skip the last incomplete batch (useful with BatchNorm1d).</summary>
    public bool DropLast { get; init; }

    public ulong Seed { get; init; }

    /// <summary>Learning rate as a function of the epoch or batch (see <see cref="ScheduleUnit"/>); null keeps the optimizer's rate.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    public ScheduleUnit ScheduleUnit { get; init; } = ScheduleUnit.Epoch;

    /// <summary>Clip the global gradient norm to this before each step.</summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary>Clamp every gradient element to ± this before each step.</summary>
    public double? ClipGradientValue { get; init; }

    public EarlyStopping? EarlyStopping { get; init; }

    public CheckpointOptions? Checkpoints { get; init; }

    /// <summary>Rows per forward pass when evaluating (larger than training batches: no gradients are kept).</summary>
    public int EvaluationBatchSize { get; init; } = 4096;

    /// <summary>Extra metrics computed on the validation data each epoch (named <c>val_{name}</c>).</summary>
    public IReadOnlyList<ValidationMetric> Metrics { get; init; } = [];

    internal void Validate()
    {
        if (Epochs < 1 || BatchSize < 1 || EvaluationBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"Epochs ({Epochs}), BatchSize ({BatchSize}) and EvaluationBatchSize ({EvaluationBatchSize}) must be at least 1.");
        }

        if (ClipGradientNorm is <= 0 || ClipGradientValue is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ClipGradientNorm), "Clipping thresholds must be positive.");
        }
    }
}

/// <summary>Whether the learning-rate schedule advances once per epoch or once per optimizer step.</summary>
public enum ScheduleUnit
{
    Epoch,
    Batch,
}

/// <summary>A metric of the model's outputs on validation data (host copy, row-major [n, outputs]).</summary>
public sealed record ValidationMetric(string Name, Func<float[], int, Targets, double> Compute, MonitorMode Mode = MonitorMode.Max);

public enum MonitorMode
{
    /// <summary>Lower is better (losses); inferred for names containing "loss" or "error".</summary>
    Min,

    Max,
}

/// <summary>
/// Stops when <see cref="Monitor"/> has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs, optionally restoring the best epoch's weights (Keras' <c>EarlyStopping</c>).
/// </summary>
public sealed record EarlyStopping
{
    public string Monitor { get; init; } = "val_loss";

    /// <summary>Null infers Min for losses and errors, Max otherwise.</summary>
    public MonitorMode? Mode { get; init; }

    public int Patience { get; init; } = 5;

    public double MinDelta { get; init; }

    public bool RestoreBestWeights { get; init; } = true;

    internal MonitorMode EffectiveMode => Mode ?? (Monitor.Contains("loss", StringComparison.OrdinalIgnoreCase) || Monitor.Contains("error", StringComparison.OrdinalIgnoreCase) ? MonitorMode.Min : MonitorMode.Max);
}

/// <summary>Where and how often the Trainer writes checkpoints (written atomically; the newest <see cref="Keep"/> are kept).</summary>
public sealed record CheckpointOptions(string Directory)
{
    public int EveryEpochs { get; init; } = 1;

    public int Keep { get; init; } = 2;
}
