using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Learning.Estimators;
using Workbench.Learning.Layers;
using Workbench.Learning.Persistence;
using Workbench.Tracking;

namespace Workbench.Learning.Experiments;

/// <summary>What <see cref="ModelLogging.LogModel(ActiveRun, IClassifier, string, DataSchema)"/> stored in the run.</summary>
public sealed record LoggedModelArtifacts(string ArtifactPath, ArtifactEntry Model, ArtifactEntry SignatureFile, ArtifactEntry? FeaturePipelineFile, ModelSignature Signature)
{
    /// <summary>The data schema file, when one was logged with the model.</summary>
    public ArtifactEntry? SchemaFile { get; init; }

    public override string ToString() => $"{ArtifactPath}/: {Signature} (model sha256 {Model.Sha256[..12]}…)";
}

/// <summary>
/// Logs fitted estimators as a run's model, the way <c>mlflow.sklearn.log_model</c> does: the model in the documented
/// Workbench format (<c>&lt;path&gt;/model.wbm</c>, docs/model-format.md), its signature
/// (<c>&lt;path&gt;/signature.json</c>: feature names, classes, outputs) and, when the model reads a feature pipeline's
/// output, the fitted pipeline (<c>&lt;path&gt;/feature-pipeline.json</c>), so that raw rows can be scored with exactly
/// the transforms the model was trained behind, and, when given, the <see cref="DataSchema"/> raw rows must satisfy
/// (<c>&lt;path&gt;/schema.json</c>; the registry files it with the role <c>schema</c>, and a served model validates
/// requests against it). <c>ModelRegistry.RegisterModel(name, runId)</c>
/// then makes a version of exactly these files, and <see cref="LoadModel"/> / <see cref="LoggedModel.Load(string)"/> read
/// them back. One model per run is the usual shape (a sweep logs each model in its own child run); a run holding
/// several models gives each its own <c>artifactPath</c> and registers each by that path.
/// </summary>
public static class ModelLogging
{
    public const string DefaultArtifactPath = "model";
    public const string ModelFileName = "model.wbm";
    public const string FeaturePipelineFileName = "feature-pipeline.json";
    public const string SchemaFileName = "schema.json";

    /// <summary>
    /// Logs a fitted classifier (LogisticRegression, MlpClassifier) under <paramref name="artifactPath"/>, with the
    /// data schema of its input rows when given.
    /// </summary>
    /// <exception cref="ArgumentException">The schema lacks a column the model reads.</exception>
    public static LoggedModelArtifacts LogModel(this ActiveRun run, IClassifier model, string artifactPath = DefaultArtifactPath, DataSchema? schema = null) =>
        Log(run, model, artifactPath, schema: schema);

    /// <summary>Logs a fitted regressor (LinearRegression, Ridge, MlpRegressor) under <paramref name="artifactPath"/>, with the data schema of its input rows when given.</summary>
    /// <exception cref="ArgumentException">The schema lacks a column the model reads.</exception>
    public static LoggedModelArtifacts LogModel(this ActiveRun run, IRegressor model, string artifactPath = DefaultArtifactPath, DataSchema? schema = null) =>
        Log(run, model, artifactPath, schema: schema);

    /// <summary>Logs a network built from Workbench layers (architecture and weights) under <paramref name="artifactPath"/>.</summary>
    public static LoggedModelArtifacts LogModel(this ActiveRun run, Sequential network, string artifactPath = DefaultArtifactPath) =>
        Log(run, network, artifactPath);

    /// <summary>
    /// Logs a classifier together with the fitted feature pipeline whose output it was trained on (the pipeline's
    /// output columns must be the model's feature columns, in order) and, when given, the data schema of the raw rows
    /// the pipeline reads (<c>DataSchema.Infer(train, new SchemaInferenceOptions { Label = ... })</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The pipeline's output is not what the model reads, or the schema lacks a column the pipeline reads.</exception>
    public static LoggedModelArtifacts LogModel(this ActiveRun run, IClassifier model, FeaturePipeline features, string artifactPath = DefaultArtifactPath, DataSchema? schema = null) =>
        Log(run, model, artifactPath, features ?? throw new ArgumentNullException(nameof(features)), schema);

    /// <summary>Logs a regressor together with the fitted feature pipeline whose output it was trained on and, when given, the raw rows' data schema.</summary>
    /// <exception cref="ArgumentException">The pipeline's output is not what the model reads, or the schema lacks a column the pipeline reads.</exception>
    public static LoggedModelArtifacts LogModel(this ActiveRun run, IRegressor model, FeaturePipeline features, string artifactPath = DefaultArtifactPath, DataSchema? schema = null) =>
        Log(run, model, artifactPath, features ?? throw new ArgumentNullException(nameof(features)), schema);

    /// <summary>
    /// Reads back the model a run logged under <paramref name="artifactPath"/>: every file is verified against its
    /// sha256 while it is copied, the model file's own checksums on load, and the signature against the model.
    /// </summary>
    /// <exception cref="ArtifactNotFoundException">The run logged nothing under that path.</exception>
    public static LoggedModel LoadModel(this Tracker tracker, string runId, string artifactPath = DefaultArtifactPath)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var path = KeyRules.ValidateArtifactPath(artifactPath.TrimEnd('/'));
        var folder = ScratchFolder.Create();
        try
        {
            tracker.DownloadArtifacts(runId, folder, path);
            return LoggedModel.Load(Path.Combine(folder, path.Replace('/', Path.DirectorySeparatorChar)), $"run {runId}, artifact {path}/");
        }
        finally
        {
            ScratchFolder.Delete(folder);
        }
    }

    private static LoggedModelArtifacts Log(ActiveRun run, object model, string artifactPath, FeaturePipeline? features = null, DataSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(model);
        var path = KeyRules.ValidateArtifactPath(artifactPath?.TrimEnd('/'));
        var folder = ScratchFolder.Create();
        try
        {
            var modelFile = Path.Combine(folder, ModelFileName);
            Save(model, modelFile);
            var signature = Signatures.Describe(ModelFile.Inspect(modelFile), model);
            string? pipelineFile = null;
            if (features is not null)
            {
                Signatures.CheckPipeline(features.GetFeatureNamesOut(), signature.Inputs.Select(c => c.Name).ToList(), "the feature pipeline", $"the {signature.ModelKind}");
                pipelineFile = Path.Combine(folder, FeaturePipelineFileName);
                features.Save(pipelineFile);
                signature = signature with
                {
                    FeaturePipelineFile = FeaturePipelineFileName,
                    PipelineInputs = features.InputColumns.Select(c => new SignatureColumn(c.Name, c.Type.DisplayName())).ToList(),
                };
            }

            string? schemaFile = null;
            if (schema is not null)
            {
                // The schema describes raw rows: the pipeline's inputs when there is one, else the model's own inputs.
                var raw = features is not null ? features.InputColumns.Select(c => c.Name).ToList() : signature.Inputs.Select(c => c.Name).ToList();
                var missing = raw.Where(name => !schema.Contains(name)).ToList();
                if (missing.Count > 0)
                {
                    throw new ArgumentException(
                        $"The data schema lacks {missing.Count} of the {raw.Count} columns the {(features is null ? signature.ModelKind : "feature pipeline")} reads: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : string.Empty)}.", nameof(schema));
                }

                schemaFile = Path.Combine(folder, SchemaFileName);
                schema.Save(schemaFile);
                signature = signature with { SchemaFile = SchemaFileName };
            }

            // The model file goes in last: until it is there, the folder is not a model the registry would take.
            var schemaEntry = schemaFile is null ? null : run.LogArtifact(schemaFile, $"{path}/{SchemaFileName}", ArtifactKind.Schema);
            var pipelineEntry = pipelineFile is null ? null : run.LogArtifact(pipelineFile, $"{path}/{FeaturePipelineFileName}", ArtifactKind.FeaturePipeline);
            var signatureEntry = run.LogText(signature.ToJson(), $"{path}/{ModelSignature.FileName}", ArtifactKind.Signature);
            var modelEntry = run.LogArtifact(modelFile, $"{path}/{ModelFileName}", ArtifactKind.Model);
            return new LoggedModelArtifacts(path, modelEntry, signatureEntry, pipelineEntry, signature) { SchemaFile = schemaEntry };
        }
        finally
        {
            ScratchFolder.Delete(folder);
        }
    }

    private static void Save(object model, string path)
    {
        switch (model)
        {
            case LogisticRegression logistic:
                ModelFile.Save(logistic, path);
                break;
            case MlpClassifier classifier:
                ModelFile.Save(classifier, path);
                break;
            case LinearRegression linear:
                ModelFile.Save(linear, path);
                break;
            case Ridge ridge:
                ModelFile.Save(ridge, path);
                break;
            case MlpRegressor regressor:
                ModelFile.Save(regressor, path);
                break;
            case Sequential network:
                ModelFile.Save(network, path);
                break;
            default:
                throw new NotSupportedException(
                    $"{model.GetType().Name} has no Workbench model format; LogModel takes LogisticRegression, MlpClassifier, LinearRegression, Ridge, MlpRegressor or a Sequential network. Save other models yourself and log the file with run.LogModel(path).");
        }
    }
}
