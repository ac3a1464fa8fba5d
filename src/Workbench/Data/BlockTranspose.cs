using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Workbench.Data;

/// <summary>
/// Transposes a row-major block of doubles, 8 x 8 values at a time in AVX-512 registers (24 shuffles for 64 values)
/// and the edges value by value: a served request's cells go from the rows they arrive in to the columns the schema
/// checks and the transforms work on, and back to the rows the model reads.
/// </summary>
internal static class BlockTranspose
{
    /// <summary><c>destination[c * rows + r] = source[r * columns + c]</c>.</summary>
    public static void Transpose(ReadOnlySpan<double> source, int rows, int columns, Span<double> destination)
    {
        CheckSizes(source.Length, rows, columns, destination.Length);
        Transpose(source, rows, columns, new DoubleTarget(ref MemoryMarshal.GetReference(destination)));
    }

    /// <summary><c>destination[c * rows + r] = (float)source[r * columns + c]</c>: the float32 matrix a model reads.</summary>
    public static void TransposeToSingle(ReadOnlySpan<double> source, int rows, int columns, Span<float> destination)
    {
        CheckSizes(source.Length, rows, columns, destination.Length);
        Transpose(source, rows, columns, new SingleTarget(ref MemoryMarshal.GetReference(destination)));
    }

    private static void CheckSizes(int source, int rows, int columns, int destination)
    {
        if (rows < 0 || columns < 0 || (long)rows * columns > Math.Min(source, destination))
        {
            throw new ArgumentException($"A {rows} x {columns} transpose needs {(long)rows * columns} values; the source holds {source} and the destination {destination}.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose<TTarget>(ReadOnlySpan<double> source, int rows, int columns, TTarget target)
        where TTarget : ITarget, allows ref struct
    {
        ref var first = ref MemoryMarshal.GetReference(source);
        var blocked = Avx512F.IsSupported;
        var blockRows = blocked ? rows & ~7 : 0;
        var blockColumns = blocked ? columns & ~7 : 0;
        for (var r = 0; r < blockRows; r += 8)
        {
            ref var row = ref Unsafe.Add(ref first, (nint)r * columns);
            for (var c = 0; c < blockColumns; c += 8)
            {
                TransposeBlock(ref Unsafe.Add(ref row, c), columns, target, ((nint)c * rows) + r, rows);
            }

            for (var c = blockColumns; c < columns; c++)
            {
                for (var i = 0; i < 8; i++)
                {
                    target.Store(((nint)c * rows) + r + i, Unsafe.Add(ref first, ((nint)(r + i) * columns) + c));
                }
            }
        }

        for (var r = blockRows; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                target.Store(((nint)c * rows) + r, Unsafe.Add(ref first, ((nint)r * columns) + c));
            }
        }
    }

    // Unpack pairs of rows, then interleave pairs of pairs, then halves: column j of the block ends in one register.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeBlock<TTarget>(ref double block, int columns, TTarget target, nint at, int rows)
        where TTarget : ITarget, allows ref struct
    {
        var r0 = Vector512.LoadUnsafe(ref block);
        var r1 = Vector512.LoadUnsafe(ref block, (nuint)columns);
        var r2 = Vector512.LoadUnsafe(ref block, (nuint)(2 * columns));
        var r3 = Vector512.LoadUnsafe(ref block, (nuint)(3 * columns));
        var r4 = Vector512.LoadUnsafe(ref block, (nuint)(4 * columns));
        var r5 = Vector512.LoadUnsafe(ref block, (nuint)(5 * columns));
        var r6 = Vector512.LoadUnsafe(ref block, (nuint)(6 * columns));
        var r7 = Vector512.LoadUnsafe(ref block, (nuint)(7 * columns));

        // Even columns of rows 0 and 1 interleaved, odd ones, and so on for the other pairs of rows.
        var t0 = Avx512F.UnpackLow(r0, r1);
        var t1 = Avx512F.UnpackHigh(r0, r1);
        var t2 = Avx512F.UnpackLow(r2, r3);
        var t3 = Avx512F.UnpackHigh(r2, r3);
        var t4 = Avx512F.UnpackLow(r4, r5);
        var t5 = Avx512F.UnpackHigh(r4, r5);
        var t6 = Avx512F.UnpackLow(r6, r7);
        var t7 = Avx512F.UnpackHigh(r6, r7);

        // Columns (0, 4), (2, 6), (1, 5), (3, 7) of four rows each.
        var pairsLow = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
        var pairsHigh = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
        var s0 = Avx512F.PermuteVar8x64x2(t0, pairsLow, t2);
        var s1 = Avx512F.PermuteVar8x64x2(t0, pairsHigh, t2);
        var s2 = Avx512F.PermuteVar8x64x2(t1, pairsLow, t3);
        var s3 = Avx512F.PermuteVar8x64x2(t1, pairsHigh, t3);
        var s4 = Avx512F.PermuteVar8x64x2(t4, pairsLow, t6);
        var s5 = Avx512F.PermuteVar8x64x2(t4, pairsHigh, t6);
        var s6 = Avx512F.PermuteVar8x64x2(t5, pairsLow, t7);
        var s7 = Avx512F.PermuteVar8x64x2(t5, pairsHigh, t7);

        var halvesLow = Vector512.Create(0L, 1, 2, 3, 8, 9, 10, 11);
        var halvesHigh = Vector512.Create(4L, 5, 6, 7, 12, 13, 14, 15);
        target.Store(at, Avx512F.PermuteVar8x64x2(s0, halvesLow, s4));
        target.Store(at + rows, Avx512F.PermuteVar8x64x2(s2, halvesLow, s6));
        target.Store(at + (2 * (nint)rows), Avx512F.PermuteVar8x64x2(s1, halvesLow, s5));
        target.Store(at + (3 * (nint)rows), Avx512F.PermuteVar8x64x2(s3, halvesLow, s7));
        target.Store(at + (4 * (nint)rows), Avx512F.PermuteVar8x64x2(s0, halvesHigh, s4));
        target.Store(at + (5 * (nint)rows), Avx512F.PermuteVar8x64x2(s2, halvesHigh, s6));
        target.Store(at + (6 * (nint)rows), Avx512F.PermuteVar8x64x2(s1, halvesHigh, s5));
        target.Store(at + (7 * (nint)rows), Avx512F.PermuteVar8x64x2(s3, halvesHigh, s7));
    }

    private interface ITarget
    {
        void Store(nint at, double value);

        void Store(nint at, Vector512<double> values);
    }

    private readonly ref struct DoubleTarget(ref double first) : ITarget
    {
        private readonly ref double _first = ref first;

        public void Store(nint at, double value) => Unsafe.Add(ref _first, at) = value;

        public void Store(nint at, Vector512<double> values) => values.StoreUnsafe(ref Unsafe.Add(ref _first, at));
    }

    private readonly ref struct SingleTarget(ref float first) : ITarget
    {
        private readonly ref float _first = ref first;

        public void Store(nint at, double value) => Unsafe.Add(ref _first, at) = (float)value;

        public void Store(nint at, Vector512<double> values) => Avx512F.ConvertToVector256Single(values).StoreUnsafe(ref Unsafe.Add(ref _first, at));
    }
}
