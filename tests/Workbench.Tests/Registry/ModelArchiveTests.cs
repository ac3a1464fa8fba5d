using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Workbench.Registry;
using Workbench.Registry.Archive;
using Workbench.Testing;
using Workbench.Tracking.Artifacts;

namespace Workbench.Tests.Registry;

public sealed class ModelArchiveTests : IDisposable
{
    private readonly RegistryFixture _f = new();

    public void Dispose() => _f.Dispose();

    private string Output(string name) => Path.Combine(_f.Home.Folder, name);

    [Fact]
    public void The_archive_has_the_opt_ml_model_layout_and_a_manifest_that_Python_verifies()
    {
        var version = _f.Register(0.9, weights: "trained weights");
        _f.Registry.Approve("readmission", 1, "reviewed");
        var archive = Output("model.tar.gz");

        _f.Registry.Export("readmission", version.Version, archive);

        // Python's tarfile + hashlib, as a SageMaker container's tooling would read it.
        var report = PythonPeer.Run("""
            import hashlib, json, sys, tarfile
            with tarfile.open(sys.argv[1], "r:gz") as t:
                members = {m.name: m for m in t.getmembers()}
                meta = json.load(t.extractfile("metadata.json"))
                for f in meta["files"]:
                    data = t.extractfile(f["path"]).read()
                    assert hashlib.sha256(data).hexdigest() == f["sha256"], f["path"]
                    assert len(data) == f["size"]
                print(sorted(members))
                print(meta["model"]["name"], meta["model"]["version"], meta["model"]["approval_status"], meta["run"]["params"]["lr"], meta["run"]["metrics"]["auc"])
                print(t.extractfile("weights.bin").read().decode())
            """, [archive]);

        report.Split('\n')[0].Should().Be("['metadata.json', 'nested/config.json', 'pipeline.json', 'schema.json', 'signature.json', 'weights.bin']");
        report.Split('\n')[1].Should().Be("readmission 1 Approved 0.01 0.9");
        report.Split('\n')[2].Should().Be("trained weights");
    }

    [Fact]
    public void An_exported_version_imports_back_with_the_same_files_and_its_origin_recorded()
    {
        var version = _f.Register(0.9);
        var archive = Output("model.tar.gz");
        _f.Registry.Export("readmission", version.Version, archive);
        using var other = new RegistryFixture();

        var imported = other.Registry.Import(archive, "readmission-prod");

        imported.ModelName.Should().Be("readmission-prod");
        imported.Version.Should().Be(1);
        imported.RunId.Should().BeNull("the run lives in the other store");
        imported.Files.Select(f => (f.Path, f.Role, f.Sha256)).Should().BeEquivalentTo(version.Files.Select(f => (f.Path, f.Role, f.Sha256)));
        imported.Inputs.Should().BeEquivalentTo(version.Inputs);
        imported.Tags.Should().Contain("workbench.imported_from", "readmission v1 (model.tar.gz)").And.Contain("workbench.source_run_id", version.RunId!);
        imported.ApprovalStatus.Should().Be(ApprovalStatus.PendingManualApproval, "approval does not travel between registries");
        using var reader = new StreamReader(other.Registry.OpenFile(imported, "weights.bin"));
        reader.ReadToEnd().Should().Be("weights");
    }

    [Fact]
    public void Importing_into_the_same_store_links_the_run()
    {
        var version = _f.Register(0.9);
        var archive = Output("model.tar.gz");
        _f.Registry.Export("readmission", version.Version, archive);

        var imported = _f.Registry.Import(archive);

        imported.Version.Should().Be(2);
        imported.RunId.Should().Be(version.RunId);
    }

    [Fact]
    public void A_tampered_file_is_refused_naming_the_entry_and_both_hashes_and_nothing_is_registered()
    {
        var version = _f.Register(0.9);
        var archive = Output("model.tar.gz");
        _f.Registry.Export("readmission", version.Version, archive);
        var tampered = Rewrite(archive, Output("tampered.tar.gz"), (name, bytes) => name == "weights.bin" ? "evil weights"u8.ToArray() : bytes);
        var before = _f.Home.Dump();

        var import = () => _f.Registry.Import(tampered);

        var expected = version.Files.Single(f => f.Path == "weights.bin").Sha256;
        import.Should().Throw<ModelArchiveException>()
            .WithMessage($"*tampered.tar.gz*'weights.bin' does not match the manifest: expected sha256 {expected}*found {Sha256Text.Of("evil weights"u8)}*Nothing was registered*");
        _f.Home.Dump().Should().Be(before);
    }

    [Fact]
    public void Missing_and_unlisted_files_are_refused()
    {
        var version = _f.Register(0.9);
        var archive = Output("model.tar.gz");
        _f.Registry.Export("readmission", version.Version, archive);

        var missing = Rewrite(archive, Output("missing.tar.gz"), (name, bytes) => name == "schema.json" ? null : bytes);
        ((Action)(() => _f.Registry.Import(missing))).Should().Throw<ModelArchiveException>().WithMessage("*lists 'schema.json', which the archive does not contain*");

        var extra = Rewrite(archive, Output("extra.tar.gz"), (name, bytes) => bytes, ("backdoor.py", "import os"u8.ToArray()));
        ((Action)(() => _f.Registry.Import(extra))).Should().Throw<ModelArchiveException>().WithMessage("*'backdoor.py' is in the archive but not in the manifest*");
    }

    [Fact]
    public void Path_traversal_links_and_foreign_archives_are_refused()
    {
        var traversal = MakeWithPython("traversal.tar.gz", "t.addfile(info('../../etc/cron.d/x', 4), io.BytesIO(b'evil'))");
        ((Action)(() => _f.Registry.Import(traversal))).Should().Throw<ModelArchiveException>().WithMessage("*'../../etc/cron.d/x' has an unsafe path*");

        var link = MakeWithPython("link.tar.gz", "i = info('weights.bin', 0); i.type = tarfile.SYMTYPE; i.linkname = '/etc/passwd'; t.addfile(i)");
        ((Action)(() => _f.Registry.Import(link))).Should().Throw<ModelArchiveException>().WithMessage("*'weights.bin' is a SymbolicLink; only regular files*");

        var foreign = MakeWithPython("foreign.tar.gz", "t.addfile(info('model.pkl', 3), io.BytesIO(b'abc'))");
        ((Action)(() => _f.Registry.Import(foreign))).Should().Throw<ModelArchiveException>().WithMessage("*no metadata.json*");

        var notGzip = Output("plain.tar.gz");
        File.WriteAllText(notGzip, "not an archive at all");
        ((Action)(() => _f.Registry.Import(notGzip))).Should().Throw<ModelArchiveException>().WithMessage("*not a readable tar.gz*");

        ((Action)(() => _f.Registry.Import(Output("absent.tar.gz")))).Should().Throw<FileNotFoundException>();
        _f.Registry.ListModels().Should().BeEmpty("nothing was registered");
    }

    [Fact]
    public void Export_of_a_corrupt_object_fails_and_leaves_no_archive()
    {
        var version = _f.Register(0.9);
        var weights = version.Files.Single(f => f.Path == "weights.bin");
        File.WriteAllText(((LocalArtifactStore)_f.Tracker.Artifacts).ObjectPath(weights.Sha256), "rot");
        var archive = Output("model.tar.gz");

        var export = () => _f.Registry.Export("readmission", version.Version, archive);

        export.Should().Throw<ArtifactCorruptedException>().WithMessage("*readmission v1/weights.bin*");
        File.Exists(archive).Should().BeFalse();
        Directory.EnumerateFiles(_f.Home.Folder, "*.part").Should().BeEmpty();
    }

    [Fact]
    public void Download_writes_the_same_layout_to_a_folder()
    {
        var version = _f.Register(0.9);
        var folder = Output("opt-ml-model");

        _f.Registry.Download(version, folder);

        File.ReadAllText(Path.Combine(folder, "nested", "config.json")).Should().Be("{\"layers\":2}");
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metadata.json")));
        metadata.RootElement.GetProperty("files").GetArrayLength().Should().Be(5);
        metadata.RootElement.GetProperty("format").GetString().Should().Be(ModelArchiveMetadata.CurrentFormat);
    }

    /// <summary>Copies an archive entry by entry, transforming (or dropping, with null) the content, and adding extra entries.</summary>
    private static string Rewrite(string source, string destination, Func<string, byte[], byte[]?> transform, params (string Name, byte[] Bytes)[] extra)
    {
        var entries = new List<(string, byte[])>();
        using (var input = new GZipStream(File.OpenRead(source), CompressionMode.Decompress))
        using (var reader = new TarReader(input))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                var buffer = new MemoryStream();
                entry.DataStream?.CopyTo(buffer);
                if (transform(entry.Name, buffer.ToArray()) is { } bytes)
                {
                    entries.Add((entry.Name, bytes));
                }
            }
        }

        entries.AddRange(extra);
        using var output = new GZipStream(File.Create(destination), CompressionLevel.Fastest);
        using var writer = new TarWriter(output, TarEntryFormat.Pax);
        foreach (var (name, bytes) in entries)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
        }

        return destination;
    }

    private string MakeWithPython(string name, string body)
    {
        var path = Output(name);
        PythonPeer.Run($$"""
            import io, sys, tarfile
            def info(n, size):
                i = tarfile.TarInfo(n); i.size = size; return i
            with tarfile.open(sys.argv[1], "w:gz") as t:
                {{body}}
            """, [path]);
        return path;
    }
}
