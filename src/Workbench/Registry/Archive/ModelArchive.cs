using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
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
    private const string Registered = "Nothing was registered.";
    private const string Extracted = "Nothing was extracted.";
    private const string Loaded = "Nothing was loaded.";

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

        var (metadata, stored, _) = Walk(archive, Registered, (_, content) =>
        {
            var stored = registry.Artifacts.Put(content);
            return (stored.Sha256, stored.Size);
        });
        CheckAgainstManifest(archive, metadata, stored, "the archive", Registered);
        var files = new List<ModelFile>();
        foreach (var file in metadata.Files)
        {
            KeyRules.ValidateArtifactPath(file.Path);
            files.Add(new ModelFile(file.Path, file.Role, file.Kind, file.Sha256, file.Size, $"archive:{file.Path}"));
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

    /// <summary>
    /// Unpacks an exported archive into <paramref name="destination"/> as SageMaker unpacks <c>model.tar.gz</c> into
    /// <c>/opt/ml/model</c>, verifying every file against the manifest (sha256 and size) and refusing links, unsafe
    /// paths, unlisted and missing files. On any problem the partly written folder is removed and nothing is left.
    /// </summary>
    /// <exception cref="ModelArchiveException">The archive is unreadable or does not match its manifest.</exception>
    public static ModelArchiveMetadata Extract(string archivePath, string destination)
    {
        var archive = Path.GetFullPath(archivePath);
        if (!File.Exists(archive))
        {
            throw new FileNotFoundException($"Model archive {archive} does not exist.", archive);
        }

        var target = Path.GetFullPath(destination);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"Cannot extract {archive} into {target}: the folder is not empty.");
        }

        Directory.CreateDirectory(target);
        try
        {
            var (metadata, written, metadataBytes) = Walk(archive, Extracted, (path, content) =>
            {
                var output = Path.Combine(target, path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(output)!);
                using var sink = new FileStream(output, FileMode.CreateNew, FileAccess.Write);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var chunk = new byte[1 << 16];
                long size = 0;
                int read;
                while ((read = content.Read(chunk)) > 0)
                {
                    hash.AppendData(chunk, 0, read);
                    sink.Write(chunk, 0, read);
                    size += read;
                }

                return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
            });
            File.WriteAllBytes(Path.Combine(target, ModelFiles.MetadataFileName), metadataBytes);
            CheckAgainstManifest(archive, metadata, written, "the archive", Extracted);
            return metadata;
        }
        catch
        {
            Directory.Delete(target, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Reads <c>metadata.json</c> of a model folder (an extracted archive, a <see cref="ModelRegistry.Download"/>,
    /// SageMaker's <c>/opt/ml/model</c>) and verifies every file the manifest lists (size and sha256). Files the
    /// manifest does not list are allowed (a container may add its own); listed files that are missing or differ are not.
    /// </summary>
    /// <exception cref="ModelArchiveException">A listed file is missing or differs, or metadata.json is unreadable.</exception>
    public static ModelArchiveMetadata VerifyLayout(string folder)
    {
        var root = Path.GetFullPath(folder);
        var metadataPath = Path.Combine(root, ModelFiles.MetadataFileName);
        if (!File.Exists(metadataPath))
        {
            throw new FileNotFoundException($"Model folder {root} has no {ModelFiles.MetadataFileName}.", metadataPath);
        }

        ModelArchiveMetadata metadata;
        using (var stream = File.OpenRead(metadataPath))
        {
            metadata = ParseMetadata(root, stream, stream.Length, Loaded);
        }

        var found = new Dictionary<string, (string Sha256, long Size)>(StringComparer.Ordinal);
        foreach (var file in metadata.Files)
        {
            var path = NormalisePath(root, file.Path, Loaded);
            var local = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(local))
            {
                found[file.Path] = (Sha256Text.OfFile(local), new FileInfo(local).Length);
            }
        }

        CheckAgainstManifest(root, metadata, found, "the folder", Loaded, allowUnlisted: true);
        return metadata;
    }

    private static void CheckAgainstManifest(string origin, ModelArchiveMetadata metadata, Dictionary<string, (string Sha256, long Size)> actual, string container, string consequence, bool allowUnlisted = false)
    {
        foreach (var file in metadata.Files)
        {
            if (!actual.TryGetValue(file.Path, out var found))
            {
                throw new ModelArchiveException(origin, $"the manifest lists '{file.Path}', which {container} does not contain.", consequence);
            }

            if (!string.Equals(found.Sha256, file.Sha256, StringComparison.Ordinal) || found.Size != file.Size)
            {
                throw new ModelArchiveException(origin,
                    $"'{file.Path}' does not match the manifest: expected sha256 {file.Sha256} ({file.Size} bytes), found {found.Sha256} ({found.Size} bytes).", consequence);
            }
        }

        var unlisted = actual.Keys.Except(metadata.Files.Select(f => f.Path), StringComparer.Ordinal).ToList();
        if (!allowUnlisted && unlisted.Count > 0)
        {
            throw new ModelArchiveException(origin, $"'{unlisted[0]}' is in {container} but not in the manifest ({unlisted.Count} unlisted file(s)).", consequence);
        }
    }

    /// <summary>
    /// Reads every entry of an archive once: metadata.json is parsed, every other regular file is handed to
    /// <paramref name="store"/> (which returns its sha256 and size). Links, devices, unsafe paths and repeated
    /// entries are refused with <paramref name="consequence"/> in the message.
    /// </summary>
    private static (ModelArchiveMetadata Metadata, Dictionary<string, (string Sha256, long Size)> Stored, byte[] MetadataBytes) Walk(
        string archive, string consequence, Func<string, Stream, (string Sha256, long Size)> store)
    {
        var stored = new Dictionary<string, (string Sha256, long Size)>(StringComparer.Ordinal);
        ModelArchiveMetadata? metadata = null;
        var metadataBytes = Array.Empty<byte>();
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
                        throw new ModelArchiveException(archive, $"entry '{entry.Name}' is a {entry.EntryType}; only regular files are accepted.", consequence);
                }

                var path = NormalisePath(archive, entry.Name, consequence);

                if (stored.ContainsKey(path) || (path == ModelFiles.MetadataFileName && metadata is not null))
                {
                    throw new ModelArchiveException(archive, $"entry '{path}' appears twice.", consequence);
                }

                using var content = entry.DataStream ?? Stream.Null;
                if (path == ModelFiles.MetadataFileName)
                {
                    using var copy = new MemoryStream();
                    if (entry.Length <= MaxMetadataBytes)
                    {
                        content.CopyTo(copy);
                        copy.Position = 0;
                    }

                    metadata = ParseMetadata(archive, copy, entry.Length, consequence);
                    metadataBytes = copy.ToArray();
                }
                else
                {
                    stored[path] = store(path, content);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new ModelArchiveException(archive, $"it is not a readable tar.gz ({e.Message}).", consequence);
        }

        return metadata is null
            ? throw new ModelArchiveException(archive, $"it has no {ModelFiles.MetadataFileName} at its root; it was not exported by Workbench.", consequence)
            : (metadata, stored, metadataBytes);
    }

    private static ModelArchiveMetadata ParseMetadata(string archive, Stream content, long length, string consequence)
    {
        ModelArchiveException Problem(string text) => new(archive, text, consequence);

        if (length > MaxMetadataBytes)
        {
            throw Problem($"{ModelFiles.MetadataFileName} is {length} bytes; the limit is {MaxMetadataBytes}.");
        }

        ModelArchiveMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<ModelArchiveMetadata>(content, ModelArchiveMetadata.JsonOptions);
        }
        catch (JsonException e)
        {
            throw Problem($"{ModelFiles.MetadataFileName} is not valid ({e.Message}).");
        }

        if (metadata is null || metadata.Format != ModelArchiveMetadata.CurrentFormat)
        {
            throw Problem($"{ModelFiles.MetadataFileName} has format '{metadata?.Format}'; this Workbench reads '{ModelArchiveMetadata.CurrentFormat}'.");
        }

        if (metadata.Files is null || metadata.Files.Count == 0 || metadata.Model is null)
        {
            throw Problem($"{ModelFiles.MetadataFileName} lists no files or no model.");
        }

        return metadata;
    }

    /// <summary>Strips a leading <c>./</c> and refuses absolute paths and <c>..</c> (an archive must not write outside its folder).</summary>
    private static string NormalisePath(string archive, string name, string consequence)
    {
        var path = name.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        path = path.TrimEnd('/');
        if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(s => s is ".." or "") || path.Contains(':'))
        {
            throw new ModelArchiveException(archive, $"entry '{name}' has an unsafe path (absolute, empty or containing '..').", consequence);
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
