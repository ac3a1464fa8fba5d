using System.Buffers;
using System.Globalization;
using System.Text;

namespace Workbench.Data.Io;

/// <summary>
/// Writes a frame as CSV (RFC 4180): a field is quoted when it holds the separator, the quote, a newline, or
/// leading / trailing spaces, with quotes doubled. Numbers in shortest round-trip invariant form (reading the
/// file back gives the same doubles); dates as ISO 8601; missing values as <see cref="CsvWriteOptions.MissingValue"/>.
/// A file is written to a temporary name and renamed into place, so a failed write never leaves half a file.
/// </summary>
public static class CsvWriter
{
    public static void Write(Frame frame, string path, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, stream => Write(frame, stream, options));
    }

    /// <summary>Writes to a stream (left open).</summary>
    public static void Write(Frame frame, Stream stream, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new CsvWriteOptions();
        var encoding = options.Encoding ?? new UTF8Encoding(false);
        if (encoding.CodePage == Encoding.UTF8.CodePage)
        {
            WriteUtf8(frame, stream, options, encoding.GetPreamble());
            return;
        }

        using var transcoder = Encoding.CreateTranscodingStream(stream, encoding, new UTF8Encoding(false), leaveOpen: true);
        transcoder.Write(encoding.GetPreamble());
        WriteUtf8(frame, transcoder, options, []);
        transcoder.Flush();
    }

    /// <summary>The frame as CSV text.</summary>
    public static string ToText(Frame frame, CsvWriteOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(frame, stream, (options ?? new CsvWriteOptions()) with { Encoding = null });
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteUtf8(Frame frame, Stream stream, CsvWriteOptions options, ReadOnlySpan<byte> preamble)
    {
        var buffer = new Utf8Buffer(stream);
        buffer.Append(preamble);
        var separator = (byte)options.Separator;
        var quote = (byte)options.Quote;
        var newLine = Encoding.UTF8.GetBytes(options.NewLine);
        var missing = Encoding.UTF8.GetBytes(options.MissingValue);
        var needsQuotes = SearchValues.Create([separator, quote, (byte)'\n', (byte)'\r']);
        if (options.WriteHeader)
        {
            for (var c = 0; c < frame.ColumnCount; c++)
            {
                if (c > 0)
                {
                    buffer.Append(separator);
                }

                buffer.AppendText(frame.Columns[c].Name, quote, needsQuotes);
            }

            buffer.Append(newLine);
        }

        var columns = frame.Columns.Select(CellWriter.For).ToArray();
        for (var row = 0; row < frame.RowCount; row++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                if (c > 0)
                {
                    buffer.Append(separator);
                }

                if (frame.Columns[c].IsNull(row))
                {
                    buffer.Append(missing);
                }
                else
                {
                    columns[c].Write(row, buffer, quote, needsQuotes);
                }
            }

            buffer.Append(newLine);
        }

        buffer.Flush();
    }

    /// <summary>Formats one column's present values without boxing.</summary>
    private abstract class CellWriter
    {
        public static CellWriter For(Column column) => column switch
        {
            DoubleColumn d => new Doubles(d.RawValues),
            SingleColumn s => new Formattable<float>(s.RawValues, "R"),
            Int64Column l => new Formattable<long>(l.RawValues, null),
            BooleanColumn b => new Booleans(b.RawValues),
            DateTimeColumn d => new Texts(row => DateTimeColumn.FormatIso(d.RawValues[row])),
            CategoricalColumn c => new Texts(row => c[row]!),
            StringColumn s => new Texts(row => s[row]!),
            _ => new Texts(row => column.Format(row)!),
        };

        public abstract void Write(int row, Utf8Buffer buffer, byte quote, SearchValues<byte> needsQuotes);

        private sealed class Formattable<T>(T[] values, string? format) : CellWriter
            where T : IUtf8SpanFormattable
        {
            public override void Write(int row, Utf8Buffer buffer, byte quote, SearchValues<byte> needsQuotes)
            {
                var span = buffer.Reserve(32);
                values[row].TryFormat(span, out var written, format, CultureInfo.InvariantCulture);
                buffer.Advance(written);
            }
        }

        // The text "R" gives, in a third of its time.
        private sealed class Doubles(double[] values) : CellWriter
        {
            public override void Write(int row, Utf8Buffer buffer, byte quote, SearchValues<byte> needsQuotes) =>
                buffer.Advance(ShortestDouble.Format(values[row], buffer.Reserve(32)));
        }

        private sealed class Booleans(bool[] values) : CellWriter
        {
            public override void Write(int row, Utf8Buffer buffer, byte quote, SearchValues<byte> needsQuotes) =>
                buffer.Append(values[row] ? "true"u8 : "false"u8);
        }

        private sealed class Texts(Func<int, string> text) : CellWriter
        {
            public override void Write(int row, Utf8Buffer buffer, byte quote, SearchValues<byte> needsQuotes) =>
                buffer.AppendText(text(row), quote, needsQuotes);
        }
    }
}
