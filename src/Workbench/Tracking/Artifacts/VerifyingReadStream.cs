using System.Security.Cryptography;

namespace Workbench.Tracking.Artifacts;

/// <summary>Reads an object forward-only while hashing it; at the end, a hash that differs from the address throws.</summary>
internal sealed class VerifyingReadStream(FileStream inner, string expectedSha256, string artifact) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _verified;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException("Artifact streams are read forward only, so they can be verified.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        if (read > 0)
        {
            _hash.AppendData(buffer[..read]);
        }
        else if (buffer.Length > 0)
        {
            VerifyAtEnd();
        }

        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            _hash.AppendData(buffer.Span[..read]);
        }
        else if (buffer.Length > 0)
        {
            VerifyAtEnd();
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("Artifact streams are read forward only.");

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void VerifyAtEnd()
    {
        if (_verified)
        {
            return;
        }

        _verified = true;
        var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (!string.Equals(actual, expectedSha256, StringComparison.Ordinal))
        {
            throw new ArtifactCorruptedException(artifact, expectedSha256, actual, inner.Name);
        }
    }
}
