using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Features;
using Workbench.Learning.Estimators;
using Workbench.Learning.Layers;
using Workbench.Learning.Persistence;
using Workbench.Learning.Tensors;

namespace Workbench.Serving.Models;

/// <summary>
/// A loaded Workbench model file behind one calling convention: a feature matrix in, <see cref="Predictions"/> out.
/// Logistic and linear models are pure functions of their weights and run concurrently; MLPs and bare networks keep
/// per-call state in their layers, so the server runs one batch at a time through them (<see cref="IsThreadSafe"/>).
/// </summary>
public sealed class Predictor
{
    private readonly object _model;
    private System.Text.Json.JsonEncodedText[]? _jsonClasses;
    private byte[][]? _jsonLabelValues;
    private int? _jsonLabelLongest;
    private (Workbench.Data.Io.NpyDtype Type, byte[][] Values)? _npyLabels;

    private Predictor(object model, string kind, PredictionTask task, IReadOnlyList<string> classes, IReadOnlyList<long>? integerLabels, IReadOnlyList<string> featureNames, bool threadSafe, int outputWidth)
    {
        _model = model;
        Kind = kind;
        Task = task;
        Classes = classes;
        IntegerLabels = integerLabels;
        FeatureNames = featureNames;
        IsThreadSafe = threadSafe;
        OutputWidth = outputWidth;
    }

    /// <summary>The model file's kind (<c>logistic_regression</c>, <c>mlp_classifier</c>, <c>ridge</c>, <c>module</c>, …).</summary>
    public string Kind { get; }

    public PredictionTask Task { get; }

    /// <summary>Classification: class names, sorted as at fit time (the probability columns).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Classification on integer labels: the label of each class, so answers are numbers rather than text.</summary>
    public IReadOnlyList<long>? IntegerLabels { get; }

    /// <summary>Classification: each class name escaped for JSON once, so answers copy bytes instead of escaping per row.</summary>
    internal System.Text.Json.JsonEncodedText[] JsonClasses => _jsonClasses ??=
        Classes.Select(c => System.Text.Json.JsonEncodedText.Encode(c, Protocol.JsonText.Options.Encoder)).ToArray();

    /// <summary>Classification: each label as a JSON value (a quoted escaped string, or the integer), UTF-8.</summary>
    internal byte[][] JsonLabelValues => _jsonLabelValues ??= Enumerable.Range(0, Classes.Count)
        .Select(c => IntegerLabels is { } integers
            ? System.Text.Encoding.UTF8.GetBytes(integers[c].ToString(System.Globalization.CultureInfo.InvariantCulture))
            : [(byte)'"', .. JsonClasses[c].EncodedUtf8Bytes, (byte)'"'])
        .ToArray();

    /// <summary>The longest of <see cref="JsonLabelValues"/>, in bytes (sizes an answer's buffer once per request).</summary>
    internal int JsonLabelLongest => _jsonLabelLongest ??= JsonLabelValues.Max(l => l.Length);

    /// <summary>
    /// Classification: each label as an <c>.npy</c> element, and their type: int64 for integer labels, else text as
    /// wide as the longest label.
    /// </summary>
    internal (Workbench.Data.Io.NpyDtype Type, byte[][] Values) NpyLabels => _npyLabels ??= EncodeNpyLabels();

    /// <summary>The feature columns the model reads, in order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Whether calls may overlap (see the class remarks).</summary>
    public bool IsThreadSafe { get; }

    /// <summary>Network: the width of the output vector.</summary>
    public int OutputWidth { get; }

    /// <summary>The estimator or network itself.</summary>
    public object Model => _model;

    /// <summary>Loads a model file (checksums verified, no code run); checkpoints are refused.</summary>
    /// <exception cref="InvalidDataException">Not a servable model file.</exception>
    public static Predictor Load(string path)
    {
        var info = ModelFile.Inspect(path);
        if (info.Kind == ModelKinds.Checkpoint)
        {
            throw new InvalidDataException($"{path} is a training checkpoint; serve the model saved after training (ModelFile.Save / run.LogModel), not a checkpoint.");
        }

        var model = ModelFile.Load(path);
        var integers = info.Header["class_labels_are_integers"] is JsonValue flag && flag.GetValue<bool>();
        IReadOnlyList<long>? integerLabels = integers ? info.Classes.Select(c => long.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : null;
        return model switch
        {
            LogisticRegression logistic => new Predictor(model, info.Kind, PredictionTask.Classification, logistic.Classes, integerLabels, logistic.FeatureNames, threadSafe: true, 0),
            MlpClassifier mlp => new Predictor(model, info.Kind, PredictionTask.Classification, mlp.Classes, integerLabels, mlp.FeatureNames, threadSafe: false, 0),
            LinearRegression or Ridge => new Predictor(model, info.Kind, PredictionTask.Regression, [], null, ((IRegressor)model).FeatureNames, threadSafe: true, 0),
            MlpRegressor regressor => new Predictor(model, info.Kind, PredictionTask.Regression, [], null, regressor.FeatureNames, threadSafe: false, 0),
            Sequential network => NetworkPredictor(network, info),
            _ => throw new InvalidDataException($"{path} holds a {model.GetType().Name}, which the server cannot serve."),
        };
    }

    /// <summary>Runs the model on <paramref name="features"/> (the feature pipeline's output).</summary>
    public Predictions Predict(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Predict(features.Dense, features.Sparse);
    }

    /// <summary>Runs the model on a frame holding its numeric feature columns (a model served without a feature pipeline).</summary>
    public Predictions Predict(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Predict(frame.ToMatrix([.. FeatureNames], MissingValuePolicy.Throw), null);
    }

    private Predictions Predict(DenseMatrix? dense, SparseMatrix? sparse)
    {
        var rows = dense?.Rows ?? sparse!.Rows;
        switch (_model)
        {
            case LogisticRegression logistic when sparse is null:
            {
                var probabilities = new double[rows * Classes.Count];
                logistic.PredictProba(dense!, probabilities);
                return Classified(rows, probabilities);
            }

            case LogisticRegression logistic:
                return Classified(rows, Flatten(logistic.PredictProba(sparse!)));
            case MlpClassifier mlp:
                return Classified(rows, Flatten(sparse is not null ? mlp.PredictProba(sparse) : mlp.PredictProba(dense!)));
            case IRegressor regressor:
                return new Predictions(this, rows, null, null, regressor.Predict(dense ?? sparse!.ToDense()), null, 0);
            case Sequential network:
            {
                var output = sparse is not null ? network.ForwardSparse(sparse) : network.Forward(Tensor.FromMatrix(dense!, network.Device));
                var values = output.ToArray();
                var width = rows == 0 ? OutputWidth : values.Length / rows;
                return new Predictions(this, rows, null, null, null, values, width);
            }

            default:
                throw new InvalidOperationException($"Unexpected model type {_model.GetType().Name}.");
        }
    }

    public override string ToString() => Task switch
    {
        PredictionTask.Classification => $"{Kind}: {FeatureNames.Count} features -> {Classes.Count} classes ({string.Join(", ", Classes.Take(5))}{(Classes.Count > 5 ? ", …" : string.Empty)})",
        PredictionTask.Regression => $"{Kind}: {FeatureNames.Count} features -> a number",
        _ => $"{Kind}: {FeatureNames.Count} inputs -> {OutputWidth} outputs",
    };

    private static Predictor NetworkPredictor(Sequential network, ModelFileInfo info)
    {
        var inputs = network.Layers.Count > 0 && network.Layers[0] is Linear first ? first.InFeatures : 0;
        var outputs = network.Layers.OfType<Linear>().LastOrDefault()?.OutFeatures ?? 0;
        var names = info.FeatureNames.Count > 0
            ? info.FeatureNames
            : Enumerable.Range(0, inputs).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"x{i}")).ToArray();
        return new Predictor(network, info.Kind, PredictionTask.Network, [], null, names, threadSafe: false, outputs);
    }

    private static double[] Flatten(double[,] probabilities) => Classifier.Flat(probabilities).ToArray();

    /// <summary>The answer for <paramref name="probabilities"/> ([rows, classes] row-major): each row's most likely class.</summary>
    private Predictions Classified(int rows, double[] probabilities)
    {
        var classes = Classes.Count;
        var ids = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var best = 0;
            var offset = r * classes;
            for (var c = 1; c < classes; c++)
            {
                if (probabilities[offset + c] > probabilities[offset + best])
                {
                    best = c;
                }
            }

            ids[r] = best;
        }

        return new Predictions(this, rows, ids, probabilities, null, null, 0);
    }

    private (Workbench.Data.Io.NpyDtype Type, byte[][] Values) EncodeNpyLabels()
    {
        if (IntegerLabels is { } integers)
        {
            return (Workbench.Data.Io.NpyDtype.Int64, integers.Select(i =>
            {
                var bytes = new byte[8];
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes, i);
                return bytes;
            }).ToArray());
        }

        var text = Workbench.Data.Io.NpyDtype.Unicode(Classes.Max(Workbench.Data.Io.NpyWriter.UnicodeLength));
        return (text, Classes.Select(c =>
        {
            var bytes = new byte[text.ItemSize];
            Workbench.Data.Io.NpyWriter.WriteUnicode(bytes, c);
            return bytes;
        }).ToArray());
    }
}
