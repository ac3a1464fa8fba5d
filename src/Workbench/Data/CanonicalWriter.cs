using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Workbench.Data;

/// <summary>
/// Buffers the canonical byte encoding of values into a SHA-256 (see <see cref="DatasetFingerprint"/>):
/// a missing value is the byte 0; a present one is the byte 1 then its value in a fixed little-endian form.
/// </summary>
internal sealed class CanonicalWriter : IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;

    public void Null() => Reserve(1)[0] = 0;

    public void Double(double value)
    {
        // One encoding per number: -0 is 0, every NaN is the same quiet NaN.
        var bits = value == 0 ? 0L : double.IsNaN(value) ? 0x7FF8000000000000L : BitConverter.DoubleToInt64Bits(value);
        var span = Reserve(9);
        span[0] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], bits);
    }

    public void Single(float value)
    {
        var bits = value == 0 ? 0 : float.IsNaN(value) ? 0x7FC00000 : BitConverter.SingleToInt32Bits(value);
        var span = Reserve(5);
        span[0] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], bits);
    }

    public void Int64(long value)
    {
        var span = Reserve(9);
        span[0] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], value);
    }

    public void Boolean(bool value)
    {
        var span = Reserve(2);
        span[0] = 1;
        span[1] = value ? (byte)1 : (byte)0;
    }

    /// <summary>Text: its UTF-8 byte length (4 bytes) then the bytes.</summary>
    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length + 5 > BufferSize)
        {
            var header = Reserve(5);
            header[0] = 1;
            BinaryPrimitives.WriteInt32LittleEndian(header[1..], length);
            Flush();
            _hash.AppendData(Encoding.UTF8.GetBytes(value));
            return;
        }

        var span = Reserve(5 + length);
        span[0] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], length);
        Encoding.UTF8.GetBytes(value, span[5..]);
    }

    /// <summary>Raw bytes of a header (names, types, counts); not a value.</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        Flush();
        _hash.AppendData(bytes);
    }

    /// <summary>The digest of everything written; the writer cannot be used afterwards.</summary>
    public byte[] Finish()
    {
        Flush();
        return _hash.GetHashAndReset();
    }

    public void Dispose() => _hash.Dispose();

    private Span<byte> Reserve(int size)
    {
        if (_used + size > BufferSize)
        {
            Flush();
        }

        var span = _buffer.AsSpan(_used, size);
        _used += size;
        return span;
    }

    private void Flush()
    {
        if (_used > 0)
        {
            _hash.AppendData(_buffer, 0, _used);
            _used = 0;
        }
    }
}
