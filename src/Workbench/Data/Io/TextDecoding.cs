using System.Text;

namespace Workbench.Data.Io;

/// <summary>
/// Gives readers a UTF-8 byte stream whatever the file's encoding: a byte-order mark decides (and is
/// dropped); otherwise the encoding asked for, UTF-8 by default. Other encodings are converted while reading.
/// </summary>
internal static class TextDecoding
{
    public static Stream OpenUtf8(Stream raw, Encoding? requested, bool leaveOpen = false)
    {
        var prefix = new byte[4];
        var read = 0;
        while (read < prefix.Length)
        {
            var n = raw.Read(prefix, read, prefix.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var (bomEncoding, bomLength) = Detect(prefix.AsSpan(0, read));
        var encoding = bomEncoding ?? requested ?? Encoding.UTF8;
        Stream stream = new PrefixedStream(prefix.AsMemory(bomLength, read - bomLength), raw, leaveOpen);
        return encoding.CodePage == Encoding.UTF8.CodePage
            ? stream
            : Encoding.CreateTranscodingStream(stream, encoding, new UTF8Encoding(false), leaveOpen: false);
    }

    private static (Encoding? Encoding, int Length) Detect(ReadOnlySpan<byte> prefix) => prefix switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0x00, 0x00] => (Encoding.UTF32, 4),
        [0x00, 0x00, 0xFE, 0xFF] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true), 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => (null, 0),
    };

    /// <summary>A few bytes already read, then the rest of the stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner, bool leaveOpen) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (!_prefix.IsEmpty)
            {
                var n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }

            return inner.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
