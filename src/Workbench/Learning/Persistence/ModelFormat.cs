namespace Workbench.Learning.Persistence;

/// <summary>
/// Constants of the Workbench model file (docs/model-format.md): an 8-byte magic, a little-endian uint64 header
/// length, a UTF-8 JSON header, then 64-byte-aligned raw little-endian tensor blobs.
/// </summary>
public static class ModelFormat
{
    /// <summary>The version this library writes and the only one it reads.</summary>
    public const int Version = 1;

    public const string FormatName = "workbench-model";

    /// <summary>Blob alignment in bytes (cache lines, and SIMD loads straight from a memory map).</summary>
    public const int Alignment = 64;

    /// <summary>A header larger than this is refused as corrupt rather than read into memory.</summary>
    public const int MaxHeaderBytes = 64 << 20;

    public static ReadOnlySpan<byte> Magic => "WBMODEL\0"u8;

    /// <summary>The closed set of things a model file can hold; a file naming anything else is refused.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        [ModelKinds.LogisticRegression, ModelKinds.LinearRegression, ModelKinds.Ridge, ModelKinds.MlpClassifier, ModelKinds.MlpRegressor, ModelKinds.Module, ModelKinds.Checkpoint];
}

public static class ModelKinds
{
    public const string LogisticRegression = "logistic_regression";
    public const string LinearRegression = "linear_regression";
    public const string Ridge = "ridge";
    public const string MlpClassifier = "mlp_classifier";
    public const string MlpRegressor = "mlp_regressor";

    /// <summary>A bare network (<see cref="Layers.Sequential"/>) with its architecture and weights.</summary>
    public const string Module = "module";

    /// <summary>A Trainer checkpoint: network, optimizer state, counters and progress.</summary>
    public const string Checkpoint = "checkpoint";
}

/// <summary>One tensor in a model file's table.</summary>
public sealed record TensorEntry(string Name, string DataType, int[] Shape, long Offset, long Length, string Sha256);

/// <summary>The header of a model file, readable without loading any tensor (<see cref="ModelFile.Inspect"/>).</summary>
public sealed record ModelFileInfo(
    int FormatVersion,
    string Kind,
    string LibraryVersion,
    DateTimeOffset CreatedUtc,
    System.Text.Json.Nodes.JsonObject Hyperparameters,
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<TensorEntry> Tensors,
    System.Text.Json.Nodes.JsonObject Header);
