using System.Globalization;
using System.Text.Json.Nodes;
using Workbench.Learning.Devices;
using Workbench.Learning.Estimators;
using Workbench.Learning.Layers;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Persistence;

/// <summary>
/// Saves and loads models in the documented Workbench model format (docs/model-format.md). Writes are atomic;
/// loads verify every SHA-256, refuse unknown format versions and rebuild only a closed set of model kinds and
/// layer types — nothing in a file can make the loader run code.
/// </summary>
public static class ModelFile
{
    public static void Save(LogisticRegression model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var archive = Classifier(ModelKinds.LogisticRegression, model.ClassLabels, model.FeatureNames);
        archive.Header["hyperparameters"] = new JsonObject
        {
            ["C"] = model.C,
            ["fit_intercept"] = model.FitIntercept,
            ["max_iter"] = model.MaxIterations,
            ["tol"] = model.Tolerance,
            ["balanced_class_weights"] = model.BalancedClassWeights,
        };
        archive.Add("coef", Flatten(model.Coefficients), [model.Coefficients.GetLength(0), model.Coefficients.GetLength(1)]);
        archive.Add("intercept", model.Intercept, [model.Intercept.Length]);
        archive.Save(path);
    }

    public static void Save(LinearRegression model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        SaveLinear(ModelKinds.LinearRegression, model.FeatureNames, model.Coefficients, model.Intercept, new JsonObject { ["fit_intercept"] = model.FitIntercept }, path);
    }

    public static void Save(Ridge model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        SaveLinear(ModelKinds.Ridge, model.FeatureNames, model.Coefficients, model.Intercept, new JsonObject { ["alpha"] = model.Alpha, ["fit_intercept"] = model.FitIntercept }, path);
    }

    public static void Save(MlpClassifier model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var archive = Classifier(ModelKinds.MlpClassifier, model.ClassLabels, model.FeatureNames);
        var hyper = MlpHyperparameters(model);
        hyper["label_smoothing"] = model.LabelSmoothing;
        hyper["balanced_class_weights"] = model.BalancedClassWeights;
        archive.Header["hyperparameters"] = hyper;
        archive.Header["output"] = "softmax over classes";
        AddNetwork(archive, model.Network);
        archive.Save(path);
    }

    public static void Save(MlpRegressor model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var archive = new ModelArchive(ModelKinds.MlpRegressor);
        archive.Header["feature_names"] = Strings(model.FeatureNames);
        var hyper = MlpHyperparameters(model);
        hyper["huber_delta"] = model.HuberDelta;
        archive.Header["hyperparameters"] = hyper;
        archive.Header["output"] = "identity";
        AddNetwork(archive, model.Network);
        archive.Save(path);
    }

    /// <summary>Saves a bare network built from Workbench layers (architecture + weights + buffers).</summary>
    public static void Save(Sequential network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        var archive = new ModelArchive(ModelKinds.Module);
        AddNetwork(archive, network);
        archive.Save(path);
    }

    /// <summary>Loads whatever the file holds: a LogisticRegression, LinearRegression, Ridge, MlpClassifier, MlpRegressor or Sequential.</summary>
    public static object Load(string path, Device? device = null)
    {
        var archive = ModelArchive.Load(path);
        var header = archive.Header;
        var target = device ?? Device.Default;
        try
        {
            switch (archive.Kind)
            {
                case ModelKinds.LogisticRegression:
                {
                    var hyper = Hyper(header);
                    var model = new LogisticRegression
                    {
                        C = hyper["C"]!.GetValue<double>(),
                        FitIntercept = hyper["fit_intercept"]!.GetValue<bool>(),
                        MaxIterations = hyper["max_iter"]!.GetValue<int>(),
                        Tolerance = hyper["tol"]!.GetValue<double>(),
                        BalancedClassWeights = hyper["balanced_class_weights"]!.GetValue<bool>(),
                    };
                    var coefficients = archive.Float64("coef", out var shape);
                    var intercept = archive.Float64("intercept", out _);
                    var features = Names(header, "feature_names");
                    RequireShape(shape.Length == 2 && shape[1] == features.Count && shape[0] == intercept.Length, path, "coef");
                    model.Restore(Classes(header), features, Unflatten(coefficients, shape[0], shape[1]), intercept);
                    return model;
                }

                case ModelKinds.LinearRegression:
                {
                    var (features, coefficients, intercept) = Linear(archive, path);
                    var model = new LinearRegression { FitIntercept = Hyper(header)["fit_intercept"]!.GetValue<bool>() };
                    model.Restore(features, coefficients, intercept);
                    return model;
                }

                case ModelKinds.Ridge:
                {
                    var (features, coefficients, intercept) = Linear(archive, path);
                    var hyper = Hyper(header);
                    var model = new Ridge { Alpha = hyper["alpha"]!.GetValue<double>(), FitIntercept = hyper["fit_intercept"]!.GetValue<bool>() };
                    model.Restore(features, coefficients, intercept);
                    return model;
                }

                case ModelKinds.MlpClassifier:
                {
                    var model = new MlpClassifier();
                    ApplyMlp(model, Hyper(header));
                    model.LabelSmoothing = (float)Hyper(header)["label_smoothing"]!.GetValue<double>();
                    model.BalancedClassWeights = Hyper(header)["balanced_class_weights"]!.GetValue<bool>();
                    model.Restore(Network(archive, target, path), Names(header, "feature_names"));
                    model.Restore(Classes(header));
                    return model;
                }

                case ModelKinds.MlpRegressor:
                {
                    var model = new MlpRegressor();
                    ApplyMlp(model, Hyper(header));
                    model.HuberDelta = Hyper(header)["huber_delta"] is JsonValue delta ? (float)delta.GetValue<double>() : null;
                    model.Restore(Network(archive, target, path), Names(header, "feature_names"));
                    return model;
                }

                case ModelKinds.Module:
                    return Network(archive, target, path);

                default:
                    throw new InvalidDataException($"{path} holds a {archive.Kind}; load checkpoints through Trainer.Fit(resumeFrom: …).");
            }
        }
        catch (Exception error) when (error is NullReferenceException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{path}: the {archive.Kind} header is missing or has a malformed field ({error.Message}).", error);
        }
    }

    public static T Load<T>(string path, Device? device = null)
        where T : class
    {
        var model = Load(path, device);
        return model as T ?? throw new InvalidDataException($"{path} holds a {model.GetType().Name}, not a {typeof(T).Name}.");
    }

    /// <summary>Reads the header (kind, hyper-parameters, classes, features, tensor table) without loading the tensors.</summary>
    public static ModelFileInfo Inspect(string path)
    {
        var archive = ModelArchive.Load(path, tensors: false);
        var header = archive.Header;
        return new ModelFileInfo(
            ModelFormat.Version,
            archive.Kind,
            header["library_version"]?.GetValue<string>() ?? "unknown",
            DateTimeOffset.Parse(header["created_utc"]?.GetValue<string>() ?? "1970-01-01T00:00:00Z", CultureInfo.InvariantCulture),
            header["hyperparameters"]?.DeepClone().AsObject() ?? [],
            header["classes"] is JsonArray ? Names(header, "classes") : [],
            header["feature_names"] is JsonArray ? Names(header, "feature_names") : [],
            archive.Entries.ToArray(),
            (JsonObject)header.DeepClone());
    }

    private static ModelArchive Classifier(string kind, ClassLabels classes, IReadOnlyList<string> features)
    {
        var archive = new ModelArchive(kind);
        archive.Header["classes"] = Strings(classes.Names);
        archive.Header["class_labels_are_integers"] = classes.Integers is not null;
        archive.Header["feature_names"] = Strings(features);
        return archive;
    }

    private static void SaveLinear(string kind, IReadOnlyList<string> features, double[] coefficients, double intercept, JsonObject hyper, string path)
    {
        var archive = new ModelArchive(kind);
        archive.Header["feature_names"] = Strings(features);
        archive.Header["hyperparameters"] = hyper;
        archive.Add("coef", coefficients, [coefficients.Length]);
        archive.Add("intercept", [intercept], [1]);
        archive.Save(path);
    }

    private static (IReadOnlyList<string> Features, double[] Coefficients, double Intercept) Linear(ModelArchive archive, string path)
    {
        var features = Names(archive.Header, "feature_names");
        var coefficients = archive.Float64("coef", out var shape);
        var intercept = archive.Float64("intercept", out var interceptShape);
        RequireShape(shape.Length == 1 && shape[0] == features.Count && interceptShape.SequenceEqual([1]), path, "coef");
        return (features, coefficients, intercept[0]);
    }

    private static void AddNetwork(ModelArchive archive, Sequential network)
    {
        archive.Header["architecture"] = ArchitectureCodec.Describe(network);
        foreach (var (name, tensor) in network.StateDictionary())
        {
            archive.Add(name, tensor.ToArray(), [.. tensor.Shape]);
        }
    }

    private static Sequential Network(ModelArchive archive, Device device, string path)
    {
        if (ArchitectureCodec.Build(archive.Header["architecture"], device) is not Sequential network)
        {
            throw new InvalidDataException($"{path}: the architecture's top level must be a sequential network.");
        }

        var state = archive.Entries.ToDictionary(e => e.Name, e => Tensor.FromArray(device, archive.Float32(e.Name, out var shape), shape), StringComparer.Ordinal);
        network.LoadStateDictionary(state);
        network.Eval();
        return network;
    }

    private static JsonObject MlpHyperparameters(MlpEstimator model) => new()
    {
        ["hidden_layer_sizes"] = new JsonArray(model.HiddenLayerSizes.Select(s => (JsonNode)s).ToArray()),
        ["activation"] = model.Activation.ToString().ToLowerInvariant(),
        ["alpha"] = model.Alpha,
        ["batch_size"] = model.BatchSize,
        ["learning_rate"] = model.LearningRate,
        ["solver"] = model.Solver.ToString().ToLowerInvariant(),
        ["max_epochs"] = model.MaxEpochs,
        ["tol"] = model.Tolerance,
        ["n_iter_no_change"] = model.NoImprovementEpochs,
        ["early_stopping"] = model.EarlyStopping,
        ["validation_fraction"] = model.ValidationFraction,
        ["dropout"] = model.Dropout,
        ["normalization"] = model.Normalization.ToString().ToLowerInvariant(),
        ["random_state"] = model.RandomState.ToString(CultureInfo.InvariantCulture),
    };

    private static void ApplyMlp(MlpEstimator model, JsonObject hyper)
    {
        model.HiddenLayerSizes = hyper["hidden_layer_sizes"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        model.Activation = Enum.Parse<MlpActivation>(hyper["activation"]!.GetValue<string>(), ignoreCase: true);
        model.Alpha = hyper["alpha"]!.GetValue<double>();
        model.BatchSize = hyper["batch_size"]!.GetValue<int>();
        model.LearningRate = hyper["learning_rate"]!.GetValue<double>();
        model.Solver = Enum.Parse<MlpSolver>(hyper["solver"]!.GetValue<string>(), ignoreCase: true);
        model.MaxEpochs = hyper["max_epochs"]!.GetValue<int>();
        model.Tolerance = hyper["tol"]!.GetValue<double>();
        model.NoImprovementEpochs = hyper["n_iter_no_change"]!.GetValue<int>();
        model.EarlyStopping = hyper["early_stopping"]!.GetValue<bool>();
        model.ValidationFraction = hyper["validation_fraction"]!.GetValue<double>();
        model.Dropout = hyper["dropout"]!.GetValue<double>();
        model.Normalization = Enum.Parse<MlpNormalization>(hyper["normalization"]!.GetValue<string>(), ignoreCase: true);
        model.RandomState = ulong.Parse(hyper["random_state"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    private static ClassLabels Classes(JsonObject header) => ClassLabels.Restore(Names(header, "classes"), header["class_labels_are_integers"]!.GetValue<bool>());

    private static JsonObject Hyper(JsonObject header) => header["hyperparameters"]?.AsObject() ?? throw new InvalidDataException("The header has no hyperparameters.");

    private static IReadOnlyList<string> Names(JsonObject header, string field) =>
        (header[field] as JsonArray ?? throw new InvalidDataException($"The header has no '{field}' list.")).Select(v => v!.GetValue<string>()).ToArray();

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static void RequireShape(bool ok, string path, string tensor)
    {
        if (!ok)
        {
            throw new InvalidDataException($"{path}: tensor '{tensor}' does not match the header's classes or features.");
        }
    }

    private static double[] Flatten(double[,] values) => values.Cast<double>().ToArray();

    private static double[,] Unflatten(double[] values, int rows, int columns)
    {
        var result = new double[rows, columns];
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
        return result;
    }
}
