using System.Buffers.Binary;
using System.Text;

namespace Workbench.Data.Io;

/// <summary>One named field of a structured (record) array, at <see cref="Offset"/> bytes into each record.</summary>
public sealed record NpyField(string Name, NpyDtype Dtype, int Offset);

/// <summary>
/// An array in numpy's <c>.npy</c> format (versions 1.0, 2.0 and 3.0; <c>numpy.save</c> writes them), read in
/// place: the header's type, shape and order, and the elements' bytes. Simple arrays have a <see cref="Dtype"/>;
/// structured arrays (<c>DataFrame.to_records()</c>) have <see cref="Fields"/> instead. Object arrays are refused:
/// they are pickles.
/// </summary>
public sealed class NpyArray
{
    /// <summary>The media type SageMaker's framework containers and its Python SDK use for <c>.npy</c> payloads.</summary>
    public const string MediaType = "application/x-npy";

    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private NpyArray(NpyDtype? dtype, IReadOnlyList<NpyField> fields, int itemSize, IReadOnlyList<long> shape, bool fortranOrder, ReadOnlyMemory<byte> data, long count)
    {
        Dtype = dtype;
        Fields = fields;
        ItemSize = itemSize;
        Shape = shape;
        FortranOrder = fortranOrder;
        Data = data;
        Count = count;
    }

    /// <summary>The element type of a simple array; null for a structured one.</summary>
    public NpyDtype? Dtype { get; }

    /// <summary>The named fields of a structured array, in order (padding left out); empty for a simple one.</summary>
    public IReadOnlyList<NpyField> Fields { get; }

    public bool IsStructured => Dtype is null;

    /// <summary>Bytes per element (per record for a structured array).</summary>
    public int ItemSize { get; }

    /// <summary>The dimensions; empty for a 0-d array (one element).</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>True when elements are stored column-major (Fortran order).</summary>
    public bool FortranOrder { get; }

    /// <summary>How many elements (records) there are.</summary>
    public long Count { get; }

    /// <summary>The elements' bytes, <see cref="Count"/> × <see cref="ItemSize"/> of them.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The bytes of the element stored at <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Item(long index) => Data.Span.Slice(checked((int)(index * ItemSize)), ItemSize);

    /// <summary>
    /// The storage index of element (<paramref name="row"/>, <paramref name="column"/>) of a 2-d array. A 1-d or 0-d
    /// array is read as one row or one column, so one of the two is 0 and the index is the other.
    /// </summary>
    public long IndexOf(long row, long column) => Shape.Count < 2 ? row + column
        : FortranOrder ? (column * Shape[0]) + row : (row * Shape[1]) + column;

    /// <summary>True when <paramref name="bytes"/> starts with the <c>.npy</c> magic string.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Magic);

    /// <summary>Reads the array in <paramref name="bytes"/> (kept, not copied).</summary>
    /// <param name="bytes">A whole <c>.npy</c> file.</param>
    /// <param name="source">What to call it in errors: a file name, "the request body".</param>
    /// <exception cref="DataFormatException">Not an <c>.npy</c> file, a header that cannot be read, an unsupported type, or a data length that does not match the shape; the message names <paramref name="source"/>.</exception>
    public static NpyArray Read(ReadOnlyMemory<byte> bytes, string source = "the array")
    {
        ArgumentNullException.ThrowIfNull(source);
        var span = bytes.Span;
        if (!HasMagic(span))
        {
            throw new DataFormatException($"{source} is not an .npy array: it does not start with the magic string \\x93NUMPY.");
        }

        if (span.Length < 10)
        {
            throw new DataFormatException($"{source}: the .npy header is cut short ({span.Length} bytes).");
        }

        var major = span[6];
        int headerStart, headerLength;
        switch (major)
        {
            case 1:
                headerStart = 10;
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(span[8..]);
                break;
            case 2 or 3 when span.Length >= 12:
                headerStart = 12;
                var declared = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
                headerLength = declared > int.MaxValue ? int.MaxValue : (int)declared;
                break;
            case 2 or 3:
                throw new DataFormatException($"{source}: the .npy header is cut short ({span.Length} bytes).");
            default:
                throw new DataFormatException($"{source}: .npy format version {major}.{span[7]} is not supported (1.0, 2.0 and 3.0 are).");
        }

        if (headerLength > span.Length - headerStart)
        {
            throw new DataFormatException($"{source}: the .npy header declares {headerLength} bytes but only {span.Length - headerStart} follow.");
        }

        var headerBytes = span.Slice(headerStart, headerLength);
        var header = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        try
        {
            var (dtype, fields, itemSize, shape, fortranOrder) = ParseHeader(header);
            var data = bytes[(headerStart + headerLength)..];
            var count = shape.Aggregate(1L, (product, n) => n == 0 || product <= long.MaxValue / n ? product * n : long.MaxValue);
            var expected = count > long.MaxValue / Math.Max(1, itemSize) ? long.MaxValue : count * itemSize;
            if (expected != data.Length)
            {
                throw new DataFormatException($"{source}: the header's shape {ShapeText(shape)} of '{Describe(dtype, fields)}' needs {expected} bytes of data, but {data.Length} follow the header{(expected > data.Length ? " (the array is cut short)" : string.Empty)}.");
            }

            return new NpyArray(dtype, fields, itemSize, shape, fortranOrder, data, count);
        }
        catch (Exception e) when (e is OverflowException || (e is FormatException && e is not DataFormatException))
        {
            throw new DataFormatException($"{source}: {e.Message}.", e);
        }
    }

    /// <summary>The shape as Python writes a tuple: <c>()</c>, <c>(3,)</c>, <c>(100, 30)</c>.</summary>
    public static string ShapeText(IReadOnlyList<long> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";

    /// <summary>The element type as the header gives it: <c>&lt;f8</c>, or the fields of a record.</summary>
    public string Describe() => Describe(Dtype, Fields);

    private static string Describe(NpyDtype? dtype, IReadOnlyList<NpyField> fields) =>
        dtype?.Descr ?? "[" + string.Join(", ", fields.Select(f => $"('{f.Name}', '{f.Dtype.Descr}')")) + "]";

    private static (NpyDtype? Dtype, IReadOnlyList<NpyField> Fields, int ItemSize, IReadOnlyList<long> Shape, bool FortranOrder) ParseHeader(string header)
    {
        if (PythonLiteral.Parse(header) is not Dictionary<string, object?> dict)
        {
            throw new FormatException("the .npy header is not a dict");
        }

        if (dict.Count != 3 || !dict.ContainsKey("descr") || !dict.ContainsKey("fortran_order") || !dict.ContainsKey("shape"))
        {
            throw new FormatException($"the .npy header must have exactly the keys 'descr', 'fortran_order' and 'shape', not {string.Join(", ", dict.Keys.Select(k => $"'{k}'"))}");
        }

        if (dict["fortran_order"] is not bool fortranOrder)
        {
            throw new FormatException("the header's 'fortran_order' is not True or False");
        }

        if (dict["shape"] is not List<object?> dimensions || dimensions.Any(d => d is not long n || n < 0))
        {
            throw new FormatException("the header's 'shape' is not a tuple of non-negative integers");
        }

        var shape = dimensions.Select(d => (long)d!).ToArray();
        switch (dict["descr"])
        {
            case string simple:
                var dtype = NpyDtype.Parse(simple);
                if (dtype.Kind == NpyKind.Void)
                {
                    throw new FormatException($"dtype '{simple}' (raw bytes) is not supported");
                }

                return (dtype, [], dtype.ItemSize, shape, fortranOrder);
            case List<object?> record:
                var (fields, size) = ParseFields(record);
                return (null, fields, size, shape, fortranOrder);
            default:
                throw new FormatException("the header's 'descr' is neither a type string nor a list of fields");
        }
    }

    private static (IReadOnlyList<NpyField> Fields, int Size) ParseFields(List<object?> record)
    {
        var fields = new List<NpyField>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var offset = 0;
        foreach (var entry in record)
        {
            if (entry is not List<object?> { Count: 2 } pair || pair[0] is not string name || pair[1] is not string type)
            {
                throw new FormatException("a structured array's field must be a (name, type) pair of strings; nested records, sub-arrays and titles are not supported");
            }

            var dtype = NpyDtype.Parse(type);
            if (dtype.Kind == NpyKind.Void && name.Length > 0)
            {
                throw new FormatException($"field '{name}' holds raw bytes ('{type}'), which are not supported");
            }

            // numpy writes the padding of an aligned record as unnamed void fields.
            if (name.Length > 0)
            {
                if (!names.Add(name))
                {
                    throw new FormatException($"field '{name}' appears twice");
                }

                fields.Add(new NpyField(name, dtype, offset));
            }

            offset = checked(offset + dtype.ItemSize);
        }

        return fields.Count > 0 ? (fields, offset) : throw new FormatException("the structured array has no named fields");
    }
}
