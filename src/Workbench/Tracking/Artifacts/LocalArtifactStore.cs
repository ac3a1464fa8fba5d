using System.Security.Cryptography;

namespace Workbench.Tracking.Artifacts;

/// <summary>
/// Objects on the local disk at <c>objects/ab/cdef…</c> (the first two hex digits fan out the folders).
/// A write goes to <c>tmp/</c>, is hashed on the way, flushed to disk, then renamed into place: a reader never
/// sees half an object, and a crash leaves at most a stray temp file.
/// </summary>
public sealed class LocalArtifactStore : IArtifactStore
{
    private const int BufferSize = 1 << 16;

    public LocalArtifactStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(ObjectsPath);
        Directory.CreateDirectory(TempPath);
    }

    public string Root { get; }

    private string ObjectsPath => Path.Combine(Root, "objects");

    private string TempPath => Path.Combine(Root, "tmp");

    /// <summary>Where the object with <paramref name="sha256"/> lives (whether or not it exists).</summary>
    public string ObjectPath(string sha256)
    {
        Sha256Text.Require(sha256);
        return Path.Combine(ObjectsPath, sha256[..2], sha256[2..]);
    }

    public StoredObject Put(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temp = Path.Combine(TempPath, $"{Guid.NewGuid():N}.part");
        try
        {
            string sha256;
            long size;
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    output.Write(buffer, 0, read);
                }

                output.Flush(flushToDisk: true);
                size = output.Length;
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var destination = ObjectPath(sha256);
            if (File.Exists(destination))
            {
                return new StoredObject(sha256, size);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            try
            {
                File.Move(temp, destination, overwrite: false);
            }
            catch (IOException) when (File.Exists(destination))
            {
                // Another writer stored the same bytes first: the object is there, which is all that matters.
            }

            return new StoredObject(sha256, size);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public StoredObject PutFile(string path)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return Put(input);
    }

    public bool Contains(string sha256) => File.Exists(ObjectPath(sha256));

    public Stream OpenRead(string sha256, string name)
    {
        var path = ObjectPath(sha256);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw new ArtifactMissingException(name, sha256, path);
        }
        catch (DirectoryNotFoundException)
        {
            throw new ArtifactMissingException(name, sha256, path);
        }

        return new VerifyingReadStream(file, sha256, name);
    }

    public void CopyTo(string sha256, string destination, string name)
    {
        var fullDestination = Path.GetFullPath(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(fullDestination)!);
        var temp = $"{fullDestination}.{Guid.NewGuid():N}.part";
        try
        {
            using (var input = OpenRead(sha256, name))
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            {
                input.CopyTo(output, BufferSize);
                output.Flush(flushToDisk: true);
            }

            File.Move(temp, fullDestination, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public void Verify(string sha256, string name)
    {
        using var input = OpenRead(sha256, name);
        input.CopyTo(Stream.Null, BufferSize);
    }
}
