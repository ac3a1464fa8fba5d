using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Learning.Estimators;
using Workbench.Learning.Persistence;

namespace Workbench.Learning.Experiments;

/// <summary>
/// A model read back from a logged model folder: a run's <c>model/</c> artifacts (<see cref="ModelLogging.LoadModel"/>),
/// a registered version downloaded with <c>ModelRegistry.Download</c>, or an exported <c>model.tar.gz</c> unpacked
/// as SageMaker's <c>/opt/ml/model</c>. The model file's checksums are verified and its signature is checked against it.
/// </summary>
public sealed class LoggedModel
{
    private LoggedModel(object model, ModelSignature signature, FeaturePipeline? features, DataSchema? schema, string source)
    {
        Model = model;
        Signature = signature;
        Features = features;
        Schema = schema;
        Source = source;
    }

    /// <summary>The estimator or network: LogisticRegression, MlpClassifier, LinearRegression, Ridge, MlpRegressor or Sequential.</summary>
    public object Model { get; }

    public ModelSignature Signature { get; }

    /// <summary>The fitted feature pipeline the model reads the output of, when one was logged with it.</summary>
    public FeaturePipeline? Features { get; }

    /// <summary>
    /// The data schema raw rows are checked against, when one was logged with the model:
    /// <c>model.Schema?.Validate(batch, SchemaEnvironments.Serving)</c> before <see cref="Predict(Frame)"/>.
    /// </summary>
    public DataSchema? Schema { get; }

    /// <summary>Where it was read from, for messages.</summary>
    public string Source { get; }

    /// <summary>The model as a classifier.</summary>
    /// <exception cref="InvalidOperationException">The model is not a classifier.</exception>
    public IClassifier Classifier => Model as IClassifier
        ?? throw new InvalidOperationException($"{Source} holds a {Signature.ModelKind} ({Signature.Task}), not a classifier.");

    /// <summary>The model as a regressor.</summary>
    /// <exception cref="InvalidOperationException">The model is not a regressor.</exception>
    public IRegressor Regressor => Model as IRegressor
        ?? throw new InvalidOperationException($"{Source} holds a {Signature.ModelKind} ({Signature.Task}), not a regressor.");

    /// <summary>The model as <typeparamref name="T"/> (for example <c>As&lt;MlpClassifier&gt;()</c>).</summary>
    public T As<T>()
        where T : class => Model as T ?? throw new InvalidOperationException($"{Source} holds a {Model.GetType().Name}, not a {typeof(T).Name}.");

    /// <summary>
    /// The feature matrix the model reads for raw rows: the logged feature pipeline's output, or, without one, the
    /// frame's columns named by the signature's inputs, in order.
    /// </summary>
    /// <exception cref="ArgumentException">The frame lacks a column the pipeline or the model needs.</exception>
    public DenseMatrix Prepare(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (Features is not null)
        {
            return Features.Transform(frame).ToDense();
        }

        var missing = Signature.Inputs.Select(c => c.Name).Where(name => !frame.Contains(name)).ToList();
        return missing.Count == 0
            ? frame.ToMatrix([.. Signature.Inputs.Select(c => c.Name)])
            : throw new ArgumentException($"{Source}: the frame lacks {missing.Count} of the model's {Signature.Inputs.Count} input columns: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : string.Empty)}.", nameof(frame));
    }

    /// <summary>Class labels for raw rows (through the feature pipeline when there is one).</summary>
    public string[] Predict(Frame frame) => Classifier.Predict(Prepare(frame));

    /// <summary>Class probabilities [rows, classes] for raw rows, columns in <see cref="ModelSignature.Classes"/> order.</summary>
    public double[,] PredictProba(Frame frame) => Classifier.PredictProba(Prepare(frame));

    /// <summary>Regression predictions for raw rows.</summary>
    public double[] PredictValues(Frame frame) => Regressor.Predict(Prepare(frame));

    /// <summary>
    /// Reads the model in <paramref name="folder"/>: the file <c>signature.json</c> names (and the feature pipeline it
    /// names, checked to produce the model's inputs), or, without a signature, the folder's only <c>.wbm</c> file (its
    /// signature is then derived from the file's header).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="FileNotFoundException">No model file where the signature says, or no model file at all.</exception>
    /// <exception cref="InvalidDataException">A corrupt model file or a signature that does not describe it.</exception>
    public static LoggedModel Load(string folder) => Load(folder, folder);

    internal static LoggedModel Load(string folder, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Cannot load a model from {folder}: the folder does not exist.");
        }

        var signaturePath = Path.Combine(folder, ModelSignature.FileName);
        string modelPath;
        ModelSignature? signature = null;
        if (File.Exists(signaturePath))
        {
            signature = ModelSignature.FromJson(File.ReadAllText(signaturePath), $"{source}: {ModelSignature.FileName}");
            modelPath = Path.Combine(folder, signature.ModelFile);
            if (!File.Exists(modelPath))
            {
                throw new FileNotFoundException($"{source}: {ModelSignature.FileName} names the model file '{signature.ModelFile}', which is not there.", modelPath);
            }
        }
        else
        {
            var candidates = Directory.GetFiles(folder, "*.wbm");
            modelPath = candidates.Length == 1
                ? candidates[0]
                : throw new FileNotFoundException(
                    $"{source}: no {ModelSignature.FileName}, and {candidates.Length} .wbm files ({string.Join(", ", candidates.Select(Path.GetFileName))}) where exactly one model file was expected.");
        }

        var info = ModelFile.Inspect(modelPath);
        if (signature is null)
        {
            signature = Signatures.Describe(info);
        }
        else
        {
            Signatures.Check(signature, info, $"{source}: {ModelSignature.FileName}", $"{source}: {Path.GetFileName(modelPath)}");
        }

        FeaturePipeline? features = null;
        if (signature.FeaturePipelineFile is { } pipelineFile)
        {
            var pipelinePath = Path.Combine(folder, pipelineFile);
            if (!File.Exists(pipelinePath))
            {
                throw new FileNotFoundException($"{source}: {ModelSignature.FileName} names the feature pipeline '{pipelineFile}', which is not there.", pipelinePath);
            }

            features = FeaturePipeline.Load(pipelinePath);
            try
            {
                Signatures.CheckPipeline(features.GetFeatureNamesOut(), signature.Inputs.Select(c => c.Name).ToList(), $"{source}: {pipelineFile}", "the model");
            }
            catch (ArgumentException error)
            {
                throw new InvalidDataException(error.Message, error);
            }
        }

        DataSchema? schema = null;
        if (signature.SchemaFile is { } schemaFile)
        {
            var schemaPath = Path.Combine(folder, schemaFile);
            schema = File.Exists(schemaPath)
                ? DataSchema.Load(schemaPath)
                : throw new FileNotFoundException($"{source}: {ModelSignature.FileName} names the data schema '{schemaFile}', which is not there.", schemaPath);
        }

        return new LoggedModel(ModelFile.Load(modelPath), signature, features, schema, source);
    }

    public override string ToString() => $"{Model.GetType().Name} from {Source}: {Signature}";
}
