using System.Text.Json.Nodes;
using Workbench.Learning.Devices;
using Workbench.Learning.Layers;

namespace Workbench.Learning.Persistence;

/// <summary>
/// Writes a network's structure as JSON and rebuilds it from a closed set of layer types. No type name from a
/// file is ever resolved or instantiated: an unknown "type" is refused, so loading cannot run foreign code.
/// </summary>
internal static class ArchitectureCodec
{
    public static JsonObject Describe(Module module) => module switch
    {
        Sequential sequential => new JsonObject { ["type"] = "sequential", ["layers"] = new JsonArray(sequential.Layers.Select(l => (JsonNode)Describe(l)).ToArray()) },
        Linear linear => new JsonObject { ["type"] = "linear", ["in"] = linear.InFeatures, ["out"] = linear.OutFeatures, ["bias"] = linear.Bias is not null },
        ReLU => new JsonObject { ["type"] = "relu" },
        GELU => new JsonObject { ["type"] = "gelu" },
        Tanh => new JsonObject { ["type"] = "tanh" },
        Sigmoid => new JsonObject { ["type"] = "sigmoid" },
        Dropout dropout => new JsonObject { ["type"] = "dropout", ["p"] = dropout.Probability, ["seed"] = dropout.Seed },
        LayerNorm norm => new JsonObject { ["type"] = "layer_norm", ["features"] = norm.Features, ["eps"] = norm.Epsilon, ["affine"] = norm.ElementwiseAffine },
        BatchNorm1d batch => new JsonObject { ["type"] = "batch_norm1d", ["features"] = batch.Features, ["eps"] = batch.Epsilon, ["momentum"] = batch.Momentum },
        EmbeddingBag bag => new JsonObject { ["type"] = "embedding_bag", ["vocabulary"] = bag.VocabularySize, ["dimension"] = bag.EmbeddingDimension, ["mode"] = bag.Mode.ToString().ToLowerInvariant() },
        _ => throw new NotSupportedException($"{module.GetType().Name} cannot be saved: model files hold only Workbench's built-in layers (Sequential, Linear, activations, Dropout, LayerNorm, BatchNorm1d, EmbeddingBag)."),
    };

    public static Module Build(JsonNode? spec, Device device, string path = "architecture")
    {
        if (spec is not JsonObject layer)
        {
            throw new InvalidDataException($"{path}: expected a layer object.");
        }

        var type = Text(layer, "type", path);
        var random = new DeterministicRandom(0);
        return type switch
        {
            "sequential" => new Sequential(device, (layer["layers"] as JsonArray ?? throw new InvalidDataException($"{path}: sequential needs 'layers'."))
                .Select((child, i) => Build(child, device, $"{path}.layers[{i}]")).ToArray()),
            "linear" => new Linear(Positive(layer, "in", path), Positive(layer, "out", path), Flag(layer, "bias", path), random: random, device: device),
            "relu" => new ReLU(device),
            "gelu" => new GELU(device),
            "tanh" => new Tanh(device),
            "sigmoid" => new Sigmoid(device),
            "dropout" => new Dropout((float)Number(layer, "p", path), (ulong)Number(layer, "seed", path), device),
            "layer_norm" => new LayerNorm(Positive(layer, "features", path), (float)Number(layer, "eps", path), Flag(layer, "affine", path), device),
            "batch_norm1d" => new BatchNorm1d(Positive(layer, "features", path), (float)Number(layer, "eps", path), (float)Number(layer, "momentum", path), device),
            "embedding_bag" => new EmbeddingBag(
                Positive(layer, "vocabulary", path),
                Positive(layer, "dimension", path),
                Text(layer, "mode", path) switch
                {
                    "sum" => EmbeddingBagMode.Sum,
                    "mean" => EmbeddingBagMode.Mean,
                    var other => throw new InvalidDataException($"{path}: embedding_bag mode '{other}' is not sum or mean."),
                },
                Initializer.Zeros(),
                random,
                device),
            _ => throw new InvalidDataException($"{path}: unknown layer type '{type}'. Known: sequential, linear, relu, gelu, tanh, sigmoid, dropout, layer_norm, batch_norm1d, embedding_bag."),
        };
    }

    private static string Text(JsonObject layer, string name, string path) =>
        layer[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new InvalidDataException($"{path}: '{name}' must be a string.");

    private static double Number(JsonObject layer, string name, string path) =>
        layer[name] is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : throw new InvalidDataException($"{path}: '{name}' must be a number.");

    private static int Positive(JsonObject layer, string name, string path)
    {
        var number = Number(layer, name, path);
        return number is >= 1 and <= int.MaxValue && number == Math.Floor(number) ? (int)number : throw new InvalidDataException($"{path}: '{name}' must be a positive integer; got {number}.");
    }

    private static bool Flag(JsonObject layer, string name, string path) =>
        layer[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : throw new InvalidDataException($"{path}: '{name}' must be true or false.");
}
