using Workbench.Tracking;

namespace Workbench.Registry;

/// <summary>Chooses a version's files from a run's artifacts and lays them out as <c>/opt/ml/model</c> will hold them.</summary>
internal static class ModelFiles
{
    /// <summary>The archive's own file; no model file may take its name.</summary>
    public const string MetadataFileName = "metadata.json";

    private static readonly Dictionary<string, string> RoleByKind = new(StringComparer.Ordinal)
    {
        [ArtifactKind.FeaturePipeline] = ModelFileRole.FeaturePipeline,
        [ArtifactKind.Schema] = ModelFileRole.Schema,
        [ArtifactKind.Signature] = ModelFileRole.Signature,
    };

    /// <summary>
    /// The files at or under <paramref name="modelPath"/> (a signature, schema or feature pipeline among them keeps the
    /// role its kind names), plus signature, schema and feature-pipeline artifacts elsewhere in the run, except those
    /// inside the folder of another model the run logged (a run holding two models registers each with its own files).
    /// </summary>
    public static List<ModelFile> FromRun(Run run, string modelPath)
    {
        var prefix = KeyRules.ValidateArtifactPath(modelPath.TrimEnd('/'));
        var otherModelFolders = run.Artifacts
            .Where(a => a.Kind == ArtifactKind.Model && a.Path.Contains('/', StringComparison.Ordinal))
            .Select(a => a.Path[..(a.Path.LastIndexOf('/') + 1)])
            .Where(folder => folder != prefix + "/" && !(prefix + "/").StartsWith(folder, StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var files = new List<ModelFile>();
        foreach (var artifact in run.Artifacts)
        {
            string? path = null;
            var role = ModelFileRole.Model;
            if (artifact.Path == prefix)
            {
                path = artifact.Path[(artifact.Path.LastIndexOf('/') + 1)..];
            }
            else if (artifact.Path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                path = artifact.Path[(prefix.Length + 1)..];
                role = RoleByKind.GetValueOrDefault(artifact.Kind, ModelFileRole.Model);
            }
            else if (RoleByKind.TryGetValue(artifact.Kind, out var otherRole)
                && !otherModelFolders.Any(folder => artifact.Path.StartsWith(folder, StringComparison.Ordinal)))
            {
                path = artifact.Path[(artifact.Path.LastIndexOf('/') + 1)..];
                role = otherRole;
            }

            if (path is not null)
            {
                files.Add(new ModelFile(path, role, artifact.Kind, artifact.Sha256, artifact.Size, artifact.Path));
            }
        }

        if (!files.Any(f => f.Role == ModelFileRole.Model))
        {
            var logged = run.Artifacts.Count == 0 ? "none" : string.Join(", ", run.Artifacts.Select(a => $"{a.Path} ({a.Kind})").Take(20));
            throw new InvalidOperationException(
                $"Run {run.RunId} has no model at '{prefix}' (its artifacts: {logged}); log one with run.LogModel(path) first.");
        }

        CheckLayout(files, $"run {run.RunId}");
        return files;
    }

    /// <summary>Refuses two files with one path, and a file called metadata.json at the root.</summary>
    public static void CheckLayout(IEnumerable<ModelFile> files, string origin)
    {
        var byPath = new Dictionary<string, ModelFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Path == MetadataFileName)
            {
                throw new InvalidOperationException($"{origin}: '{file.SourcePath}' would be '{MetadataFileName}' at the model root, which the archive reserves; rename it.");
            }

            if (byPath.TryGetValue(file.Path, out var other))
            {
                throw new InvalidOperationException(
                    $"{origin}: '{file.SourcePath}' and '{other.SourcePath}' would both be '{file.Path}' at the model root; rename one of them.");
            }

            byPath[file.Path] = file;
        }
    }
}
