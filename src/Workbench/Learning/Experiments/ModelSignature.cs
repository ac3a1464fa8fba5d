using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Learning.Experiments;

/// <summary>One named, typed column of a model's input or output.</summary>
public sealed record SignatureColumn(string Name, string Type);

/// <summary>
/// What a logged model reads and returns, beside its weights as <c>signature.json</c> (MLflow's model signature):
/// the model file and its kind, the task, the feature columns in order, the classes (the columns of
/// <c>PredictProba</c>) and the outputs; when a feature pipeline travels with the model, its file and the raw
/// columns it reads; and when a data schema does, its file (the checks raw rows must pass before scoring). A serving
/// container checks a request against it before it touches the model.
/// <code>
/// {
///   "format": "workbench-signature", "format_version": 1,
///   "model_file": "model.wbm", "model_kind": "logistic_regression", "task": "classification",
///   "inputs": [ { "name": "mean_radius", "type": "float32" }, ... ],
///   "classes": [ "benign", "malignant" ], "class_labels_are_integers": false,
///   "outputs": [ { "name": "label", "type": "string" }, { "name": "probability:benign", "type": "float64" }, ... ],
///   "feature_pipeline_file": null, "pipeline_inputs": [], "schema_file": null
/// }
/// </code>
/// </summary>
public sealed record ModelSignature
{
    public const string FileName = "signature.json";
    public const string Format = "workbench-signature";
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    [JsonPropertyName("format")]
    public string FormatName { get; init; } = Format;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The model file beside the signature (<c>model.wbm</c>), in the documented model format.</summary>
    public required string ModelFile { get; init; }

    /// <summary>The model file's <c>kind</c>: <c>logistic_regression</c>, <c>mlp_classifier</c>, <c>ridge</c>, <c>module</c>, ...</summary>
    public required string ModelKind { get; init; }

    /// <summary><c>classification</c>, <c>regression</c> or <c>network</c> (a bare network's raw outputs).</summary>
    public required string Task { get; init; }

    /// <summary>The feature columns the model reads, in order (float32).</summary>
    public required IReadOnlyList<SignatureColumn> Inputs { get; init; }

    /// <summary>Classifiers: class names in sorted order, the columns of <c>PredictProba</c>.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    public bool ClassLabelsAreIntegers { get; init; }

    public required IReadOnlyList<SignatureColumn> Outputs { get; init; }

    /// <summary>The feature pipeline file that turns raw rows into <see cref="Inputs"/>, when one travels with the model.</summary>
    public string? FeaturePipelineFile { get; init; }

    /// <summary>The raw columns the feature pipeline reads (name and Workbench column type), when there is one.</summary>
    public IReadOnlyList<SignatureColumn> PipelineInputs { get; init; } = [];

    /// <summary>
    /// The data schema file (<c>Workbench.Features.Validation.DataSchema</c>) raw rows are validated against, when
    /// one travels with the model; absent from signatures written before it existed, which read as none.
    /// </summary>
    public string? SchemaFile { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a signature; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">Not a signature, a newer format version, or a missing field.</exception>
    public static ModelSignature FromJson(string json, string source)
    {
        ModelSignature? signature;
        try
        {
            signature = JsonSerializer.Deserialize<ModelSignature>(json, JsonOptions);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source}: not a model signature ({error.Message}).", error);
        }

        if (signature is null || signature.FormatName != Format)
        {
            throw new InvalidDataException($"{source}: 'format' is '{signature?.FormatName}', not '{Format}'.");
        }

        if (signature.FormatVersion != CurrentFormatVersion)
        {
            throw new InvalidDataException($"{source}: signature format version {signature.FormatVersion}; this Workbench reads version {CurrentFormatVersion}.");
        }

        if (signature.Inputs is null || signature.Outputs is null || signature.Classes is null || signature.PipelineInputs is null)
        {
            throw new InvalidDataException($"{source}: 'inputs', 'outputs', 'classes' and 'pipeline_inputs' must be lists.");
        }

        if (string.IsNullOrWhiteSpace(signature.ModelFile) || signature.ModelFile.Contains('/', StringComparison.Ordinal) || signature.ModelFile.Contains('\\', StringComparison.Ordinal) || signature.ModelFile.StartsWith('.'))
        {
            throw new InvalidDataException($"{source}: 'model_file' must name a file beside the signature, not '{signature.ModelFile}'.");
        }

        foreach (var (field, file) in new[] { ("feature_pipeline_file", signature.FeaturePipelineFile), ("schema_file", signature.SchemaFile) })
        {
            if (file is not null && (file.Length == 0 || file.Contains('/', StringComparison.Ordinal) || file.Contains('\\', StringComparison.Ordinal) || file.StartsWith('.')))
            {
                throw new InvalidDataException($"{source}: '{field}' must name a file beside the signature, not '{file}'.");
            }
        }

        return signature;
    }

    public override string ToString() =>
        $"{ModelKind} ({Task}): {Inputs.Count} inputs -> {(Classes.Count > 0 ? $"{Classes.Count} classes" : string.Join(", ", Outputs.Select(o => o.Name)))}"
        + (FeaturePipelineFile is null ? string.Empty : $", with feature pipeline over {PipelineInputs.Count} raw columns")
        + (SchemaFile is null ? string.Empty : ", with data schema");
}
