using System.Diagnostics;
using Workbench.Data;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Training;

/// <summary>
/// Runs minibatch training: seeded shuffles per epoch, forward / loss / backward / clip / step, the learning-rate
/// schedule, validation each epoch, early stopping, checkpoints with exact resume, and callbacks. A run is
/// deterministic for a seed: the epoch's permutation is a function of (seed, epoch), dropout masks of
/// (layer seed, call), and every kernel reduces in a fixed order.
/// </summary>
public sealed class Trainer
{
    private readonly double _baseLearningRate;
    private TensorStorage? _batchStorage;
    private TensorStorage? _gradientStorage;

    public Trainer(Module model, Loss loss, Optimizer optimizer, TrainerOptions? options = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Options = options ?? new TrainerOptions();
        Options.Validate();
        _baseLearningRate = optimizer.LearningRate;
    }

    public Module Model { get; }

    public Loss Loss { get; }

    public Optimizer Optimizer { get; }

    public TrainerOptions Options { get; }

    /// <summary>The live record of the latest run (display it in a notebook).</summary>
    public TrainingHistory History { get; } = new();

    /// <summary>Extra callbacks, called in order after <see cref="History"/>.</summary>
    public IList<TrainingCallback> Callbacks { get; } = [];

    /// <summary>
    /// Trains on <paramref name="train"/>, validating on <paramref name="validation"/> after each epoch. With
    /// <paramref name="resumeFrom"/> (a checkpoint file), continues exactly where that run stopped.
    /// </summary>
    public TrainingSummary Fit(TrainingData train, TrainingData? validation = null, string? resumeFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Rows == 0)
        {
            throw new ArgumentException("The training data has no rows.", nameof(train));
        }

        var batchesPerEpoch = Options.DropLast ? train.Rows / Options.BatchSize : (train.Rows + Options.BatchSize - 1) / Options.BatchSize;
        if (batchesPerEpoch == 0)
        {
            throw new ArgumentException($"DropLast with batch size {Options.BatchSize} leaves no batch from {train.Rows} rows.", nameof(train));
        }

        var context = new TrainingContext(Model, Loss, Optimizer, Options, train.Rows, batchesPerEpoch, History, _baseLearningRate);
        var callbacks = new List<TrainingCallback> { History };
        callbacks.AddRange(Callbacks);
        var progress = new EarlyStoppingState();
        var firstEpoch = 1;
        if (resumeFrom is not null)
        {
            var resumed = Checkpoint.Restore(resumeFrom, this, _baseLearningRate);
            firstEpoch = resumed.Epoch + 1;
            progress = resumed.EarlyStopping;
            History.Restore(resumed.Epochs);
        }

        var watch = Stopwatch.StartNew();
        var samples = 0L;
        var status = TrainingStatus.Completed;
        var epochsRun = firstEpoch - 1;
        foreach (var callback in callbacks)
        {
            callback.OnTrainBegin(context);
        }

        try
        {
            for (var epoch = firstEpoch; epoch <= Options.Epochs && context.StopReason is null; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = RunEpoch(train, validation, epoch, batchesPerEpoch, context, callbacks, cancellationToken);
                samples += record.Samples;
                epochsRun = epoch;
                progress.Update(Options.EarlyStopping, record, Model, context);
                foreach (var callback in callbacks)
                {
                    callback.OnEpochEnd(context, record);
                }

                if (Options.Checkpoints is { } checkpoints && (epoch % checkpoints.EveryEpochs == 0 || epoch == Options.Epochs || context.StopReason is not null))
                {
                    Checkpoint.Save(checkpoints, this, epoch, progress, History.Epochs, _baseLearningRate);
                }
            }

            if (context.StopReason is not null)
            {
                status = TrainingStatus.StoppedEarly;
            }

            if (Options.EarlyStopping is { RestoreBestWeights: true } && progress.BestState is not null)
            {
                Model.LoadStateDictionary(progress.BestState);
            }
        }
        catch (OperationCanceledException)
        {
            Finish(TrainingStatus.Cancelled, "cancelled");
            throw;
        }
        catch (Exception error)
        {
            Finish(TrainingStatus.Failed, error.Message);
            throw;
        }

        return Finish(status, context.StopReason);

        TrainingSummary Finish(TrainingStatus final, string? reason)
        {
            var summary = new TrainingSummary(
                final,
                epochsRun,
                progress.BestEpoch,
                Options.EarlyStopping?.Monitor,
                progress.BestEpoch is null ? null : progress.Best,
                reason,
                watch.Elapsed,
                samples / Math.Max(watch.Elapsed.TotalSeconds, 1e-9),
                History.Epochs.LastOrDefault()?.Metrics ?? new Dictionary<string, double>());
            foreach (var callback in callbacks)
            {
                callback.OnTrainEnd(context, summary);
            }

            return summary;
        }
    }

    /// <summary>The newest checkpoint in <paramref name="directory"/> (to pass as <c>resumeFrom</c>), or null.</summary>
    public static string? LatestCheckpoint(string directory) => Checkpoint.List(directory).LastOrDefault();

    /// <summary>Mean loss (and accuracy for class targets, plus the configured metrics) on <paramref name="data"/>, in evaluation mode.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(TrainingData data, string prefix = "val_")
    {
        ArgumentNullException.ThrowIfNull(data);
        var wasTraining = Model.IsTraining;
        Model.Eval();
        try
        {
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            double lossSum = 0;
            long correct = 0;
            float[]? outputs = null;
            var outputColumns = 0;
            for (var start = 0; start < data.Rows; start += Options.EvaluationBatchSize)
            {
                var count = Math.Min(Options.EvaluationBatchSize, data.Rows - start);
                var rows = Enumerable.Range(start, count).ToArray();
                var output = ForwardRows(data, rows, contiguous: true);
                var targets = data.Targets.Gather(rows);
                lossSum += Loss.Compute(output, targets) * count;
                correct += CountCorrect(output, targets);
                outputColumns = output.Columns;
                outputs ??= new float[data.Rows * outputColumns];
                Model.Device.Backend.Download(output, outputs.AsSpan(start * outputColumns, count * outputColumns));
            }

            metrics[prefix + "loss"] = lossSum / data.Rows;
            if (data.Targets.IsClasses)
            {
                metrics[prefix + "accuracy"] = (double)correct / data.Rows;
            }

            foreach (var metric in Options.Metrics)
            {
                metrics[prefix + metric.Name] = metric.Compute(outputs ?? [], outputColumns, data.Targets);
            }

            return metrics;
        }
        finally
        {
            Model.Train(wasTraining);
        }
    }

    /// <summary>The model's outputs for every row of <paramref name="features"/> in evaluation mode, batched, as a new host tensor.</summary>
    public Tensor Predict(TrainingData features) => Predict(Model, features, Options.EvaluationBatchSize);

    /// <summary>Batched evaluation-mode forward pass over dense or sparse rows; returns [rows, outputs] on the host.</summary>
    public static Tensor Predict(Module model, TrainingData features, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        var wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            float[]? result = null;
            var columns = 0;
            for (var start = 0; start < features.Rows; start += batchSize)
            {
                var count = Math.Min(batchSize, features.Rows - start);
                var output = features.Dense is not null
                    ? model.Forward(features.Dense.SliceRows(start, count))
                    : SparseForward(model, SparseRows.Gather(features.Sparse!, Enumerable.Range(start, count).ToArray()));
                columns = output.Columns;
                result ??= new float[features.Rows * columns];
                model.Device.Backend.Download(output, result.AsSpan(start * columns, count * columns));
            }

            return Tensor.Wrap(result ?? [], features.Rows, columns);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    private EpochRecord RunEpoch(TrainingData train, TrainingData? validation, int epoch, int batches, TrainingContext context, List<TrainingCallback> callbacks, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (Options.Schedule is { } schedule && Options.ScheduleUnit == ScheduleUnit.Epoch)
        {
            Optimizer.LearningRate = schedule.At(epoch - 1, _baseLearningRate);
        }

        foreach (var callback in callbacks)
        {
            callback.OnEpochBegin(context, epoch);
        }

        Model.Train();
        var parameters = Model.Parameters();
        var order = Options.Shuffle
            ? DeterministicRandom.ForStream(Options.Seed, (ulong)epoch).Permutation(train.Rows)
            : Enumerable.Range(0, train.Rows).ToArray();
        double lossSum = 0;
        long correct = 0;
        var seen = 0;
        for (var batch = 0; batch < batches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = batch * Options.BatchSize;
            var rows = order.AsSpan(start, Math.Min(Options.BatchSize, train.Rows - start)).ToArray();
            if (Options.Schedule is { } batchSchedule && Options.ScheduleUnit == ScheduleUnit.Batch)
            {
                Optimizer.LearningRate = batchSchedule.At(Optimizer.Steps, _baseLearningRate);
            }

            foreach (var callback in callbacks)
            {
                callback.OnBatchBegin(context, epoch, batch + 1);
            }

            var targets = train.Targets.Gather(rows);
            foreach (var parameter in parameters)
            {
                parameter.ZeroGradient();
            }

            var output = ForwardRows(train, rows, contiguous: false);
            var gradient = new Tensor(_gradientStorage = Grow(_gradientStorage, output.Count), 0, [.. output.Shape], TensorShape.RowMajorStrides([.. output.Shape]));
            var loss = Loss.Compute(output, targets, gradient);
            if (!double.IsFinite(loss))
            {
                throw new InvalidOperationException(
                    $"The {Loss.Name} loss became {loss} at epoch {epoch}, batch {batch + 1} (learning rate {Optimizer.LearningRate:G4}); lower the learning rate, clip gradients (ClipGradientNorm) or check the inputs for NaN.");
            }

            correct += CountCorrect(output, targets);
            Model.Backpropagate(gradient);
            if (Options.ClipGradientValue is { } clipValue)
            {
                GradientClipping.ClipValue(parameters, clipValue);
            }

            if (Options.ClipGradientNorm is { } clipNorm)
            {
                GradientClipping.ClipNorm(parameters, clipNorm);
            }

            Optimizer.Step();
            lossSum += loss * rows.Length;
            seen += rows.Length;
            var progress = new BatchProgress(epoch, batch + 1, batches, rows.Length, loss, Optimizer.LearningRate, Optimizer.Steps);
            foreach (var callback in callbacks)
            {
                callback.OnBatchEnd(context, progress);
            }
        }

        var trainingTime = watch.Elapsed;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = lossSum / seen };
        if (train.Targets.IsClasses)
        {
            metrics["accuracy"] = (double)correct / seen;
        }

        if (validation is not null)
        {
            foreach (var (name, value) in Evaluate(validation))
            {
                metrics[name] = value;
            }
        }

        metrics["lr"] = Optimizer.LearningRate;
        return new EpochRecord(epoch, metrics, Optimizer.LearningRate, trainingTime, seen);
    }

    private Tensor ForwardRows(TrainingData data, int[] rows, bool contiguous)
    {
        if (data.Sparse is not null)
        {
            return SparseForward(Model, SparseRows.Gather(data.Sparse, rows));
        }

        var dense = data.Dense!;
        if (contiguous)
        {
            return Model.Forward(dense.SliceRows(rows[0], rows.Length));
        }

        var batch = new Tensor(_batchStorage = Grow(_batchStorage, rows.Length * dense.Columns), 0, [rows.Length, dense.Columns], [dense.Columns, 1]);
        Model.Device.Backend.GatherRows(dense, rows, batch);
        return Model.Forward(batch);
    }

    private static Tensor SparseForward(Module model, SparseMatrix rows) => model is ISparseInput sparse
        ? sparse.ForwardSparse(rows)
        : throw new InvalidOperationException($"Sparse features need a model whose first layer accepts CSR rows (Linear); {model.GetType().Name} does not.");

    private long CountCorrect(Tensor output, Targets targets)
    {
        if (targets.ClassIds is not { } ids || output.Rank != 2 || output.Columns < 2)
        {
            return 0;
        }

        var predicted = new int[output.Rows];
        Model.Device.Backend.ArgMaxRows(output, predicted);
        var correct = 0L;
        for (var i = 0; i < predicted.Length; i++)
        {
            correct += predicted[i] == ids[i] ? 1 : 0;
        }

        return correct;
    }

    private TensorStorage Grow(TensorStorage? storage, int length) =>
        storage is not null && storage.Length >= length ? storage : Model.Device.Backend.Allocate(length);
}
