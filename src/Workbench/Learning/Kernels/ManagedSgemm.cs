using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Workbench.Learning.Kernels;

/// <summary>
/// A blocked, packed, multi-threaded single-precision GEMM in the Goto/BLIS scheme: B is packed in blocks of
/// KC x NC (shared by all threads, resident in L2/L3), A in blocks of MC x KC per thread (L2), and the
/// micro-kernel streams one KC x NR panel of B from L1 against MR-row panels of A.
/// </summary>
/// <remarks>
/// Determinism: every element of C is computed by exactly one task, its k loop runs in the same block order
/// whatever the thread count, and block sizes never depend on threads — so results are bit-identical for 1 or
/// N threads. Row-major throughout; transposes are absorbed by packing.
/// </remarks>
internal static unsafe class ManagedSgemm
{
    public const int KC = 256;
    public const int NC = 3072;

    /// <summary>Below this many flops (about 20 µs of one core) waking a second thread costs more than it saves.</summary>
    public const long ParallelThresholdFlops = 1L << 22;

    /// <summary>Packing B on several threads pays only for large blocks.</summary>
    private const int ParallelPackElements = 1 << 18;

    [ThreadStatic]
    private static float[]? t_packedA;

    [ThreadStatic]
    private static float[]? t_packedB;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(
        SgemmMicroKernel kernel, int threads, bool transA, bool transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        if (m <= 0 || n <= 0)
        {
            return;
        }

        if (k <= 0 || alpha == 0f)
        {
            ScaleC(m, n, beta, c, ldc);
            return;
        }

        var mr = kernel.MR;
        var nr = kernel.NR;
        var mc = mr * 16;
        var nc = NC / nr * nr;
        var workers = 2L * m * n * k < ParallelThresholdFlops ? 1 : Math.Max(1, threads);
        var packedB = PinnedBuffer(ref t_packedB, KC * nc);
        var context = new BlockContext
        {
            Kernel = kernel,
            TransA = transA,
            A = a,
            Lda = lda,
            M = m,
            Alpha = alpha,
            C = c,
            Ldc = ldc,
            PackedB = packedB,
            Mc = mc,
        };

        for (var jc = 0; jc < n; jc += nc)
        {
            var ncCurrent = Math.Min(nc, n - jc);
            var panels = (ncCurrent + nr - 1) / nr;
            for (var pc = 0; pc < k; pc += KC)
            {
                var kc = Math.Min(KC, k - pc);
                context.Jc = jc;
                context.Pc = pc;
                context.Kc = kc;
                context.NcCurrent = ncCurrent;
                context.Beta = pc == 0 ? beta : 1f;

                var icBlocks = (m + mc - 1) / mc;
                if (workers == 1)
                {
                    SgemmPacking.PackB(transB, b, ldb, pc, jc, ncCurrent, kc, nr, 0, panels, packedB);
                    context.Compute(0, m, 0, panels);
                    continue;
                }

                var ctx = context;
                if (kc * ncCurrent < ParallelPackElements)
                {
                    SgemmPacking.PackB(transB, b, ldb, pc, jc, ncCurrent, kc, nr, 0, panels, packedB);
                }
                else
                {
                    var splitB = Math.Min(workers, panels);
                    var pb = b;
                    Parallel.For(0, splitB, Options(workers), part =>
                    {
                        var (first, end) = Range(panels, splitB, part);
                        SgemmPacking.PackB(transB, pb, ldb, pc, jc, ncCurrent, kc, nr, first, end, ctx.PackedB);
                    });
                }

                var nSplit = icBlocks >= workers ? 1 : Math.Min(panels, (workers + icBlocks - 1) / icBlocks);
                Parallel.For(0, icBlocks * nSplit, Options(workers), task =>
                {
                    var block = task / nSplit;
                    var (first, end) = Range(panels, nSplit, task % nSplit);
                    var rowStart = block * ctx.Mc;
                    ctx.Compute(rowStart, Math.Min(ctx.Mc, ctx.M - rowStart), first, end);
                });
            }
        }
    }

    /// <summary>The same product on managed arrays (pinned for the call).</summary>
    public static void Multiply(
        SgemmMicroKernel kernel, int threads, bool transA, bool transB, int m, int n, int k,
        float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            Multiply(kernel, threads, transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    private static ParallelOptions Options(int workers) => new() { MaxDegreeOfParallelism = workers };

    private static (int First, int End) Range(int count, int parts, int part)
    {
        var size = count / parts;
        var extra = count % parts;
        var first = (part * size) + Math.Min(part, extra);
        return (first, first + size + (part < extra ? 1 : 0));
    }

    private static void ScaleC(int m, int n, float beta, float* c, int ldc)
    {
        for (var i = 0; i < m; i++)
        {
            var row = new Span<float>(c + ((long)i * ldc), n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else if (beta != 1f)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    /// <summary>A per-thread buffer on the pinned heap, grown on demand and kept for the thread's lifetime.</summary>
    private static float* PinnedBuffer(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = GC.AllocateUninitializedArray<float>(length, pinned: true);
        }

        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
    }

    private sealed class BlockContext
    {
        public required SgemmMicroKernel Kernel { get; init; }

        public required bool TransA { get; init; }

        public required float* A { get; init; }

        public required int Lda { get; init; }

        public required int M { get; init; }

        public required float Alpha { get; init; }

        public required float* C { get; init; }

        public required int Ldc { get; init; }

        public required float* PackedB { get; init; }

        public required int Mc { get; init; }

        public int Jc { get; set; }

        public int Pc { get; set; }

        public int Kc { get; set; }

        public int NcCurrent { get; set; }

        public float Beta { get; set; }

        /// <summary>Rows [rowStart, rowStart + rows) of C against B panels [firstPanel, endPanel), in MC row blocks.</summary>
        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Compute(int rowStart, int rows, int firstPanel, int endPanel)
        {
            var mr = Kernel.MR;
            var nr = Kernel.NR;
            var run = Kernel.Run;
            var packedA = PinnedBuffer(ref t_packedA, Mc * KC);
            var tile = stackalloc float[mr * nr];
            for (var ic = rowStart; ic < rowStart + rows; ic += Mc)
            {
                var mcCurrent = Math.Min(Mc, rowStart + rows - ic);
                SgemmPacking.PackA(TransA, A, Lda, ic, Pc, mcCurrent, Kc, mr, packedA);
                for (var panel = firstPanel; panel < endPanel; panel++)
                {
                    var jr = panel * nr;
                    var columns = Math.Min(nr, NcCurrent - jr);
                    var bPanel = PackedB + (jr * Kc);
                    for (var ir = 0; ir < mcCurrent; ir += mr)
                    {
                        var panelRows = Math.Min(mr, mcCurrent - ir);
                        var cTile = C + ((long)(ic + ir) * Ldc) + Jc + jr;
                        if (panelRows == mr && columns == nr)
                        {
                            run(Kc, packedA + (ir * Kc), bPanel, cTile, Ldc, Alpha, Beta);
                            continue;
                        }

                        run(Kc, packedA + (ir * Kc), bPanel, tile, nr, 1f, 0f);
                        for (var i = 0; i < panelRows; i++)
                        {
                            var cRow = cTile + ((long)i * Ldc);
                            var tRow = tile + (i * nr);
                            for (var j = 0; j < columns; j++)
                            {
                                cRow[j] = Beta == 0f ? Alpha * tRow[j] : (Alpha * tRow[j]) + (Beta * cRow[j]);
                            }
                        }
                    }
                }
            }
        }
    }
}
