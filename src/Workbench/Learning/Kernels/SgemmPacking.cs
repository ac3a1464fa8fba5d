using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Workbench.Learning.Kernels;

/// <summary>
/// Copies blocks of the operands into the panel layouts the micro-kernel streams: A in panels of MR rows
/// (MR values per k step), B in panels of NR columns (NR values per k step), zero-padded at the edges so the
/// kernel never branches. Transposed operands are handled here, so the kernel only sees one layout.
/// </summary>
internal static unsafe class SgemmPacking
{
    /// <summary>Packs op(A)[row0 .. row0+mc, k0 .. k0+kc] where op(A)[i, p] = transA ? a[p·lda + i] : a[i·lda + p].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transA, float* a, int lda, int row0, int k0, int mc, int kc, int mr, float* packed)
    {
        for (var panel = 0; panel < mc; panel += mr)
        {
            var rows = Math.Min(mr, mc - panel);
            var destination = packed + (panel * kc);
            if (transA)
            {
                var source = a + ((long)k0 * lda) + row0 + panel;
                for (var p = 0; p < kc; p++)
                {
                    var from = source + ((long)p * lda);
                    var to = destination + (p * mr);
                    var i = 0;
                    for (; i < rows; i++)
                    {
                        to[i] = from[i];
                    }

                    for (; i < mr; i++)
                    {
                        to[i] = 0f;
                    }
                }
            }
            else if (mr == 8 && rows == 8 && Avx.IsSupported)
            {
                // Eight rows, each contiguous along k: 8x8 transposes turn them into MR-interleaved columns.
                var first = a + ((long)(row0 + panel) * lda) + k0;
                var p = 0;
                for (; p + 8 <= kc; p += 8)
                {
                    Transpose8x8(first + p, lda, destination + (p * 8), 8);
                }

                for (; p < kc; p++)
                {
                    for (var i = 0; i < 8; i++)
                    {
                        destination[(p * 8) + i] = first[((long)i * lda) + p];
                    }
                }
            }
            else
            {
                for (var i = 0; i < mr; i++)
                {
                    var to = destination + i;
                    if (i >= rows)
                    {
                        for (var p = 0; p < kc; p++)
                        {
                            to[p * mr] = 0f;
                        }

                        continue;
                    }

                    var from = a + ((long)(row0 + panel + i) * lda) + k0;
                    for (var p = 0; p < kc; p++)
                    {
                        to[p * mr] = from[p];
                    }
                }
            }
        }
    }

    /// <summary>Packs op(B)[k0 .. k0+kc, col0 + panel·NR ...] for panels [firstPanel, endPanel) where op(B)[p, j] = transB ? b[j·ldb + p] : b[p·ldb + j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transB, float* b, int ldb, int k0, int col0, int nc, int kc, int nr, int firstPanel, int endPanel, float* packed)
    {
        for (var panelIndex = firstPanel; panelIndex < endPanel; panelIndex++)
        {
            var panel = panelIndex * nr;
            var columns = Math.Min(nr, nc - panel);
            var destination = packed + (panel * kc);
            if (!transB)
            {
                var source = b + ((long)k0 * ldb) + col0 + panel;
                for (var p = 0; p < kc; p++)
                {
                    var from = source + ((long)p * ldb);
                    var to = destination + (p * nr);
                    if (columns == nr)
                    {
                        Buffer.MemoryCopy(from, to, nr * sizeof(float), nr * sizeof(float));
                        continue;
                    }

                    var j = 0;
                    for (; j < columns; j++)
                    {
                        to[j] = from[j];
                    }

                    for (; j < nr; j++)
                    {
                        to[j] = 0f;
                    }
                }
            }
            else if (columns == nr && nr % 8 == 0 && Avx.IsSupported)
            {
                // NR stored rows (columns of op(B)), each contiguous along k: transpose 8x8 blocks into k-major panels.
                var first = b + ((long)(col0 + panel) * ldb) + k0;
                var p = 0;
                for (; p + 8 <= kc; p += 8)
                {
                    for (var j = 0; j < nr; j += 8)
                    {
                        Transpose8x8(first + ((long)j * ldb) + p, ldb, destination + (p * nr) + j, nr);
                    }
                }

                for (; p < kc; p++)
                {
                    for (var j = 0; j < nr; j++)
                    {
                        destination[(p * nr) + j] = first[((long)j * ldb) + p];
                    }
                }
            }
            else
            {
                for (var j = 0; j < nr; j++)
                {
                    var to = destination + j;
                    if (j >= columns)
                    {
                        for (var p = 0; p < kc; p++)
                        {
                            to[p * nr] = 0f;
                        }

                        continue;
                    }

                    var from = b + ((long)(col0 + panel + j) * ldb) + k0;
                    for (var p = 0; p < kc; p++)
                    {
                        to[p * nr] = from[p];
                    }
                }
            }
        }
    }

    /// <summary>Reads 8 rows of 8 floats (row stride <paramref name="sourceStride"/>) and writes their transpose (row stride <paramref name="targetStride"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* source, int sourceStride, float* target, int targetStride)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + sourceStride);
        var r2 = Avx.LoadVector256(source + (2L * sourceStride));
        var r3 = Avx.LoadVector256(source + (3L * sourceStride));
        var r4 = Avx.LoadVector256(source + (4L * sourceStride));
        var r5 = Avx.LoadVector256(source + (5L * sourceStride));
        var r6 = Avx.LoadVector256(source + (6L * sourceStride));
        var r7 = Avx.LoadVector256(source + (7L * sourceStride));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(target, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(target + targetStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(target + (2 * targetStride), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(target + (3 * targetStride), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(target + (4 * targetStride), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(target + (5 * targetStride), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(target + (6 * targetStride), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(target + (7 * targetStride), Avx.Permute2x128(s3, s7, 0x31));
    }
}
