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
    private LoggedModel(object model, ModelSignature signature, string source)
    {
        Model = model;
        Signature = signature;
        Source = source;
    }

    /// <summary>The estimator or network: LogisticRegression, MlpClassifier, LinearRegression, Ridge, MlpRegressor or Sequential.</summary>
    public object Model { get; }

    public ModelSignature Signature { get; }

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
    /// Reads the model in <paramref name="folder"/>: the file <c>signature.json</c> names, or, without a signature,
    /// the folder's only <c>.wbm</c> file (its signature is then derived from the file's header).
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

        return new LoggedModel(ModelFile.Load(modelPath), signature, source);
    }

    public override string ToString() => $"{Model.GetType().Name} from {Source}: {Signature}";
}
