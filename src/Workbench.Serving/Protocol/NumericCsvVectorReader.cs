using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Workbench.Data;

namespace Workbench.Serving.Protocol;

/// <summary>
/// <see cref="NumericCsvReader"/>'s way on a machine with AVX-512: the body's field starts are found first
/// (<see cref="CsvFieldStarts"/>), then eight fields at a time are read as numbers in the lanes of one register, and
/// either kept as doubles or, for a model whose request is laid out as its matrix, checked and scaled into the matrix
/// while still in the register (<see cref="RowScaling"/>).
/// The row-by-row scan spends most of its instructions stepping a byte at a time; here the only per-byte work is the
/// structural pass, and a field of up to eight characters (an optional minus sign, digits, at most one decimal point)
/// becomes a double with a few dozen vector instructions shared by eight fields. The double is the row-by-row scan's:
/// at most eight digits are an exact integer, divided by an exact power of ten at most 10^7 (Clinger's fast path).
/// Any other field (longer, an exponent, spaces, a plus sign) is read alone by <see cref="PlainNumberRow.TryReadField(ReadOnlySpan{byte}, int, int, out double)"/>.
/// </summary>
internal static class NumericCsvVectorReader
{
    /// <summary>Whether this machine runs the 512-bit instructions the reader uses.</summary>
    public static bool IsSupported { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx512BW.IsSupported && Avx512CD.IsSupported && Avx512DQ.IsSupported;

    /// <summary>What <see cref="TryRead"/> or <see cref="TryReadScaled"/> made of a body.</summary>
    public enum Outcome
    {
        /// <summary>Every field is a finite number, and the buffer holds them.</summary>
        Read,

        /// <summary>The body is not a plain grid of <c>columns</c> fields per line (or has quotes or carriage returns): read it row by row.</summary>
        NotAGrid,

        /// <summary>A field is not one finite number: the body must be read the general way, which names the field.</summary>
        NotANumber,

        /// <summary>A value the schema or the scaling refuses, or more rows than the plan takes: the general way decides.</summary>
        Refused,
    }

    /// <summary>
    /// Reads <paramref name="body"/> as lines of <paramref name="columns"/> numbers into a pooled column-major buffer
    /// (column i at <c>[i * rows, (i + 1) * rows)</c>) that the caller returns to <see cref="ArrayPool{T}.Shared"/>;
    /// null unless the outcome is <see cref="Outcome.Read"/>.
    /// </summary>
    public static Outcome TryRead(ReadOnlySpan<byte> body, int columns, out double[]? values, out int rows)
    {
        values = null;
        var starts = ArrayPool<int>.Shared.Rent(CsvFieldStarts.Capacity(body.Length));
        try
        {
            var grid = FindGrid(body, columns, starts, out rows);
            if (grid != Outcome.Read)
            {
                return grid;
            }

            var fields = rows * columns;
            var read = ArrayPool<double>.Shared.Rent(fields);
            if (TryReadFields(body, starts, fields, new Numbers(read)) != Outcome.Read)
            {
                ArrayPool<double>.Shared.Return(read);
                return Outcome.NotANumber;
            }

            values = ArrayPool<double>.Shared.Rent(fields);
            BlockTranspose.Transpose(read.AsSpan(0, fields), rows, columns, values);
            ArrayPool<double>.Shared.Return(read);
            return Outcome.Read;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
        }
    }

    /// <summary>
    /// Reads <paramref name="body"/> as lines of <see cref="RowScaling.Width"/> numbers, checking and scaling each as it
    /// is read, straight into the model's float32 matrix (row-major, as the body is): null unless the outcome is
    /// <see cref="Outcome.Read"/>. A body of more than <paramref name="rowLimit"/> rows is <see cref="Outcome.Refused"/>
    /// before its fields are read.
    /// </summary>
    public static Outcome TryReadScaled(ReadOnlySpan<byte> body, RowScaling scaling, int rowLimit, out float[]? matrix, out int rows)
    {
        matrix = null;
        var starts = ArrayPool<int>.Shared.Rent(CsvFieldStarts.Capacity(body.Length));
        try
        {
            var grid = FindGrid(body, scaling.Width, starts, out rows);
            if (grid != Outcome.Read || rows > rowLimit)
            {
                return grid != Outcome.Read ? grid : Outcome.Refused;
            }

            var fields = rows * scaling.Width;
            var output = GC.AllocateUninitializedArray<float>(fields);
            var outcome = TryReadFields(body, starts, fields, new ScaledNumbers(scaling, output));
            matrix = outcome == Outcome.Read ? output : null;
            return outcome;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
        }
    }

    // The field starts of a body that is a grid of `columns` fields per line, and how many rows it has.
    private static Outcome FindGrid(ReadOnlySpan<byte> body, int columns, int[] starts, out int rows)
    {
        rows = 0;
        var entries = CsvFieldStarts.Find(body, starts, out var lineFeeds);
        if (entries < 2 || (entries - 1) % columns != 0)
        {
            return Outcome.NotAGrid;
        }

        rows = (entries - 1) / columns;
        return EveryLineHoldsOneRow(body, starts, rows, columns, lineFeeds) ? Outcome.Read : Outcome.NotAGrid;
    }

    // Each row's last field must end at a line feed (or the body's end). With exactly as many line feeds as those
    // rows' ends, no other field can end at one.
    private static bool EveryLineHoldsOneRow(ReadOnlySpan<byte> body, int[] starts, int rows, int columns, int lineFeeds)
    {
        if (lineFeeds != (body[^1] == (byte)'\n' ? rows : rows - 1))
        {
            return false;
        }

        for (var r = 1; r <= rows; r++)
        {
            var separator = starts[r * columns] - 1;
            if (separator < body.Length && body[separator] != (byte)'\n')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where the numbers read go: eight consecutive fields at a time, or one (a body's last few).</summary>
    private interface IFieldSink
    {
        /// <summary>Fields <paramref name="first"/> to <paramref name="first"/> + 7; false to stop reading.</summary>
        bool TryTakeEight(nint first, Vector512<double> numbers);

        bool TryTakeOne(int field, double number);
    }

    /// <summary>The numbers as read, row-major.</summary>
    private readonly struct Numbers(double[] values) : IFieldSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryTakeEight(nint first, Vector512<double> numbers)
        {
            numbers.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(values), (nuint)first);
            return true;
        }

        public bool TryTakeOne(int field, double number)
        {
            values[field] = number;
            return true;
        }
    }

    /// <summary>The numbers checked and scaled into the model's matrix; the eight-field groups come in order, so the column of the first is carried from one to the next.</summary>
    private struct ScaledNumbers(RowScaling scaling, float[] matrix) : IFieldSink
    {
        private int _column;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryTakeEight(nint first, Vector512<double> numbers)
        {
            var taken = scaling.TryScaleEight(numbers, _column, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(matrix), first));
            _column = scaling.EightOn(_column);
            return taken;
        }

        public readonly bool TryTakeOne(int field, double number) => scaling.TryScale(number, field % scaling.Width, out matrix[field]);
    }

    /// <summary>
    /// Field k of <paramref name="body"/> as a number, given to <paramref name="sink"/>: <see cref="Outcome.NotANumber"/>
    /// at the first field that is not one, <see cref="Outcome.Refused"/> where the sink refuses one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static Outcome TryReadFields<TSink>(ReadOnlySpan<byte> body, int[] starts, int fields, TSink sink)
        where TSink : struct, IFieldSink
    {
        ref var bytes = ref MemoryMarshal.GetReference(body);
        ref var start = ref MemoryMarshal.GetArrayDataReference(starts);
        Span<double> lanes = stackalloc double[Vector512<double>.Count];

        // Lanes read eight bytes from each field's start, so a group's fields must all start eight bytes before the end.
        var grouped = 0;
        while (grouped + 8 <= fields && Unsafe.Add(ref start, grouped + 7) + 8 <= body.Length)
        {
            grouped += 8;
        }

        // A native-sized index, so the eight loads address the starts without sign extensions.
        for (nint k = 0; k < grouped; k += 8)
        {
            ref var group = ref Unsafe.Add(ref start, k);
            var first = Vector256.LoadUnsafe(ref group);
            var lengths = Vector256.LoadUnsafe(ref group, 1) - first - Vector256<int>.One;
            var chunks = Vector512.Create(
                Read8(ref bytes, group),
                Read8(ref bytes, Unsafe.Add(ref group, 1)),
                Read8(ref bytes, Unsafe.Add(ref group, 2)),
                Read8(ref bytes, Unsafe.Add(ref group, 3)),
                Read8(ref bytes, Unsafe.Add(ref group, 4)),
                Read8(ref bytes, Unsafe.Add(ref group, 5)),
                Read8(ref bytes, Unsafe.Add(ref group, 6)),
                Read8(ref bytes, Unsafe.Add(ref group, 7)));
            var numbers = EightNumbers(chunks, Avx512F.ConvertToVector512Int64(lengths).AsUInt64(), out var read);
            var others = (uint)(~read).ExtractMostSignificantBits() & 0xFF;
            if (others != 0)
            {
                numbers.CopyTo(lanes);
                if (!TryReadOthers(body, ref group, others, lanes))
                {
                    return Outcome.NotANumber;
                }

                numbers = Vector512.Create<double>(lanes);
            }

            if (!sink.TryTakeEight(k, numbers))
            {
                return Outcome.Refused;
            }
        }

        for (var field = grouped; field < fields; field++)
        {
            if (!PlainNumberRow.TryReadField(body, Unsafe.Add(ref start, field), Unsafe.Add(ref start, field + 1) - 1, out var number))
            {
                return Outcome.NotANumber;
            }

            if (!sink.TryTakeOne(field, number))
            {
                return Outcome.Refused;
            }
        }

        return Outcome.Read;
    }

    /// <summary>The fields of a group the lanes could not read (longer, an exponent, spaces, a plus sign), each read alone into its lane.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryReadOthers(ReadOnlySpan<byte> body, ref int group, uint others, Span<double> lanes)
    {
        while (others != 0)
        {
            var lane = BitOperations.TrailingZeroCount(others);
            others &= others - 1;
            if (!PlainNumberRow.TryReadField(body, Unsafe.Add(ref group, lane), Unsafe.Add(ref group, lane + 1) - 1, out lanes[lane]))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read8(ref byte bytes, int at) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, (nint)at));

    /// <summary>
    /// The numbers in the first <paramref name="lengths"/> bytes of each lane of <paramref name="chunks"/> (the first
    /// character in the lowest byte); <paramref name="read"/> is all ones in the lanes that hold one this way reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> EightNumbers(Vector512<ulong> chunks, Vector512<ulong> lengths, out Vector512<ulong> read)
    {
        var allOnes = Vector512<ulong>.AllBitsSet;
        var negative = Vector512.Equals(chunks & Vector512.Create(0xFFUL), Vector512.Create((ulong)'-'));
        chunks = Vector512.ConditionalSelect(negative, chunks >> 8, chunks);
        lengths += negative;

        // One to eight characters after the sign; a sign leaves seven of the lane's eight bytes.
        read = Vector512.LessThanOrEqual(lengths - Vector512<ulong>.One, Vector512.ConditionalSelect(negative, Vector512.Create(6UL), Vector512.Create(7UL)));
        var inField = ~Avx512F.ShiftLeftLogicalVariable(allOnes, lengths << 3);
        chunks &= inField;

        // Every byte in the field is a digit but for at most one decimal point.
        var characters = chunks.AsByte();
        var points = Vector512.Equals(characters, Vector512.Create((byte)'.')).AsUInt64() & inField;
        var notDigits = ~Vector512.LessThanOrEqual(characters - Vector512.Create((byte)'0'), Vector512.Create((byte)9)).AsUInt64() & inField;
        var firstPoint = points & (Vector512<ulong>.Zero - points);
        read &= Vector512.Equals(notDigits, points) & Vector512.Equals(points, (firstPoint << 8) - firstPoint);

        // The digits without the point, and how many follow it.
        var hasPoint = ~Vector512.Equals(points, Vector512<ulong>.Zero);
        var beforePoint = firstPoint - Vector512<ulong>.One;
        var digitBytes = (chunks & beforePoint) | ((chunks >> 8) & ~beforePoint);
        var digits = lengths + hasPoint;
        read &= ~Vector512.Equals(digits, Vector512<ulong>.Zero);
        var pointAt = (Vector512.Create(63UL) - Avx512CD.LeadingZeroCount(firstPoint)) >> 3;
        var decimals = hasPoint & (lengths - Vector512<ulong>.One - pointAt);

        // Right-align the digits (leading zero bytes; what follows them is shifted out), then 8 digits -> 4 pairs ->
        // 2 quads -> one integer.
        var values = Avx512F.ShiftLeftLogicalVariable(digitBytes ^ Vector512.Create(0x3030303030303030UL), Vector512.Create(64UL) - (digits << 3));
        var pairs = Avx512BW.MultiplyAddAdjacent(values.AsByte(), Vector512.Create(0x010A010A).AsSByte());
        var quads = Avx512BW.MultiplyAddAdjacent(pairs, Vector512.Create(0x00010064).AsInt16()).AsUInt64();
        var integers = Avx512F.Multiply(quads.AsUInt32(), Vector512.Create(10000UL).AsUInt32()) + (quads >> 32);

        var powers = Vector512.Create(1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7);
        var numbers = Avx512DQ.ConvertToVector512Double(integers) / Avx512F.PermuteVar8x64(powers, decimals.AsInt64());
        return (numbers.AsUInt64() ^ (negative & Vector512.Create(0x8000000000000000UL))).AsDouble();
    }
}
