using System.Security.Cryptography;
using System.Text;
using Workbench.Testing;
using Workbench.Tracking.Artifacts;

namespace Workbench.Tests.Tracking;

public sealed class ArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new("wb-artifacts");
    private readonly LocalArtifactStore _store;

    public ArtifactStoreTests()
    {
        _store = new LocalArtifactStore(_directory.File("store"));
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Objects_are_addressed_by_their_sha256_and_read_back_identical()
    {
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);

        var stored = _store.Put(new MemoryStream(bytes));

        stored.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        stored.Size.Should().Be(bytes.Length);
        File.Exists(_store.ObjectPath(stored.Sha256)).Should().BeTrue();
        using var read = _store.OpenRead(stored.Sha256, "weights.bin");
        var copy = new MemoryStream();
        read.CopyTo(copy);
        copy.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public void The_same_bytes_are_stored_once_and_no_temp_file_is_left()
    {
        var first = _store.Put(new MemoryStream(Encoding.UTF8.GetBytes("same")));
        var second = _store.Put(new MemoryStream(Encoding.UTF8.GetBytes("same")));

        second.Should().Be(first);
        Directory.EnumerateFiles(_directory.File("store/objects"), "*", SearchOption.AllDirectories).Should().ContainSingle();
        Directory.EnumerateFiles(_directory.File("store/tmp")).Should().BeEmpty();
    }

    [Fact]
    public void Concurrent_writers_of_the_same_content_all_succeed()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('m', 100_000));
        var results = new StoredObject[16];

        Parallel.For(0, results.Length, i => results[i] = _store.Put(new MemoryStream(bytes)));

        results.Distinct().Should().ContainSingle();
        _store.Verify(results[0].Sha256, "model");
    }

    [Fact]
    public void A_corrupt_object_fails_the_read_naming_the_artifact_and_both_hashes()
    {
        var stored = _store.Put(new MemoryStream(Encoding.UTF8.GetBytes("original weights")));
        File.WriteAllText(_store.ObjectPath(stored.Sha256), "tampered weights");
        var actual = Sha256Text.Of(Encoding.UTF8.GetBytes("tampered weights"));

        var read = () =>
        {
            using var stream = _store.OpenRead(stored.Sha256, "run-1/model/weights.bin");
            stream.CopyTo(Stream.Null);
        };

        read.Should().Throw<ArtifactCorruptedException>()
            .Where(e => e.ExpectedSha256 == stored.Sha256 && e.ActualSha256 == actual && e.Artifact == "run-1/model/weights.bin")
            .WithMessage($"*run-1/model/weights.bin*{stored.Sha256}*{actual}*");
    }

    [Fact]
    public void Copying_a_corrupt_object_leaves_no_file_at_the_destination()
    {
        var stored = _store.Put(new MemoryStream(Encoding.UTF8.GetBytes("good")));
        File.WriteAllText(_store.ObjectPath(stored.Sha256), "bad!");
        var destination = _directory.File("out/model.bin");

        var copy = () => _store.CopyTo(stored.Sha256, destination, "model.bin");

        copy.Should().Throw<ArtifactCorruptedException>();
        File.Exists(destination).Should().BeFalse();
        Directory.EnumerateFiles(_directory.File("out")).Should().BeEmpty("the temp file is removed too");
    }

    [Fact]
    public void A_missing_object_is_a_clear_error()
    {
        var sha = new string('a', 64);

        var read = () => _store.OpenRead(sha, "model.bin");

        read.Should().Throw<ArtifactMissingException>().WithMessage($"*model.bin*{sha}*missing*");
    }

    [Fact]
    public void A_malformed_address_is_refused()
    {
        var read = () => _store.OpenRead("../../etc/passwd", "x");

        read.Should().Throw<ArgumentException>().WithMessage("*not a sha256*");
    }
}
