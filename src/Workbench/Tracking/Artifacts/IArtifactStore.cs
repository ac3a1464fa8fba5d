namespace Workbench.Tracking.Artifacts;

/// <summary>The content and identity of one stored object.</summary>
public readonly record struct StoredObject(string Sha256, long Size);

/// <summary>
/// Immutable objects addressed by the SHA-256 of their content. Every read is verified against the address;
/// a mismatch is an <see cref="ArtifactCorruptedException"/>, never silently returned data.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> (read to its end) and returns its address; storing the same bytes twice stores them once.</summary>
    StoredObject Put(Stream content);

    /// <summary>Stores the file at <paramref name="path"/>.</summary>
    StoredObject PutFile(string path);

    bool Contains(string sha256);

    /// <summary>
    /// A stream of the object that checks the hash as it is read and throws <see cref="ArtifactCorruptedException"/>
    /// at the end if the bytes are not what was stored. <paramref name="name"/> names the artifact in errors.
    /// </summary>
    Stream OpenRead(string sha256, string name);

    /// <summary>Writes the object to <paramref name="destination"/> only if it verifies (temp file, check, then rename).</summary>
    void CopyTo(string sha256, string destination, string name);

    /// <summary>Reads the whole object and throws <see cref="ArtifactCorruptedException"/> if it does not match its address.</summary>
    void Verify(string sha256, string name);
}
