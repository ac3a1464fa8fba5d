using System.Text.Encodings.Web;
using System.Text.Json;

namespace Workbench.Data.Io;

/// <summary>
/// Writes a frame as JSON Lines: one object per row, keys in column order. Missing values are <c>null</c>;
/// so are NaN and infinities, which JSON cannot hold. Dates are ISO 8601 strings. Files are written atomically.
/// </summary>
public static class JsonLinesWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static void Write(Frame frame, string path)
    {
        ArgumentNullException.ThrowIfNull(frame);
        AtomicFile.Write(path, stream => Write(frame, stream));
    }

    /// <summary>Writes to a stream (left open), UTF-8 without a byte-order mark.</summary>
    public static void Write(Frame frame, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(stream);
        var names = frame.Columns.Select(c => JsonEncodedText.Encode(c.Name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
        // Not disposed: that would close the caller's stream.
        var buffered = new BufferedStream(stream, 1 << 16);
        using var writer = new Utf8JsonWriter(buffered, WriterOptions);
        for (var row = 0; row < frame.RowCount; row++)
        {
            writer.WriteStartObject();
            for (var c = 0; c < names.Length; c++)
            {
                writer.WritePropertyName(names[c]);
                WriteValue(writer, frame.Columns[c], row);
            }

            writer.WriteEndObject();
            writer.Flush();
            buffered.WriteByte((byte)'\n');
            writer.Reset();
        }

        writer.Flush();
        buffered.Flush();
    }

    public static string ToText(Frame frame)
    {
        using var stream = new MemoryStream();
        Write(frame, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, Column column, int row)
    {
        if (column.IsNull(row))
        {
            writer.WriteNullValue();
            return;
        }

        switch (column)
        {
            case DoubleColumn d:
                WriteNumber(writer, d.RawValues[row]);
                break;
            case SingleColumn s when float.IsFinite(s.RawValues[row]):
                writer.WriteNumberValue(s.RawValues[row]);
                break;
            case SingleColumn:
                writer.WriteNullValue();
                break;
            case Int64Column l:
                writer.WriteNumberValue(l.RawValues[row]);
                break;
            case BooleanColumn b:
                writer.WriteBooleanValue(b.RawValues[row]);
                break;
            case DateTimeColumn t:
                writer.WriteStringValue(DateTimeColumn.FormatIso(t.RawValues[row]));
                break;
            default:
                writer.WriteStringValue(column.Format(row));
                break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
