namespace Workbench.Learning.Kernels;

/// <summary>
/// Copies blocks of the operands into the panel layouts the micro-kernel streams: A in panels of MR rows
/// (MR values per k step), B in panels of NR columns (NR values per k step), zero-padded at the edges so the
/// kernel never branches. Transposed operands are handled here, so the kernel only sees one layout.
/// </summary>
internal static unsafe class SgemmPacking
{
    /// <summary>Packs op(A)[row0 .. row0+mc, k0 .. k0+kc] where op(A)[i, p] = transA ? a[p·lda + i] : a[i·lda + p].</summary>
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
}
