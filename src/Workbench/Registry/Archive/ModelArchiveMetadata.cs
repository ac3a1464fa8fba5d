using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Registry.Archive;

/// <summary>
/// <c>metadata.json</c> at the root of an exported model: which model and version, the run that produced it
/// (parameters, metrics, git commit), its datasets, and the manifest of every other file with its sha256.
/// </summary>
public sealed record ModelArchiveMetadata
{
    public const string CurrentFormat = "workbench-model/1";

    public string Format { get; init; } = CurrentFormat;

    public required ArchivedModel Model { get; init; }

    public ArchivedRun? Run { get; init; }

    public IReadOnlyList<ArchivedInput> Inputs { get; init; } = [];

    /// <summary>The manifest: every file in the archive except metadata.json itself.</summary>
    public required IReadOnlyList<ArchivedFile> Files { get; init; }

    /// <summary>Versions of the Workbench assemblies that wrote the archive.</summary>
    public IReadOnlyDictionary<string, string> Workbench { get; init; } = new Dictionary<string, string>();

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

public sealed record ArchivedModel(
    string Name, int Version, string Description, ApprovalStatus ApprovalStatus, IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, string> Tags, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record ArchivedRun(
    string RunId, string Name, string Experiment, string Status, IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, double> Metrics, string? GitCommit);

public sealed record ArchivedInput(string Fingerprint, string Name, string? Source, long? Rows, string Context);

public sealed record ArchivedFile(string Path, string Role, string Kind, string Sha256, long Size);
