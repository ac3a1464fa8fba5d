using System.Security.Cryptography;
using System.Text;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Features.Persistence;

namespace Workbench.Features;

public sealed partial class FeaturePipeline
{
    /// <summary>The <c>format</c> field of a saved pipeline.</summary>
    public const string FormatName = "workbench.feature-pipeline";

    /// <summary>The <c>version</c> this library writes and reads.</summary>
    public const int FormatVersion = 1;

    private const int MaxNamesPerStep = 10_000;

    private static readonly Dictionary<string, RemainderPolicy> Remainders = new() { ["drop"] = RemainderPolicy.Drop, ["passthrough"] = RemainderPolicy.Passthrough };
    private static readonly Dictionary<string, MatrixOutput> Outputs = new() { ["auto"] = MatrixOutput.Auto, ["dense"] = MatrixOutput.Dense, ["sparse"] = MatrixOutput.Sparse };

    /// <summary>
    /// Writes the fitted pipeline as JSON (format <c>workbench.feature-pipeline</c>, version 1) through a temporary
    /// file renamed into place. The same fit always gives the same bytes: keys sorted, numbers in shortest round-trip
    /// form, and a SHA-256 of the content that <see cref="Load"/> checks.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = ToUtf8();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The saved form as text.</summary>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8());

    /// <summary>
    /// Reads a pipeline saved by <see cref="Save"/>. Nothing in the file names a type to create: transforms come from a
    /// closed list of kinds. An unknown format, version or kind, a missing or mistyped field, arrays of the wrong length,
    /// inconsistent steps or a content checksum that does not match fail with <see cref="DocumentFormatException"/>
    /// naming the file and the JSON path.
    /// </summary>
    public static FeaturePipeline Load(string path)
    {
        return Parse(StateReader.ReadFile(path, "feature pipeline"), path);
    }

    /// <summary>Reads a pipeline from its JSON text (see <see cref="Load"/>).</summary>
    public static FeaturePipeline FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), "feature pipeline JSON");
    }

    private byte[] ToUtf8()
    {
        if (!IsFitted)
        {
            throw new NotFittedException(nameof(FeaturePipeline), "Save");
        }

        var document = Document();
        document.Set("content_sha256", Checksum(document));
        return document.ToUtf8();
    }

    private JsonState Document() => new JsonState()
        .Set("format", FormatName)
        .Set("version", FormatVersion)
        .Set("target", Target)
        .Set("remainder", Remainders.Single(r => r.Value == Remainder).Key)
        .Set("output", Outputs.Single(o => o.Value == Output).Key)
        .Set("sparse_threshold", SparseThreshold)
        .Set("input_columns", _inputs.Select(i => i.Name).ToArray())
        .Set("input_types", _inputs.Select(i => i.Type.DisplayName()).ToArray())
        .Set("feature_count", _names.Count)
        .Set("steps", _fitted.Select(step => new JsonState()
            .Set("name", step.Name)
            .Set("remainder", step.IsRemainder)
            .Set("selector", step.Selector.ToJson())
            .Set("columns", step.Columns)
            .Set("transforms", step.Transforms.Select(TransformRegistry.Write))
            .Set("feature_count", step.FeatureNames.Count)
            .Set("feature_names", step.FeatureNames.Count <= MaxNamesPerStep ? step.FeatureNames.ToArray() : null)));

    private static string Checksum(JsonState document) => Convert.ToHexStringLower(SHA256.HashData(document.ToUtf8()));

    private static FeaturePipeline Parse(byte[] utf8, string source)
    {
        var root = StateReader.Parse(utf8, source, out var json);
        using (json)
        {
            root.CheckFormat(FormatName, FormatVersion, "feature pipeline");

            var pipeline = new FeaturePipeline
            {
                Remainder = root.Choice("remainder", Remainders),
                Output = root.Choice("output", Outputs),
                SparseThreshold = root.Double("sparse_threshold") is var t && t is >= 0 and <= 1 ? t : throw root.Fail("sparse_threshold", "must be within 0..1"),
            };
            var inputNames = root.StringArray("input_columns");
            var inputTypes = root.StringArray("input_types", inputNames.Length);
            pipeline._inputs = inputNames.Select((n, i) => (n, root.Parse($"input_types[{i}]", inputTypes[i], ColumnTypeNames.Parse))).ToArray();
            pipeline.Target = root.OptionalString("target");
            var steps = root.Objects("steps");
            if (steps.Count == 0)
            {
                throw root.Fail("steps", "a pipeline has at least one step");
            }

            foreach (var item in steps)
            {
                pipeline._fitted.Add(ReadStep(item, inputNames));
            }

            var names = pipeline._fitted.Select(s => s.Name).ToArray();
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            {
                throw root.Fail("steps", $"two steps share a name ({string.Join(", ", names)})");
            }

            pipeline._names = UniqueNames(pipeline._fitted);
            if (root.Int64("feature_count") != pipeline._names.Count)
            {
                throw root.Fail("feature_count", $"the steps make {pipeline._names.Count} features, the file says {root.Int64("feature_count")}");
            }

            pipeline.IsFitted = true;
            var checksum = root.String("content_sha256");
            if (!string.Equals(checksum, Checksum(pipeline.Document()), StringComparison.Ordinal))
            {
                throw root.Fail("content_sha256", "the content does not match its checksum: the file was edited or damaged after it was saved");
            }

            return pipeline;
        }
    }

    private static PipelineStep ReadStep(StateReader item, string[] inputs)
    {
        var name = item.String("name");
        var selector = ColumnSelector.FromJson(item.Object("selector"));
        var columns = item.StringArray("columns");
        foreach (var column in columns.Where(c => !inputs.Contains(c)))
        {
            throw item.Fail("columns", $"'{column}' is not one of the input_columns");
        }

        var transformItems = item.Objects("transforms");
        var transforms = transformItems.Select(TransformRegistry.Read).ToArray();
        IReadOnlyList<string> flowing = columns;
        for (var i = 0; i < transforms.Length; i++)
        {
            if (i < transforms.Length - 1 && transforms[i].ProducesSparse)
            {
                throw transformItems[i].Fail("kind", $"{transforms[i].Kind} produces sparse output and must be the last transform of its step");
            }

            if (!transforms[i].FeatureNamesIn.SequenceEqual(flowing))
            {
                throw transformItems[i].Fail("state.columns", $"the transform was fitted on [{string.Join(", ", transforms[i].FeatureNamesIn)}] but receives [{string.Join(", ", flowing)}]");
            }

            flowing = transforms[i].GetFeatureNamesOut();
        }

        var step = new PipelineStep(name, selector, transforms, item.Bool("remainder")) { Columns = columns, FeatureNames = flowing };
        if (item.Int64("feature_count") != flowing.Count)
        {
            throw item.Fail("feature_count", $"the transforms make {flowing.Count} features, the file says {item.Int64("feature_count")}");
        }

        if (item.Has("feature_names") && !item.StringArray("feature_names").SequenceEqual(flowing))
        {
            throw item.Fail("feature_names", "the names do not match what the transforms make");
        }

        return step;
    }
}
