using System.Buffers;
using System.Text;

namespace Workbench.Data.Io;

/// <summary>A growable UTF-8 output buffer flushed to a stream in large writes.</summary>
internal sealed class Utf8Buffer(Stream stream)
{
    private const int Size = 1 << 16;
    private byte[] _buffer = new byte[Size];
    private int _used;

    public void Append(byte value)
    {
        Reserve(1)[0] = value;
        _used++;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _used += bytes.Length;
    }

    /// <summary>Room for at least <paramref name="size"/> bytes; call <see cref="Advance"/> with what was written (Append(byte) advances itself).</summary>
    public Span<byte> Reserve(int size)
    {
        if (_used + size > _buffer.Length)
        {
            Flush();
            if (size > _buffer.Length)
            {
                _buffer = new byte[size];
            }
        }

        return _buffer.AsSpan(_used);
    }

    public void Advance(int count) => _used += count;

    /// <summary>Text as a CSV field: quoted (quotes doubled) when it holds a character of <paramref name="needsQuotes"/> or starts / ends with a space.</summary>
    public void AppendText(string text, byte quote, SearchValues<byte> needsQuotes)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> utf8 = max <= 512 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(text, utf8);
        var bytes = utf8[..length];
        var quoted = bytes.IndexOfAny(needsQuotes) >= 0 || (length > 0 && (bytes[0] == (byte)' ' || bytes[^1] == (byte)' '));
        if (!quoted)
        {
            Append(bytes);
            return;
        }

        Append(quote);
        foreach (var b in bytes)
        {
            if (b == quote)
            {
                Append(quote);
            }

            Append(b);
        }

        Append(quote);
    }

    public void Flush()
    {
        stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}
