using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Registry;
using Workbench.Registry.Archive;

namespace Workbench.Serving.Models;

/// <summary>
/// Everything one served model needs, loaded once: the model, the fitted feature pipeline that travelled with it (so
/// requests are transformed exactly as in training), the data schema that guards it, and the request layout derived
/// from them. Loaded from SageMaker's <c>/opt/ml/model</c> folder, an exported <c>model.tar.gz</c>, or a registry
/// reference (<c>models:/name/3</c>, <c>models:/name@champion</c>).
/// <code>
/// using var bundle = ModelBundle.Load("models:/readmission@champion");
/// var predictions = bundle.Predict(frame);          // validated, transformed, predicted
/// </code>
/// </summary>
public sealed class ModelBundle : IDisposable
{
    private readonly string? _scratch;

    private ModelBundle(string source, string name, int? version, ModelFolder folder, string? scratch)
    {
        _scratch = scratch;
        Source = source;
        Name = name;
        Version = version;
        Folder = folder.Root;
        Metadata = folder.Metadata;
        Predictor = Predictor.Load(folder.ModelFile);
        Pipeline = folder.PipelineFile is { } pipelineFile ? FeaturePipeline.Load(pipelineFile) : null;
        if (Pipeline is not null)
        {
            // Requests run side by side; each one's transform stays on its own thread.
            Pipeline.MaxDegreeOfParallelism = 1;
            var names = Pipeline.GetFeatureNamesOut();
            if (!names.SequenceEqual(Predictor.FeatureNames, StringComparer.Ordinal) && !Predictor.FeatureNames.Select((n, i) => n == $"x{i}").All(b => b))
            {
                throw new InvalidDataException(
                    $"{source}: the feature pipeline produces {names.Count} features ({string.Join(", ", names.Take(5))}, …) but the model was fitted on {Predictor.FeatureNames.Count} ({string.Join(", ", Predictor.FeatureNames.Take(5))}, …); they were not trained together.");
            }
        }

        HasSchema = folder.SchemaFile is not null;
        var schema = folder.SchemaFile is { } schemaFile ? DataSchema.Load(schemaFile) : null;
        Environment = schema is null || schema.Environments.Contains(SchemaEnvironments.Serving) ? SchemaEnvironments.Serving : schema.Environments[0];
        Layout = RequestLayout.For(schema, Environment, Pipeline, Predictor);
        Schema = schema ?? ImpliedSchema(Layout, Pipeline is not null);
        Keys = new Protocol.ColumnKeys(Layout);
        NumericInput = Protocol.NumericInput.TryCreate(Layout, Keys, Schema, Environment, Pipeline, Predictor);
    }

    /// <summary>The reference it was loaded from.</summary>
    public string Source { get; }

    /// <summary>The registered model's name (from metadata.json), else the folder's name.</summary>
    public string Name { get; }

    /// <summary>The registered version, when the files carry one.</summary>
    public int? Version { get; }

    /// <summary>The folder the files were read from.</summary>
    public string Folder { get; }

    /// <summary>The archive manifest (model, run, datasets, files), when the folder has metadata.json.</summary>
    public ModelArchiveMetadata? Metadata { get; }

    public Predictor Predictor { get; }

    /// <summary>The fitted feature pipeline, or null when the model reads raw numeric columns.</summary>
    public FeaturePipeline? Pipeline { get; }

    /// <summary>The schema requests are checked against: the model's own, else one implied by the layout (types; no missing values without a pipeline).</summary>
    public DataSchema Schema { get; }

    /// <summary>Whether <see cref="Schema"/> came with the model (rather than being implied).</summary>
    public bool HasSchema { get; }

    /// <summary>The schema environment requests are checked in (<c>serving</c>).</summary>
    public string Environment { get; }

    /// <summary>The columns a request carries, in CSV order.</summary>
    public RequestLayout Layout { get; }

    /// <summary>The short way from a body of plain numbers (CSV or JSON rows) to the model's input, or null when this model's requests cannot take it.</summary>
    internal Protocol.NumericInput? NumericInput { get; }

    /// <summary>The request columns' names as JSON object keys, for the hand-scanned JSON ways.</summary>
    internal Protocol.ColumnKeys Keys { get; }

    /// <summary>"name v3" or the folder name.</summary>
    public string DisplayName => Version is { } v ? $"{Name} v{v}" : Name;

    /// <summary>Loads a model from a reference (see <see cref="ModelReference.Parse"/>).</summary>
    public static ModelBundle Load(string reference, ModelLoadOptions? options = null) => Load(ModelReference.Parse(reference), options);

    public static ModelBundle Load(ModelReference reference, ModelLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        options ??= new ModelLoadOptions();
        switch (reference)
        {
            case FolderModelReference folder:
            {
                var found = ModelFolder.Discover(folder.Path);
                return new ModelBundle(reference.Text, found.Metadata?.Model.Name ?? Path.GetFileName(found.Root.TrimEnd(Path.DirectorySeparatorChar)), found.Metadata?.Model.Version, found, null);
            }

            case ArchiveModelReference archive:
                return WithScratch(options, scratch =>
                {
                    ModelArchive.Extract(archive.Path, scratch);
                    var found = ModelFolder.Discover(scratch);
                    return new ModelBundle(reference.Text, found.Metadata!.Model.Name, found.Metadata.Model.Version, found, scratch);
                });

            case RegistryModelReference registered:
            {
                var registry = ModelRegistry.Open(options.WorkbenchHome, createIfMissing: false);
                var version = registered.IsAlias ? registry.GetVersionByAlias(registered.Name, registered.VersionOrAlias) : registry.ResolveVersion(registered.Name, registered.VersionOrAlias);
                return WithScratch(options, scratch =>
                {
                    registry.Download(version, scratch);
                    var found = ModelFolder.Discover(scratch);
                    return new ModelBundle(reference.Text, version.ModelName, version.Version, found, scratch);
                });
            }

            default:
                throw new ArgumentException($"Unknown model reference {reference}.", nameof(reference));
        }
    }

    /// <summary>Checks <paramref name="frame"/> against the schema; an empty list when every row is valid.</summary>
    public IReadOnlyList<RowError> Validate(Frame frame, int maxErrors = 1000) => Schema.CheckRows(frame, Environment, maxErrors);

    /// <summary>The feature pipeline's output for <paramref name="frame"/> and the model's predictions (no validation; see <see cref="Validate"/>).</summary>
    public Predictions Predict(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Pipeline is { } pipeline ? Predictor.Predict(pipeline.Transform(frame)) : Predictor.Predict(frame);
    }

    /// <summary>The model's predictions for rows read by <see cref="Protocol.RequestReader.ReadRows"/> (no validation beyond the reader's).</summary>
    public Predictions Predict(Protocol.RequestRows rows) => rows.Features is { } features ? Predictor.Predict(features) : Predict(rows.Frame!);

    public void Dispose()
    {
        if (_scratch is not null && Directory.Exists(_scratch))
        {
            try
            {
                Directory.Delete(_scratch, recursive: true);
            }
            catch (IOException)
            {
                // Another process may hold a file open; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    public override string ToString() => $"{DisplayName}: {Predictor}{(Pipeline is null ? string.Empty : $", feature pipeline over {Pipeline.InputColumns.Count} columns")}, {Layout.Count} request columns";

    private static ModelBundle WithScratch(ModelLoadOptions options, Func<string, ModelBundle> load)
    {
        var root = options.ScratchRoot ?? Path.Combine(Path.GetTempPath(), "workbench-serving");
        var scratch = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            return load(scratch);
        }
        catch
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }

            throw;
        }
    }

    // Without a schema: types are checked; with no pipeline to impute them, missing values are refused.
    private static DataSchema ImpliedSchema(RequestLayout layout, bool hasPipeline)
    {
        var schema = new DataSchema();
        foreach (var column in layout.Columns)
        {
            var added = schema.Add(column.Name, column.Type);
            if (hasPipeline)
            {
                added.AllowNulls();
            }
        }

        return schema;
    }
}
