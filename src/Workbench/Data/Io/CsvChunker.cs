using System.Buffers;
using System.Runtime.CompilerServices;

namespace Workbench.Data.Io;

/// <summary>
/// Cuts a UTF-8 byte stream into chunks of whole rows: each chunk ends just after a newline that is not
/// inside a quoted field, so chunks can be parsed independently (and in parallel). Holds at most one
/// chunk plus the bytes of the row it cut through; a single row longer than a chunk grows the buffer.
/// </summary>
internal sealed class CsvChunker(Stream stream, byte quote, byte separator, int chunkBytes)
{
    private byte[] _carry = new byte[Math.Max(chunkBytes, 4096)];
    private int _carryLength;
    private bool _ended;

    /// <summary>Bytes read from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The next chunk (its buffer is pooled: give it back with <see cref="Chunk.Dispose"/>), or null at the end.</summary>
    public Chunk? Next()
    {
        if (_ended && _carryLength == 0)
        {
            return null;
        }

        var size = Math.Max(chunkBytes, _carryLength * 2);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        _carry.AsSpan(0, _carryLength).CopyTo(buffer);
        var length = _carryLength;
        _carryLength = 0;
        while (true)
        {
            length += Fill(buffer, length, size);
            if (_ended)
            {
                return length == 0 ? Release(buffer) : new Chunk(buffer, length);
            }

            var cut = LastRowEnd(buffer.AsSpan(0, length));
            if (cut >= 0)
            {
                var rest = length - (cut + 1);
                if (rest > _carry.Length)
                {
                    _carry = new byte[rest * 2];
                }

                buffer.AsSpan(cut + 1, rest).CopyTo(_carry);
                _carryLength = rest;
                return new Chunk(buffer, cut + 1);
            }

            // One row is longer than the buffer: grow and keep reading.
            size *= 2;
            var bigger = ArrayPool<byte>.Shared.Rent(size);
            buffer.AsSpan(0, length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }
    }

    private static Chunk? Release(byte[] buffer)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        return null;
    }

    private int Fill(byte[] buffer, int offset, int size)
    {
        var total = 0;
        while (offset + total < size)
        {
            var read = stream.Read(buffer, offset + total, size - offset - total);
            if (read == 0)
            {
                _ended = true;
                break;
            }

            total += read;
        }

        BytesRead += total;
        return total;
    }

    /// <summary>
    /// The position of the last newline outside quotes, or -1. A quote opens a quoted field only at the start
    /// of a field (after a separator or newline), as the parser reads it; inside, a doubled quote is a literal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int LastRowEnd(ReadOnlySpan<byte> data)
    {
        var last = -1;
        var i = 0;
        var inQuotes = false;
        while (i < data.Length)
        {
            if (inQuotes)
            {
                var q = data[i..].IndexOf(quote);
                if (q < 0)
                {
                    return last;
                }

                var at = i + q;
                if (at + 1 >= data.Length)
                {
                    // A quote at the very end may be half of a doubled quote: undecided, so stop here.
                    return last;
                }

                if (data[at + 1] == quote)
                {
                    i = at + 2;
                    continue;
                }

                inQuotes = false;
                i = at + 1;
                continue;
            }

            var next = data[i..].IndexOfAny(quote, (byte)'\n');
            if (next < 0)
            {
                return last;
            }

            var position = i + next;
            if (data[position] == (byte)'\n')
            {
                last = position;
            }
            else if (position == 0 || data[position - 1] == separator || data[position - 1] == (byte)'\n')
            {
                inQuotes = true;
            }

            i = position + 1;
        }

        return last;
    }

    /// <summary>A run of whole rows in a pooled buffer.</summary>
    internal sealed class Chunk(byte[] buffer, int length) : IDisposable
    {
        private byte[]? _buffer = buffer;

        public ReadOnlyMemory<byte> Data => _buffer is null ? throw new ObjectDisposedException(nameof(Chunk)) : _buffer.AsMemory(0, length);

        public int Length => length;

        public void Dispose()
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }
        }
    }
}
