using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Workbench.Data.Io;

/// <summary>
/// Writes numpy's <c>.npy</c> format byte for byte as <c>numpy.save</c> does: the smallest version the header fits
/// (1.0; 2.0 for a header over 64 KB; 3.0 when a field name needs UTF-8), the header padded so the data starts on a
/// 64-byte boundary, C order, little-endian. The caller writes the elements after <see cref="WriteHeader(IBufferWriter{byte}, NpyDtype, long[])"/>.
/// </summary>
public static class NpyWriter
{
    private const int Alignment = 64;
    private const int GrowthDigits = 21;

    /// <summary>The header of a simple array of <paramref name="dtype"/> and <paramref name="shape"/>.</summary>
    public static void WriteHeader(IBufferWriter<byte> output, NpyDtype dtype, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        WriteHeader(output, PythonLiteral.Quote(dtype.Descr), shape);
    }

    /// <summary>The header of a 1-d structured array whose records hold <paramref name="fields"/> in order, packed.</summary>
    public static void WriteHeader(IBufferWriter<byte> output, IReadOnlyList<(string Name, NpyDtype Dtype)> fields, long length)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var descr = "[" + string.Join(", ", fields.Select(f => $"({PythonLiteral.Quote(f.Name)}, {PythonLiteral.Quote(f.Dtype.Descr)})")) + "]";
        WriteHeader(output, descr, [length]);
    }

    /// <summary>A whole <c>float64</c> array of <paramref name="values"/>' shape.</summary>
    public static byte[] ToBytes(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var output = new ArrayBufferWriter<byte>(Alignment + (values.Length * 8));
        WriteHeader(output, NpyDtype.Float64, values.GetLength(0), values.GetLength(1));
        var data = output.GetSpan(values.Length * 8);
        var at = 0;
        foreach (var value in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(data[at..], value);
            at += 8;
        }

        output.Advance(at);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>How many code points <paramref name="text"/> holds: its length as a numpy <c>U</c> element.</summary>
    public static int UnicodeLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// <paramref name="text"/> as a numpy <c>U</c> element filling <paramref name="destination"/>: UTF-32
    /// little-endian, padded with NULs.
    /// </summary>
    public static void WriteUnicode(Span<byte> destination, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        destination.Clear();
        var at = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], (uint)rune.Value);
            at += 4;
        }
    }

    /// <summary><paramref name="values"/> as little-endian doubles, straight after a header.</summary>
    public static void WriteDoubles(IBufferWriter<byte> output, ReadOnlySpan<double> values)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = MemoryMarshal.AsBytes(values);
        if (BitConverter.IsLittleEndian)
        {
            output.Write(bytes);
            return;
        }

        foreach (var value in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
            output.Advance(8);
        }
    }

    private static void WriteHeader(IBufferWriter<byte> output, string descr, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(shape);
        var text = $"{{'descr': {descr}, 'fortran_order': False, 'shape': {NpyArray.ShapeText(shape)}, }}";
        if (shape.Length > 0)
        {
            // Room for the first axis to grow to 21 digits in place, as numpy.save leaves it (so the bytes are its own).
            text += new string(' ', Math.Max(0, GrowthDigits - shape[0].ToString(System.Globalization.CultureInfo.InvariantCulture).Length));
        }

        var latin1 = text.All(c => c <= 0xFF);
        var bytes = latin1 ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);
        var major = !latin1 ? 3 : 10 + bytes.Length + 1 <= ushort.MaxValue ? 1 : 2;
        var prefix = major == 1 ? 10 : 12;
        // Spaces, then the newline numpy ends every header with, up to the next 64-byte boundary.
        var padded = bytes.Length + 1 + ((Alignment - ((prefix + bytes.Length + 1) % Alignment)) % Alignment);
        var span = output.GetSpan(prefix + padded);
        span[0] = 0x93;
        "NUMPY"u8.CopyTo(span[1..]);
        span[6] = (byte)major;
        span[7] = 0;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)padded);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)padded);
        }

        bytes.CopyTo(span[prefix..]);
        span.Slice(prefix + bytes.Length, padded - bytes.Length - 1).Fill((byte)' ');
        span[prefix + padded - 1] = (byte)'\n';
        output.Advance(prefix + padded);
    }
}
