using System.Globalization;
using System.Text.Json.Nodes;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Persistence;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Training;

/// <summary>
/// Trainer checkpoints in the model file format (kind <c>checkpoint</c>): weights and buffers, optimizer
/// moments and step count, layer counters (dropout draws, batch-norm batches), early-stopping state, the epoch
/// history, and the run settings a resume must share. The shuffle order is a function of (seed, epoch) and the
/// schedule of the step, so restoring these gives a bit-identical continuation.
/// </summary>
internal static class Checkpoint
{
    private const string Prefix = "checkpoint-epoch-";

    public static string Save(CheckpointOptions options, Trainer trainer, int epoch, EarlyStoppingState progress, IReadOnlyList<EpochRecord> epochs, double baseLearningRate)
    {
        var archive = new ModelArchive(ModelKinds.Checkpoint);
        var optimizerState = trainer.Optimizer.GetState();
        archive.Header["epoch"] = epoch;
        archive.Header["seed"] = trainer.Options.Seed.ToString(CultureInfo.InvariantCulture);
        archive.Header["batch_size"] = trainer.Options.BatchSize;
        archive.Header["shuffle"] = trainer.Options.Shuffle;
        archive.Header["base_learning_rate"] = baseLearningRate;
        archive.Header["optimizer"] = new JsonObject
        {
            ["name"] = optimizerState.Optimizer,
            ["steps"] = optimizerState.Steps,
            ["learning_rate"] = optimizerState.LearningRate,
        };
        archive.Header["counters"] = new JsonObject(trainer.Model.NamedCounters().Select(c => KeyValuePair.Create(c.Name, (JsonNode?)c.Value)));
        archive.Header["early_stopping"] = new JsonObject
        {
            ["best"] = Number(progress.Best),
            ["best_epoch"] = progress.BestEpoch,
            ["wait"] = progress.Wait,
        };
        archive.Header["history"] = new JsonArray(epochs.Select(e => (JsonNode)new JsonObject
        {
            ["epoch"] = e.Epoch,
            ["learning_rate"] = e.LearningRate,
            ["seconds"] = e.Duration.TotalSeconds,
            ["samples"] = e.Samples,
            ["metrics"] = new JsonObject(e.Metrics.Select(m => KeyValuePair.Create(m.Key, Number(m.Value)))),
        }).ToArray());
        try
        {
            archive.Header["architecture"] = ArchitectureCodec.Describe(trainer.Model);
        }
        catch (NotSupportedException)
        {
            // Custom layers cannot be rebuilt from a file, but their weights still resume into the same code.
        }

        foreach (var (name, tensor) in trainer.Model.StateDictionary())
        {
            archive.Add("model." + name, tensor.ToArray(), [.. tensor.Shape]);
        }

        foreach (var (name, tensor) in optimizerState.Tensors)
        {
            archive.Add("optimizer." + name, tensor.ToArray(), [.. tensor.Shape]);
        }

        foreach (var (name, tensor) in progress.BestState ?? new Dictionary<string, Tensor>())
        {
            archive.Add("best." + name, tensor.ToArray(), [.. tensor.Shape]);
        }

        var path = Path.Combine(options.Directory, $"{Prefix}{epoch.ToString("D4", CultureInfo.InvariantCulture)}.wbm");
        archive.Save(path);
        foreach (var stale in List(options.Directory).SkipLast(Math.Max(1, options.Keep)))
        {
            File.Delete(stale);
        }

        return path;
    }

    public static (int Epoch, EarlyStoppingState EarlyStopping, IReadOnlyList<EpochRecord> Epochs) Restore(string path, Trainer trainer, double baseLearningRate)
    {
        var archive = ModelArchive.Load(path);
        if (archive.Kind != ModelKinds.Checkpoint)
        {
            throw new InvalidDataException($"{path} holds a {archive.Kind}, not a training checkpoint.");
        }

        var header = archive.Header;
        var seed = ulong.Parse(header["seed"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var batchSize = header["batch_size"]!.GetValue<int>();
        var savedRate = header["base_learning_rate"]!.GetValue<double>();
        if (seed != trainer.Options.Seed || batchSize != trainer.Options.BatchSize || header["shuffle"]!.GetValue<bool>() != trainer.Options.Shuffle || savedRate != baseLearningRate)
        {
            throw new ArgumentException(
                $"{path} was written with seed {seed}, batch size {batchSize}, shuffle {header["shuffle"]}, base learning rate {savedRate}; this trainer has "
                + $"{trainer.Options.Seed}, {trainer.Options.BatchSize}, {trainer.Options.Shuffle}, {baseLearningRate}. An exact resume needs the same settings.");
        }

        trainer.Model.LoadStateDictionary(Tensors(archive, "model.", trainer.Model.Device));
        trainer.Model.LoadCounters(header["counters"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!.GetValue<long>(), StringComparer.Ordinal));
        var optimizer = header["optimizer"]!.AsObject();
        trainer.Optimizer.LoadState(new OptimizerState(
            optimizer["name"]!.GetValue<string>(),
            optimizer["steps"]!.GetValue<long>(),
            optimizer["learning_rate"]!.GetValue<double>(),
            Tensors(archive, "optimizer.", trainer.Model.Device)));

        var early = header["early_stopping"]!.AsObject();
        var best = Tensors(archive, "best.", Devices.Device.Cpu);
        var progress = new EarlyStoppingState
        {
            Best = Read(early["best"]),
            BestEpoch = early["best_epoch"]?.GetValue<int>(),
            Wait = early["wait"]!.GetValue<int>(),
            BestState = best.Count == 0 ? null : best,
        };
        var epochs = header["history"]!.AsArray().Select(e => new EpochRecord(
            e!["epoch"]!.GetValue<int>(),
            e["metrics"]!.AsObject().ToDictionary(m => m.Key, m => Read(m.Value), StringComparer.Ordinal),
            e["learning_rate"]!.GetValue<double>(),
            TimeSpan.FromSeconds(e["seconds"]!.GetValue<double>()),
            e["samples"]!.GetValue<int>())).ToArray();
        return (header["epoch"]!.GetValue<int>(), progress, epochs);
    }

    /// <summary>Checkpoint files in a folder, oldest first.</summary>
    public static IReadOnlyList<string> List(string directory) => Directory.Exists(directory)
        ? Directory.GetFiles(directory, Prefix + "*.wbm").Order(StringComparer.Ordinal).ToArray()
        : [];

    private static Dictionary<string, Tensor> Tensors(ModelArchive archive, string prefix, Devices.Device device) =>
        archive.Entries.Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(
            e => e.Name[prefix.Length..],
            e => Tensor.FromArray(device, archive.Float32(e.Name, out var shape), shape),
            StringComparer.Ordinal);

    private static JsonNode? Number(double value) => double.IsFinite(value) ? value : value.ToString(CultureInfo.InvariantCulture);

    private static double Read(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number)
        ? number
        : double.Parse(node?.GetValue<string>() ?? "NaN", CultureInfo.InvariantCulture);
}
