using System.Globalization;
using System.Text.Json.Nodes;
using Workbench.Learning.Layers;
using Workbench.Learning.Persistence;

namespace Workbench.Learning.Experiments;

/// <summary>Builds a model's signature from its saved file's header, and checks a signature against a loaded model.</summary>
internal static class Signatures
{
    public const string Float32 = "float32";
    public const string Float64 = "float64";

    public static ModelSignature Describe(ModelFileInfo info, object? model = null)
    {
        var task = TaskOf(info.Kind);
        var integers = info.Header["class_labels_are_integers"] is JsonValue flag && flag.GetValue<bool>();
        var inputs = info.FeatureNames.Count > 0 || model is not Sequential network
            ? info.FeatureNames.Select(name => new SignatureColumn(name, Float32)).ToList()
            : Enumerable.Range(0, InputWidth(network)).Select(i => new SignatureColumn(string.Create(CultureInfo.InvariantCulture, $"x{i}"), Float32)).ToList();
        var outputs = task switch
        {
            "classification" => [new SignatureColumn("label", integers ? "int64" : "string"), .. info.Classes.Select(c => new SignatureColumn($"probability:{c}", Float64))],
            "regression" => [new SignatureColumn("prediction", Float64)],
            _ => new List<SignatureColumn> { new("output", Float32 + "[]") },
        };
        return new ModelSignature
        {
            ModelFile = ModelLogging.ModelFileName,
            ModelKind = info.Kind,
            Task = task,
            Inputs = inputs,
            Classes = info.Classes.ToArray(),
            ClassLabelsAreIntegers = integers,
            Outputs = outputs,
        };
    }

    /// <summary>Fails when the signature does not describe the model file beside it (edited, or copied from another model).</summary>
    public static void Check(ModelSignature signature, ModelFileInfo info, string signaturePath, string modelPath)
    {
        var actual = Describe(info);
        if (signature.ModelKind != info.Kind)
        {
            throw new InvalidDataException($"{signaturePath} describes a {signature.ModelKind}, but {modelPath} holds a {info.Kind}.");
        }

        if (info.FeatureNames.Count > 0 && !signature.Inputs.Select(c => c.Name).SequenceEqual(actual.Inputs.Select(c => c.Name), StringComparer.Ordinal))
        {
            throw new InvalidDataException(
                $"{signaturePath} lists {signature.Inputs.Count} inputs ({Preview(signature.Inputs.Select(c => c.Name))}), but {modelPath} was fitted on {info.FeatureNames.Count} ({Preview(info.FeatureNames)}).");
        }

        if (!signature.Classes.SequenceEqual(info.Classes, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"{signaturePath} lists classes [{Preview(signature.Classes)}], but {modelPath} has [{Preview(info.Classes)}].");
        }
    }

    /// <summary>Fails unless <paramref name="produced"/> (a pipeline's output) is exactly <paramref name="expected"/> (what the model reads).</summary>
    public static void CheckPipeline(IReadOnlyList<string> produced, IReadOnlyList<string> expected, string producer, string consumer)
    {
        if (produced.SequenceEqual(expected, StringComparer.Ordinal))
        {
            return;
        }

        var first = Enumerable.Range(0, Math.Min(produced.Count, expected.Count)).FirstOrDefault(i => produced[i] != expected[i], -1);
        var where = first >= 0 ? $"; the first difference is at column {first}: '{produced[first]}' against '{expected[first]}'" : string.Empty;
        throw new ArgumentException(
            $"{producer} produces {produced.Count} features ({Preview(produced)}) but {consumer} reads {expected.Count} ({Preview(expected)}){where}: log the pipeline the model was trained behind.");
    }

    private static string TaskOf(string kind) => kind switch
    {
        ModelKinds.LogisticRegression or ModelKinds.MlpClassifier => "classification",
        ModelKinds.LinearRegression or ModelKinds.Ridge or ModelKinds.MlpRegressor => "regression",
        _ => "network",
    };

    private static int InputWidth(Sequential network) => network.Layers.Count > 0 && network.Layers[0] is Linear first ? first.InFeatures : 0;

    private static string Preview(IEnumerable<string> names)
    {
        var list = names.ToList();
        return string.Join(", ", list.Take(5)) + (list.Count > 5 ? $", … {list.Count - 5} more" : string.Empty);
    }
}
