using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Workbench.Tracking;
using Workbench.Tracking.Artifacts;

namespace Workbench.Registry.Archive;

/// <summary>
/// <c>model.tar.gz</c> laid out as a SageMaker inference container expects <c>/opt/ml/model</c>: the model files
/// at their paths, the feature pipeline, schema and signature files by name, and <c>metadata.json</c> with the
/// manifest (sha256 and size of every file). Export verifies every object as it is read; import verifies every
/// file against the manifest before registering anything, and refuses links, absolute paths and <c>..</c>.
/// </summary>
public static class ModelArchive
{
    private const UnixFileMode FileMode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const long MaxMetadataBytes = 16 << 20;

    /// <summary>The metadata.json content for <paramref name="version"/>.</summary>
    public static ModelArchiveMetadata Describe(ModelRegistry registry, ModelVersion version)
    {
        Run? run = null;
        if (version.RunId is { } runId)
        {
            run = registry.Tracking.GetRun(runId);
        }

        return new ModelArchiveMetadata
        {
            Model = new ArchivedModel(version.ModelName, version.Version, version.Description, version.ApprovalStatus, version.Aliases,
                version.Tags, version.CreatedAt, version.CreatedBy),
            Run = run is null
                ? null
                : new ArchivedRun(run.RunId, run.Info.Name, run.Info.ExperimentName, run.Info.Status.ToText(),
                    run.Params.ToDictionary(p => p.Key, p => p.Value.Text, StringComparer.Ordinal),
                    run.Metrics.ToDictionary(m => m.Key, m => m.Value.Value, StringComparer.Ordinal),
                    run.Tag(RunEnvironment.GitCommit)),
            Inputs = version.Inputs.Select(i => new ArchivedInput(i.Fingerprint, i.Name, i.Source, i.Rows, i.Context)).ToList(),
            Files = version.Files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => new ArchivedFile(f.Path, f.Role, f.Kind, f.Sha256, f.Size)).ToList(),
            Workbench = RunEnvironment.WorkbenchPackageVersions(),
        };
    }

    /// <summary>Writes <paramref name="outputPath"/> (temp file, then rename). A corrupt object aborts the export and leaves no archive.</summary>
    public static ModelArchiveMetadata Export(ModelRegistry registry, ModelVersion version, string outputPath)
    {
        var metadata = Describe(registry, version);
        var output = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var tarTemp = $"{output}.{Guid.NewGuid():N}.tar.part";
        var gzipTemp = $"{output}.{Guid.NewGuid():N}.part";
        try
        {
            // The tar goes to a seekable temp file first: entries are streamed (verified) without knowing their
            // length up front, which TarWriter can only do on a seekable output.
            using (var tarFile = new FileStream(tarTemp, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                using (var writer = new TarWriter(tarFile, TarEntryFormat.Pax, leaveOpen: true))
                {
                    foreach (var file in version.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
                    {
                        using var content = registry.Artifacts.OpenRead(file.Sha256, $"{version.ModelName} v{version.Version}/{file.Path}");
                        writer.WriteEntry(Entry(file.Path, content, version.CreatedAt));
                    }

                    using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(metadata, ModelArchiveMetadata.JsonOptions));
                    writer.WriteEntry(Entry(ModelFiles.MetadataFileName, json, version.CreatedAt));
                }

                tarFile.Position = 0;
                using var gzipFile = new FileStream(gzipTemp, FileMode.CreateNew, FileAccess.Write);
                using (var gzip = new GZipStream(gzipFile, CompressionLevel.Optimal, leaveOpen: true))
                {
                    tarFile.CopyTo(gzip);
                }

                gzipFile.Flush(flushToDisk: true);
            }

            File.Move(gzipTemp, output, overwrite: true);
            return metadata;
        }
        finally
        {
            File.Delete(tarTemp);
            File.Delete(gzipTemp);
        }
    }

    /// <summary>Writes the files and metadata.json into a folder, each verified before it appears.</summary>
    public static IReadOnlyList<string> WriteLayout(ModelRegistry registry, ModelVersion version, string destination)
    {
        var written = new List<string>();
        foreach (var file in version.Files)
        {
            var target = Path.Combine(destination, file.Path.Replace('/', Path.DirectorySeparatorChar));
            registry.Artifacts.CopyTo(file.Sha256, target, $"{version.ModelName} v{version.Version}/{file.Path}");
            written.Add(target);
        }

        var metadataPath = Path.Combine(destination, ModelFiles.MetadataFileName);
        var temp = $"{metadataPath}.{Guid.NewGuid():N}.part";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(Describe(registry, version), ModelArchiveMetadata.JsonOptions));
        File.Move(temp, metadataPath, overwrite: true);
        written.Add(metadataPath);
        return written;
    }

    /// <summary>Reads and checks an archive, then registers it as a new version. Any mismatch throws <see cref="ModelArchiveException"/> before registration.</summary>
    public static ModelVersion Import(ModelRegistry registry, string archivePath, string? name, string by)
    {
        var archive = Path.GetFullPath(archivePath);
        if (!File.Exists(archive))
        {
            throw new FileNotFoundException($"Model archive {archive} does not exist.", archive);
        }

        var (metadata, stored) = Read(registry.Artifacts, archive);
        var files = new List<ModelFile>();
        foreach (var file in metadata.Files)
        {
            if (!stored.TryGetValue(file.Path, out var actual))
            {
                throw new ModelArchiveException(archive, $"the manifest lists '{file.Path}', which the archive does not contain.");
            }

            if (!string.Equals(actual.Sha256, file.Sha256, StringComparison.Ordinal) || actual.Size != file.Size)
            {
                throw new ModelArchiveException(archive,
                    $"'{file.Path}' does not match the manifest: expected sha256 {file.Sha256} ({file.Size} bytes), found {actual.Sha256} ({actual.Size} bytes).");
            }

            KeyRules.ValidateArtifactPath(file.Path);
            files.Add(new ModelFile(file.Path, file.Role, file.Kind, file.Sha256, file.Size, $"archive:{file.Path}"));
        }

        var unlisted = stored.Keys.Except(metadata.Files.Select(f => f.Path), StringComparer.Ordinal).ToList();
        if (unlisted.Count > 0)
        {
            throw new ModelArchiveException(archive, $"'{unlisted[0]}' is in the archive but not in the manifest ({unlisted.Count} unlisted file(s)).");
        }

        ModelFiles.CheckLayout(files, $"Model archive {archive}");
        var sourceRun = metadata.Run?.RunId;
        var runHere = sourceRun is not null && TryGetRun(registry.Tracking, sourceRun);
        var tags = new Dictionary<string, string>(metadata.Model.Tags, StringComparer.Ordinal)
        {
            ["workbench.imported_from"] = $"{metadata.Model.Name} v{metadata.Model.Version} ({Path.GetFileName(archive)})",
            ["workbench.imported_approval_status"] = metadata.Model.ApprovalStatus.ToString(),
        };
        if (sourceRun is not null)
        {
            tags["workbench.source_run_id"] = sourceRun;
        }

        var modelPath = files.Where(f => f.Role == ModelFileRole.Model).Select(f => f.Path).First();
        return registry.Store.CreateVersion(new NewModelVersion(
            RegistryNames.ValidateModelName(name ?? metadata.Model.Name),
            runHere ? sourceRun : null,
            $"archive:{modelPath}",
            files,
            metadata.Inputs.Select(i => new DatasetInput(i.Fingerprint, i.Name, i.Source, i.Rows, i.Context)).ToList(),
            metadata.Model.Description,
            tags,
            by));
    }

    private static (ModelArchiveMetadata Metadata, Dictionary<string, StoredObject> Stored) Read(IArtifactStore artifacts, string archive)
    {
        var stored = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
        ModelArchiveMetadata? metadata = null;
        try
        {
            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        continue;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        break;
                    default:
                        throw new ModelArchiveException(archive, $"entry '{entry.Name}' is a {entry.EntryType}; only regular files are accepted.");
                }

                var path = NormalisePath(archive, entry.Name);

                if (stored.ContainsKey(path) || (path == ModelFiles.MetadataFileName && metadata is not null))
                {
                    throw new ModelArchiveException(archive, $"entry '{path}' appears twice.");
                }

                using var content = entry.DataStream ?? Stream.Null;
                if (path == ModelFiles.MetadataFileName)
                {
                    metadata = ParseMetadata(archive, content, entry.Length);
                }
                else
                {
                    stored[path] = artifacts.Put(content);
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new ModelArchiveException(archive, $"it is not a readable tar.gz ({e.Message}).");
        }

        return metadata is null
            ? throw new ModelArchiveException(archive, $"it has no {ModelFiles.MetadataFileName} at its root; it was not exported by Workbench.")
            : (metadata, stored);
    }

    private static ModelArchiveMetadata ParseMetadata(string archive, Stream content, long length)
    {
        if (length > MaxMetadataBytes)
        {
            throw new ModelArchiveException(archive, $"{ModelFiles.MetadataFileName} is {length} bytes; the limit is {MaxMetadataBytes}.");
        }

        ModelArchiveMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<ModelArchiveMetadata>(content, ModelArchiveMetadata.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ModelArchiveException(archive, $"{ModelFiles.MetadataFileName} is not valid ({e.Message}).");
        }

        if (metadata is null || metadata.Format != ModelArchiveMetadata.CurrentFormat)
        {
            throw new ModelArchiveException(archive, $"{ModelFiles.MetadataFileName} has format '{metadata?.Format}'; this Workbench reads '{ModelArchiveMetadata.CurrentFormat}'.");
        }

        if (metadata.Files is null || metadata.Files.Count == 0 || metadata.Model is null)
        {
            throw new ModelArchiveException(archive, $"{ModelFiles.MetadataFileName} lists no files or no model.");
        }

        return metadata;
    }

    /// <summary>Strips a leading <c>./</c> and refuses absolute paths and <c>..</c> (an archive must not write outside its folder).</summary>
    private static string NormalisePath(string archive, string name)
    {
        var path = name.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        path = path.TrimEnd('/');
        if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(s => s is ".." or "") || path.Contains(':'))
        {
            throw new ModelArchiveException(archive, $"entry '{name}' has an unsafe path (absolute, empty or containing '..').");
        }

        return path;
    }

    private static PaxTarEntry Entry(string path, Stream content, DateTimeOffset modified) =>
        new(TarEntryType.RegularFile, path)
        {
            DataStream = content,
            ModificationTime = modified,
            Mode = FileMode0644,
            Uid = 0,
            Gid = 0,
        };

    private static bool TryGetRun(ITrackingStore tracking, string runId)
    {
        try
        {
            tracking.GetRunInfo(runId);
            return true;
        }
        catch (RunNotFoundException)
        {
            return false;
        }
    }
}
