using System.Text.Json;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Learning.Persistence;
using Workbench.Registry;
using Workbench.Registry.Archive;

namespace Workbench.Serving.Models;

/// <summary>
/// Finds the files of a model folder: from the manifest in <c>metadata.json</c> (each file's role, every file
/// verified against its sha256), else from <c>signature.json</c> (model and feature-pipeline file names), else by
/// content (the one Workbench model file; JSON documents by their <c>format</c> field).
/// </summary>
internal sealed record ModelFolder(string Root, string ModelFile, string? PipelineFile, string? SchemaFile, ModelArchiveMetadata? Metadata)
{
    private const string SignatureFileName = "signature.json";

    public static ModelFolder Discover(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"No model folder at {root}.");
        }

        ModelArchiveMetadata? metadata = null;
        List<(string Path, string Role)> files;
        if (File.Exists(Path.Combine(root, "metadata.json")))
        {
            metadata = Workbench.Registry.Archive.ModelArchive.VerifyLayout(root);
            files = metadata.Files.Select(f => (Local(root, f.Path), f.Role)).ToList();
        }
        else
        {
            files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(p => (p, RoleByContent(p))).ToList();
        }

        var (signatureModel, signaturePipeline) = ReadSignature(root, files);
        var model = signatureModel ?? Single(root, files.Where(f => f.Role == ModelFileRole.Model && IsModelFile(f.Path)).Select(f => f.Path), "Workbench model file (.wbm)", required: true)!;
        var pipeline = signaturePipeline ?? Single(root, files.Where(f => f.Role == ModelFileRole.FeaturePipeline).Select(f => f.Path), "feature pipeline", required: false);
        var schema = Single(root, files.Where(f => f.Role == ModelFileRole.Schema).Select(f => f.Path), "data schema", required: false);
        return new ModelFolder(root, model, pipeline, schema, metadata);
    }

    private static (string? Model, string? Pipeline) ReadSignature(string root, List<(string Path, string Role)> files)
    {
        var signature = files.Where(f => f.Role == ModelFileRole.Signature).Select(f => f.Path).FirstOrDefault(p => Path.GetFileName(p) == SignatureFileName);
        if (signature is null || !File.Exists(signature))
        {
            return (null, null);
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(signature));
        string? Named(string property)
        {
            if (!document.RootElement.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var name = value.GetString()!;
            var path = Path.Combine(Path.GetDirectoryName(signature)!, name);
            if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || !File.Exists(path))
            {
                throw new FileNotFoundException($"Model folder {root}: {SignatureFileName} names '{property}' = '{name}', which is not a file beside it.", path);
            }

            return path;
        }

        return (Named("model_file"), Named("feature_pipeline_file"));
    }

    private static string? Single(string root, IEnumerable<string> candidates, string what, bool required)
    {
        var list = candidates.ToList();
        if (list.Count == 1)
        {
            return list[0];
        }

        if (list.Count == 0)
        {
            return required ? throw new FileNotFoundException($"Model folder {root} holds no {what}; export a registered version (workbench models export) or log the model with run.LogModel.") : null;
        }

        throw new InvalidDataException($"Model folder {root} holds {list.Count} {what}s ({string.Join(", ", list.Select(p => Path.GetRelativePath(root, p)))}); keep one, or name it in {SignatureFileName}.");
    }

    private static string Local(string root, string path) => Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));

    private static bool IsModelFile(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        return stream.Read(head) == head.Length && head.SequenceEqual(ModelFormat.Magic);
    }

    private static string RoleByContent(string path)
    {
        if (IsModelFile(path))
        {
            return ModelFileRole.Model;
        }

        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || new FileInfo(path).Length > 256 << 20)
        {
            return "other";
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var format = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("format", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
            return format switch
            {
                FeaturePipeline.FormatName => ModelFileRole.FeaturePipeline,
                DataSchema.FormatName => ModelFileRole.Schema,
                "workbench-signature" => ModelFileRole.Signature,
                _ => "other",
            };
        }
        catch (JsonException)
        {
            return "other";
        }
    }
}
