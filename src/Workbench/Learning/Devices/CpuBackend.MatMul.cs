using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Workbench.Data;
using Workbench.Learning.Kernels;
using Workbench.Learning.Tensors;
using Tensor = Workbench.Learning.Tensors.Tensor;

namespace Workbench.Learning.Devices;

public sealed partial class CpuBackend
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void MatMul(Tensor a, Tensor b, Tensor c, float alpha = 1f, float beta = 0f)
    {
        RequireMatrix(a, nameof(a));
        RequireMatrix(b, nameof(b));
        RequireMatrix(c, nameof(c));
        int m = a.Rows, k = a.Columns, n = b.Columns;
        if (b.Rows != k || c.Rows != m || c.Columns != n)
        {
            throw new ArgumentException(
                $"MatMul shapes do not line up: a {TensorShape.Format(a.ShapeArray)} x b {TensorShape.Format(b.ShapeArray)} -> c {TensorShape.Format(c.ShapeArray)}.");
        }

        var (aData, aOffset, transA, lda) = GemmOperand(a);
        var (bData, bOffset, transB, ldb) = GemmOperand(b);
        if (c.Stride(1) != 1 && n > 1)
        {
            throw new ArgumentException("MatMul's output must have contiguous rows (stride 1 in its last dimension).", nameof(c));
        }

        var ldc = Math.Max(c.Stride(0), n);
        var cData = Data(c);
        fixed (float* pa = aData, pb = bData, pc = cData)
        {
            Sgemm(transA, transB, m, n, k, alpha, pa + aOffset, lda, pb + bOffset, ldb, beta, pc + c.Offset, ldc);
        }
    }

    /// <summary>
    /// Row-major SGEMM on raw pointers, <c>C = alpha · op(A) · op(B) + beta · C</c>, with this backend's
    /// provider and thread count (for benchmarks and callers that manage their own memory).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        if (ActiveGemm == GemmProvider.OpenBlas && m > 0 && n > 0)
        {
            if (!OpenBlas.IsAvailable)
            {
                throw new InvalidOperationException($"The GEMM provider is OpenBLAS ({CpuBackendOptions.GemmVariable} or CpuBackend.Gemm) but {OpenBlas.LoadError}");
            }

            OpenBlas.Sgemm(Threads, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }

        ManagedSgemm.Multiply(SgemmMicroKernel.Best, Threads, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Row-major SGEMM on arrays, <c>C = alpha · op(A) · op(B) + beta · C</c>, with this backend's provider and threads.</summary>
    public unsafe void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        RequireExtent(a.Length, transA ? k : m, transA ? m : k, lda, nameof(a));
        RequireExtent(b.Length, transB ? n : k, transB ? k : n, ldb, nameof(b));
        RequireExtent(c.Length, m, n, ldc, nameof(c));
        fixed (float* pa = a, pb = b, pc = c)
        {
            Sgemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    private static void RequireExtent(int length, int rows, int columns, int leading, string name)
    {
        if (rows > 0 && columns > 0 && (leading < columns || ((long)(rows - 1) * leading) + columns > length))
        {
            throw new ArgumentException($"{name} holds {length} values; a {rows} x {columns} operand with leading dimension {leading} needs {((long)(rows - 1) * leading) + columns}.", name);
        }
    }

    public void SparseMatMul(SparseMatrix a, Tensor b, Tensor c, float beta = 0f)
    {
        ArgumentNullException.ThrowIfNull(a);
        RequireMatrix(b, nameof(b));
        RequireShape(b, nameof(b), a.Columns, b.Columns);
        var n = b.Columns;
        RequireShape(c, nameof(c), a.Rows, n);
        var (bData, bOffset) = Segment(b);
        var (cData, cOffset) = WritableSegment(c);
        CpuParallel.For(a.Rows, CpuParallel.RowGrain(Math.Max(1, a.NonZeroCount / Math.Max(1, a.Rows)) * n), Threads, (start, rows) =>
        {
            for (var r = start; r < start + rows; r++)
            {
                var output = cData.AsSpan(cOffset + (r * n), n);
                ScaleInPlace(output, beta);
                for (var p = a.RowPointers[r]; p < a.RowPointers[r + 1]; p++)
                {
                    var column = a.ColumnIndices[p];
                    if ((uint)column >= (uint)a.Columns)
                    {
                        throw new ArgumentException($"Sparse row {r} holds column index {column}, outside 0..{a.Columns - 1}.", nameof(a));
                    }

                    TensorPrimitives.MultiplyAdd(bData.AsSpan(bOffset + (column * n), n), a.Values[p], output, output);
                }
            }
        });
    }

    public void SparseTransposedMatMul(SparseMatrix a, Tensor b, Tensor c, float beta = 0f)
    {
        ArgumentNullException.ThrowIfNull(a);
        RequireMatrix(b, nameof(b));
        RequireShape(b, nameof(b), a.Rows, b.Columns);
        var n = b.Columns;
        RequireShape(c, nameof(c), a.Columns, n);
        var (bData, bOffset) = Segment(b);
        var (cData, cOffset) = WritableSegment(c);

        // Each worker owns a slice of output columns and walks the rows in order: no races, fixed order.
        var slices = Math.Max(1, Math.Min(Threads, n / 16));
        CpuParallel.For(slices, 1, Threads, (slice, _) =>
        {
            var first = slice * n / slices;
            var width = ((slice + 1) * n / slices) - first;
            for (var row = 0; row < a.Columns; row++)
            {
                ScaleInPlace(cData.AsSpan(cOffset + (row * n) + first, width), beta);
            }

            for (var r = 0; r < a.Rows; r++)
            {
                var source = bData.AsSpan(bOffset + (r * n) + first, width);
                for (var p = a.RowPointers[r]; p < a.RowPointers[r + 1]; p++)
                {
                    var column = a.ColumnIndices[p];
                    if ((uint)column >= (uint)a.Columns)
                    {
                        throw new ArgumentException($"Sparse row {r} holds column index {column}, outside 0..{a.Columns - 1}.", nameof(a));
                    }

                    var target = cData.AsSpan(cOffset + (column * n) + first, width);
                    TensorPrimitives.MultiplyAdd(source, a.Values[p], target, target);
                }
            }
        });
    }

    private static void ScaleInPlace(Span<float> values, float beta)
    {
        if (beta == 0f)
        {
            values.Clear();
        }
        else if (beta != 1f)
        {
            TensorPrimitives.Multiply(values, beta, values);
        }
    }

    /// <summary>How SGEMM reads a 2-D view: in place when rows or columns are contiguous, else from a copy.</summary>
    private (float[] Data, int Offset, bool Transposed, int Leading) GemmOperand(Tensor t)
    {
        int rows = t.Rows, columns = t.Columns;
        if (t.Stride(1) == 1 || columns == 1)
        {
            var leading = rows == 1 ? Math.Max(columns, 1) : t.Stride(0);
            if (leading >= columns)
            {
                return (Data(t), t.Offset, false, Math.Max(leading, 1));
            }
        }

        if (t.Stride(0) == 1 || rows == 1)
        {
            var leading = columns == 1 ? Math.Max(rows, 1) : t.Stride(1);
            if (leading >= rows)
            {
                return (Data(t), t.Offset, true, Math.Max(leading, 1));
            }
        }

        var (copy, offset) = Segment(t.Contiguous());
        return (copy, offset, false, Math.Max(columns, 1));
    }
}
