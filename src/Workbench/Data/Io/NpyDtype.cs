using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Workbench.Data.Io;

/// <summary>What an element of an <c>.npy</c> array holds.</summary>
public enum NpyKind
{
    /// <summary><c>b1</c>: one byte, 0 or 1.</summary>
    Boolean,

    /// <summary><c>i1</c>, <c>i2</c>, <c>i4</c>, <c>i8</c>.</summary>
    Integer,

    /// <summary><c>u1</c>, <c>u2</c>, <c>u4</c>, <c>u8</c>.</summary>
    Unsigned,

    /// <summary><c>f2</c>, <c>f4</c>, <c>f8</c>.</summary>
    Float,

    /// <summary><c>U<i>n</i></c>: <i>n</i> UTF-32 code points, padded with NULs.</summary>
    Unicode,

    /// <summary><c>S<i>n</i></c>: <i>n</i> bytes, padded with NULs.</summary>
    Bytes,

    /// <summary><c>V<i>n</i></c>: raw bytes; only read as the unnamed padding numpy puts between aligned fields.</summary>
    Void,
}

/// <summary>
/// One of numpy's simple element types as an <c>.npy</c> header spells it (<c>'&lt;f8'</c>, <c>'|b1'</c>,
/// <c>'&lt;U12'</c>): kind, size in bytes and byte order, with readers for one element's bytes. Object arrays
/// (<c>'|O'</c>) are Python pickles and are refused, as <c>numpy.load(allow_pickle=False)</c> refuses them.
/// </summary>
public sealed record NpyDtype(NpyKind Kind, int ItemSize, bool BigEndian)
{
    public static NpyDtype Float64 { get; } = new(NpyKind.Float, 8, false);

    public static NpyDtype Float32 { get; } = new(NpyKind.Float, 4, false);

    public static NpyDtype Int64 { get; } = new(NpyKind.Integer, 8, false);

    /// <summary>Fixed-width text of <paramref name="characters"/> code points (at least one, as numpy's <c>&lt;U1</c>).</summary>
    public static NpyDtype Unicode(int characters) => new(NpyKind.Unicode, 4 * Math.Max(1, characters), false);

    /// <summary>True for the kinds read as numbers (booleans excluded).</summary>
    public bool IsNumeric => Kind is NpyKind.Integer or NpyKind.Unsigned or NpyKind.Float;

    /// <summary>The header's spelling, e.g. <c>&lt;f8</c>, <c>|b1</c>, <c>&lt;U7</c>.</summary>
    public string Descr
    {
        get
        {
            var order = ItemSize == 1 || Kind is NpyKind.Bytes or NpyKind.Void ? '|' : BigEndian ? '>' : '<';
            return Kind switch
            {
                NpyKind.Unicode => $"{order}U{ItemSize / 4}",
                NpyKind.Bytes => $"|S{ItemSize}",
                NpyKind.Void => $"|V{ItemSize}",
                _ => $"{order}{Code(Kind)}{ItemSize}",
            };
        }
    }

    /// <summary>Reads a type string such as <c>&lt;f8</c>.</summary>
    /// <exception cref="FormatException">An unknown or unsupported type, naming it and what is supported.</exception>
    public static NpyDtype Parse(string descr)
    {
        ArgumentNullException.ThrowIfNull(descr);
        var text = descr;
        var bigEndian = false;
        if (text.Length > 0 && text[0] is '<' or '>' or '|' or '=')
        {
            bigEndian = text[0] == '>' || (text[0] == '=' && !BitConverter.IsLittleEndian);
            text = text[1..];
        }

        if (text.Length >= 1 && text[0] is 'O')
        {
            throw new FormatException($"dtype '{descr}' is an object array, stored as a Python pickle, which is not loaded (numpy.load(allow_pickle=False) refuses it too); send numbers, booleans or fixed-width strings");
        }

        if (text.Length < 2 || !int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            throw Unsupported(descr);
        }

        var dtype = text[0] switch
        {
            'b' when size == 1 => new NpyDtype(NpyKind.Boolean, 1, false),
            'i' when size is 1 or 2 or 4 or 8 => new NpyDtype(NpyKind.Integer, size, bigEndian),
            'u' when size is 1 or 2 or 4 or 8 => new NpyDtype(NpyKind.Unsigned, size, bigEndian),
            'f' when size is 2 or 4 or 8 => new NpyDtype(NpyKind.Float, size, bigEndian),
            'U' when size <= int.MaxValue / 4 => new NpyDtype(NpyKind.Unicode, size * 4, bigEndian),
            'S' or 'a' => new NpyDtype(NpyKind.Bytes, size, false),
            'V' => new NpyDtype(NpyKind.Void, size, false),
            _ => null,
        };
        return dtype ?? throw Unsupported(descr);
    }

    /// <summary>An integer element exactly, or a float element when it is a whole number in range (false otherwise).</summary>
    public bool TryReadInt64(ReadOnlySpan<byte> item, out long value)
    {
        switch (Kind)
        {
            case NpyKind.Integer:
                value = ReadSigned(item);
                return true;
            case NpyKind.Unsigned:
                var unsigned = ReadUnsigned(item);
                value = (long)unsigned;
                return unsigned <= long.MaxValue;
            case NpyKind.Boolean:
                value = item[0] != 0 ? 1 : 0;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>A numeric or boolean element as a double (integers beyond 2^53 rounded, as numpy's astype rounds them).</summary>
    public double ReadDouble(ReadOnlySpan<byte> item) => Kind switch
    {
        NpyKind.Float => ItemSize switch
        {
            8 => BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(item) : BinaryPrimitives.ReadDoubleLittleEndian(item),
            4 => BigEndian ? BinaryPrimitives.ReadSingleBigEndian(item) : BinaryPrimitives.ReadSingleLittleEndian(item),
            _ => (double)(BigEndian ? BinaryPrimitives.ReadHalfBigEndian(item) : BinaryPrimitives.ReadHalfLittleEndian(item)),
        },
        NpyKind.Integer => ReadSigned(item),
        NpyKind.Unsigned => ReadUnsigned(item),
        NpyKind.Boolean => item[0] != 0 ? 1 : 0,
        _ => throw new InvalidOperationException($"a '{Descr}' element is not a number"),
    };

    /// <summary>A text element (<c>U</c> or <c>S</c>) as UTF-8, trailing NULs removed as numpy removes them.</summary>
    /// <exception cref="FormatException">A code point that is not a Unicode scalar value.</exception>
    public byte[] ReadUtf8(ReadOnlySpan<byte> item)
    {
        if (Kind == NpyKind.Bytes)
        {
            return item[..(item.LastIndexOfAnyExcept((byte)0) + 1)].ToArray();
        }

        if (Kind != NpyKind.Unicode)
        {
            throw new InvalidOperationException($"a '{Descr}' element is not text");
        }

        var builder = new StringBuilder(item.Length / 4);
        var length = item.Length / 4;
        while (length > 0 && ReadCodePoint(item, length - 1) == 0)
        {
            length--;
        }

        for (var i = 0; i < length; i++)
        {
            var codePoint = ReadCodePoint(item, i);
            if (!Rune.TryCreate(codePoint, out var rune))
            {
                throw new FormatException($"U+{codePoint:X} is not a Unicode character");
            }

            builder.Append(rune.ToString());
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private uint ReadCodePoint(ReadOnlySpan<byte> item, int index) => BigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(item.Slice(index * 4, 4))
        : BinaryPrimitives.ReadUInt32LittleEndian(item.Slice(index * 4, 4));

    private long ReadSigned(ReadOnlySpan<byte> item) => ItemSize switch
    {
        1 => (sbyte)item[0],
        2 => BigEndian ? BinaryPrimitives.ReadInt16BigEndian(item) : BinaryPrimitives.ReadInt16LittleEndian(item),
        4 => BigEndian ? BinaryPrimitives.ReadInt32BigEndian(item) : BinaryPrimitives.ReadInt32LittleEndian(item),
        _ => BigEndian ? BinaryPrimitives.ReadInt64BigEndian(item) : BinaryPrimitives.ReadInt64LittleEndian(item),
    };

    private ulong ReadUnsigned(ReadOnlySpan<byte> item) => ItemSize switch
    {
        1 => item[0],
        2 => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(item) : BinaryPrimitives.ReadUInt16LittleEndian(item),
        4 => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(item) : BinaryPrimitives.ReadUInt32LittleEndian(item),
        _ => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(item) : BinaryPrimitives.ReadUInt64LittleEndian(item),
    };

    private static char Code(NpyKind kind) => kind switch
    {
        NpyKind.Boolean => 'b',
        NpyKind.Integer => 'i',
        NpyKind.Unsigned => 'u',
        _ => 'f',
    };

    private static FormatException Unsupported(string descr) =>
        new($"dtype '{descr}' is not supported; send bool, int8 to int64, uint8 to uint64, float16/32/64, or fixed-width strings (U, S)");
}
