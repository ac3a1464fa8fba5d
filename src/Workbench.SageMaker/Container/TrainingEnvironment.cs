using System.Globalization;
using System.Text.Json;

namespace Workbench.SageMaker.Container;

/// <summary>One input channel as the container sees it: its folder and what <c>inputdataconfig.json</c> says of it.</summary>
public sealed record TrainingChannel(string Name, string Path, string? ContentType, string? CompressionType, string? InputMode);

/// <summary>
/// What a training container reads when it starts, as the SageMaker training toolkit reads it: the config files
/// under <c>/opt/ml/input/config</c>, the channels under <c>/opt/ml/input/data</c>, and the <c>SM_*</c> variables,
/// which override the paths (script mode run by hand sets <c>SM_MODEL_DIR</c>, <c>SM_CHANNEL_TRAIN</c>, <c>SM_HPS</c>, ...).
/// </summary>
public sealed class TrainingEnvironment
{
    private TrainingEnvironment(OptMlLayout layout)
    {
        Layout = layout;
    }

    public OptMlLayout Layout { get; }

    /// <summary>Hyperparameters as SageMaker passes them: every value a string.</summary>
    public IReadOnlyDictionary<string, string> Hyperparameters { get; private init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, TrainingChannel> Channels { get; private init; } = new Dictionary<string, TrainingChannel>();

    public string CurrentHost { get; private init; } = "algo-1";

    public IReadOnlyList<string> Hosts { get; private init; } = ["algo-1"];

    public int NumCpus { get; private init; } = Environment.ProcessorCount;

    public int NumGpus { get; private init; }

    public string ModelDir { get; private init; } = string.Empty;

    public string OutputDataDir { get; private init; } = string.Empty;

    public string CheckpointDir { get; private init; } = string.Empty;

    /// <summary>Reads the environment of this process; <paramref name="environment"/> replaces it in tests.</summary>
    public static TrainingEnvironment Load(OptMlLayout layout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string? Env(string name) => environment is null ? Environment.GetEnvironmentVariable(name) : environment.GetValueOrDefault(name);

        var hyperparameters = ReadHyperparameters(layout.HyperparametersFile);
        if (Env("SM_HPS") is { Length: > 0 } hps)
        {
            foreach (var (key, value) in ParseHyperparameters(hps, "SM_HPS"))
            {
                hyperparameters[key] = value;
            }
        }

        var resource = ReadJsonObject(layout.ResourceConfigFile);
        var currentHost = Env("SM_CURRENT_HOST") ?? StringMember(resource, "current_host", layout.ResourceConfigFile) ?? "algo-1";
        var hosts = Env("SM_HOSTS") is { Length: > 0 } hostsJson
            ? ParseStringList(hostsJson, "SM_HOSTS")
            : resource?.TryGetProperty("hosts", out var hostsElement) == true ? ParseStringList(hostsElement.GetRawText(), $"{layout.ResourceConfigFile}: hosts") : [currentHost];

        var channels = new Dictionary<string, TrainingChannel>(StringComparer.Ordinal);
        var dataConfig = ReadJsonObject(layout.InputDataConfigFile);
        if (dataConfig is { } config)
        {
            foreach (var channel in config.EnumerateObject())
            {
                if (channel.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new TrainingContainerException($"{layout.InputDataConfigFile}: channel '{channel.Name}' must be an object, found {channel.Value.ValueKind}.");
                }

                channels[channel.Name] = new TrainingChannel(
                    channel.Name,
                    layout.Channel(channel.Name),
                    StringMember(channel.Value, "ContentType", layout.InputDataConfigFile),
                    StringMember(channel.Value, "CompressionType", layout.InputDataConfigFile),
                    StringMember(channel.Value, "TrainingInputMode", layout.InputDataConfigFile));
            }
        }
        else if (Directory.Exists(layout.InputData))
        {
            foreach (var folder in Directory.GetDirectories(layout.InputData).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(folder);
                channels[name] = new TrainingChannel(name, folder, null, null, "File");
            }
        }

        var overrides = environment is null
            ? Environment.GetEnvironmentVariables().Keys.Cast<string>()
            : environment.Keys;
        foreach (var variable in overrides.Where(k => k.StartsWith("SM_CHANNEL_", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var path = Env(variable);
            if (string.IsNullOrEmpty(path))
            {
                continue;
            }

            var suffix = variable["SM_CHANNEL_".Length..];
            var existing = channels.Values.FirstOrDefault(c => string.Equals(c.Name, suffix, StringComparison.OrdinalIgnoreCase));
            var name = existing?.Name ?? suffix.ToLowerInvariant();
            channels[name] = (existing ?? new TrainingChannel(name, path, null, null, "File")) with { Path = Path.GetFullPath(path) };
        }

        return new TrainingEnvironment(layout)
        {
            Hyperparameters = hyperparameters,
            Channels = channels,
            CurrentHost = currentHost,
            Hosts = hosts,
            NumCpus = IntVariable(Env("SM_NUM_CPUS"), "SM_NUM_CPUS") ?? Environment.ProcessorCount,
            NumGpus = IntVariable(Env("SM_NUM_GPUS"), "SM_NUM_GPUS") ?? 0,
            ModelDir = Path.GetFullPath(Env("SM_MODEL_DIR") is { Length: > 0 } model ? model : layout.Model),
            OutputDataDir = Path.GetFullPath(Env("SM_OUTPUT_DATA_DIR") is { Length: > 0 } output ? output : layout.OutputData),
            CheckpointDir = Path.GetFullPath(Env("SM_CHECKPOINT_DIR") is { Length: > 0 } checkpoints ? checkpoints : layout.Checkpoints),
        };
    }

    /// <summary>
    /// The <c>SM_*</c> variables the SageMaker training toolkit sets for a script, from this environment: what the
    /// local backend gives the process it starts.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ToolkitVariables(
        OptMlLayout layout, IReadOnlyDictionary<string, string> hyperparameters, IEnumerable<string> channels, string currentHost, int numCpus, int numGpus)
    {
        var names = channels.ToList();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SM_MODEL_DIR"] = layout.Model,
            ["SM_INPUT_DIR"] = Path.Combine(layout.Root, "input"),
            ["SM_INPUT_CONFIG_DIR"] = layout.InputConfig,
            ["SM_OUTPUT_DIR"] = layout.Output,
            ["SM_OUTPUT_DATA_DIR"] = layout.OutputData,
            ["SM_CHECKPOINT_DIR"] = layout.Checkpoints,
            ["SM_CHANNELS"] = JsonSerializer.Serialize(names),
            ["SM_HPS"] = JsonSerializer.Serialize(hyperparameters),
            ["SM_CURRENT_HOST"] = currentHost,
            ["SM_HOSTS"] = JsonSerializer.Serialize(new[] { currentHost }),
            ["SM_NUM_CPUS"] = numCpus.ToString(CultureInfo.InvariantCulture),
            ["SM_NUM_GPUS"] = numGpus.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var name in names)
        {
            variables[$"SM_CHANNEL_{name.ToUpperInvariant()}"] = layout.Channel(name);
        }

        foreach (var (key, value) in hyperparameters)
        {
            variables[$"SM_HP_{key.ToUpperInvariant()}"] = value;
        }

        return variables;
    }

    private static Dictionary<string, string> ReadHyperparameters(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return ParseHyperparameters(File.ReadAllText(path), path);
    }

    /// <summary>
    /// SageMaker passes strings; the Python SDK's framework estimators JSON-encode each value first (<c>"\"mlp\""</c>),
    /// and a hand-written file may hold numbers: all three read as the plain text.
    /// </summary>
    internal static Dictionary<string, string> ParseHyperparameters(string json, string origin)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TrainingContainerException($"{origin}: not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new TrainingContainerException($"{origin}: hyperparameters must be a JSON object of strings, found {document.RootElement.ValueKind}.");
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                result[member.Name] = member.Value.ValueKind switch
                {
                    JsonValueKind.String => Unwrap(member.Value.GetString()!),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => member.Value.GetRawText(),
                    _ => throw new TrainingContainerException($"{origin}: hyperparameter '{member.Name}' must be a string, found {member.Value.ValueKind}."),
                };
            }

            return result;
        }
    }

    private static string Unwrap(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(value) ?? value;
            }
            catch (JsonException)
            {
                return value;
            }
        }

        return value;
    }

    private static JsonElement? ReadJsonObject(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new TrainingContainerException($"{path}: expected a JSON object, found {document.RootElement.ValueKind}.");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new TrainingContainerException($"{path}: not valid JSON ({e.Message}).", e);
        }
    }

    private static string? StringMember(JsonElement? element, string name, string origin)
    {
        if (element is not { } value || !value.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return member.ValueKind == JsonValueKind.String
            ? member.GetString()
            : throw new TrainingContainerException($"{origin}: '{name}' must be a string, found {member.ValueKind}.");
    }

    private static IReadOnlyList<string> ParseStringList(string json, string origin)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (JsonException e)
        {
            throw new TrainingContainerException($"{origin}: expected a JSON list of host names ({e.Message}).", e);
        }
    }

    private static int? IntVariable(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new TrainingContainerException($"{name}='{text}' is not a non-negative whole number.");
    }
}
