using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Workbench.Data;
using Workbench.Learning.Kernels;

namespace Workbench.Learning.Estimators;

/// <summary>
/// A design matrix in double for the closed-form and L-BFGS estimators: row-wise scores <c>Z = X·Wᵀ</c> and
/// gradients <c>G = Rᵀ·X</c>, over dense or CSR rows, split into fixed row chunks so that the reduction order
/// (and so the result) does not depend on the thread count.
/// </summary>
internal abstract class LinearDesign
{
    protected const int RowGrain = 256;

    /// <summary>Below this many matrix cells a fit runs on one thread (the chunking, and so the result, is the same).</summary>
    private const int ParallelCells = 1 << 17;

    protected LinearDesign(int rows, int columns, IReadOnlyList<string> featureNames, int threads)
    {
        Rows = rows;
        Columns = columns;
        FeatureNames = featureNames;
        Threads = threads;
    }

    public int Rows { get; }

    public int Columns { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    public int Threads { get; }

    public static LinearDesign From(DenseMatrix x, int threads) => new Dense(x, threads);

    public static LinearDesign From(SparseMatrix x, int threads) => new Sparse(x, threads);

    /// <summary>Z = X·Wᵀ for every row of <paramref name="x"/>, as <c>From(x, threads).Scores(...)</c> gives it, without the whole-matrix copy.</summary>
    public static void Scores(DenseMatrix x, ReadOnlySpan<double> weights, int k, Span<double> scores) => Dense.ScoreStreaming(x, weights, k, scores);

    /// <summary>Z[i, c] = X_i · W_c (no intercept) for W [k, Columns] row-major.</summary>
    public abstract void Scores(ReadOnlySpan<double> weights, int k, Span<double> scores, int start, int count);

    /// <summary>G_c += Σ_i R[i, c] · X_i for rows [start, start + count).</summary>
    public abstract void AccumulateGradient(ReadOnlySpan<double> residuals, int k, Span<double> gradient, int start, int count);

    /// <summary>Runs <paramref name="chunk"/> on fixed row chunks (possibly in parallel) and sums their results in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double SumOverChunks(Func<int, int, double[], double> chunk, double[] total)
    {
        var chunks = CpuParallel.ChunkCount(Rows, RowGrain);
        var partials = new double[chunks][];
        var values = new double[chunks];
        CpuParallel.For(Rows, RowGrain, (long)Rows * Columns >= ParallelCells ? Threads : 1, (start, count) =>
        {
            var buffer = new double[total.Length];
            values[start / RowGrain] = chunk(start, count, buffer);
            partials[start / RowGrain] = buffer;
        });

        Array.Clear(total);
        var sum = 0.0;
        for (var c = 0; c < chunks; c++)
        {
            sum += values[c];
            TensorPrimitives.Add(total, partials[c], total);
        }

        return sum;
    }

    private sealed class Dense : LinearDesign
    {
        private readonly double[] _values;

        public Dense(DenseMatrix x, int threads)
            : base(x.Rows, x.Columns, x.ColumnNames, threads)
        {
            _values = new double[x.Values.Length];
            Widen(x, 0, _values);
        }

        /// <summary>
        /// Scores of every row of <paramref name="x"/> with the same bits as <c>From(x).Scores(...)</c>, widening a
        /// block of rows at a time instead of copying the whole matrix to double (prediction reads it once).
        /// </summary>
        public static void ScoreStreaming(DenseMatrix x, ReadOnlySpan<double> weights, int k, Span<double> scores)
        {
            var d = x.Columns;
            var blockRows = Math.Max(4, 8192 / Math.Max(1, d) / 4 * 4);
            var buffer = ArrayPool<double>.Shared.Rent(Math.Min(blockRows, x.Rows) * d);
            try
            {
                for (var start = 0; start < x.Rows; start += blockRows)
                {
                    var count = Math.Min(blockRows, x.Rows - start);
                    var block = buffer.AsSpan(0, count * d);
                    Widen(x, start * d, block);
                    ScoreRows(block, d, weights, k, scores.Slice(start * k, count * k));
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
        }

        private static void Widen(DenseMatrix x, int offset, Span<double> target)
        {
            var source = x.Values.AsSpan(offset, target.Length);
            TensorPrimitives.ConvertTruncating<float, double>(source, target);
            // Float values widened to double cannot overflow a double sum, so the sum is finite exactly when every
            // value is: one vectorised pass instead of a check per value.
            if (!double.IsFinite(TensorPrimitives.Sum<double>(target)))
            {
                var i = offset + FirstNonFinite(source);
                throw new ArgumentException($"The feature matrix holds {x.Values[i]} at row {i / x.Columns}, column '{x.ColumnNames[i % x.Columns]}'; impute or drop missing values before fitting or predicting.");
            }
        }

        private static int FirstNonFinite(ReadOnlySpan<float> values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!float.IsFinite(values[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        public override void Scores(ReadOnlySpan<double> weights, int k, Span<double> scores, int start, int count) =>
            ScoreRows(_values.AsSpan(start * Columns, count * Columns), Columns, weights, k, scores);

        /// <summary>
        /// Z = X·Wᵀ for the rows in <paramref name="rows"/> ([count, d] row-major), four rows at a time: each weight
        /// vector is loaded once per four dot products. A row's score depends only on that row and on whether it falls
        /// in a group of four, so blocks whose sizes are multiples of four give the same bits as one call.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void ScoreRows(ReadOnlySpan<double> rows, int d, ReadOnlySpan<double> weights, int k, Span<double> scores)
        {
            var count = d == 0 ? 0 : rows.Length / d;
            var i = 0;
            for (; i + 4 <= count; i += 4)
            {
                var r0 = rows.Slice(i * d, d);
                var r1 = rows.Slice((i + 1) * d, d);
                var r2 = rows.Slice((i + 2) * d, d);
                var r3 = rows.Slice((i + 3) * d, d);
                for (var c = 0; c < k; c++)
                {
                    var w = weights.Slice(c * d, d);
                    var (s0, s1, s2, s3) = Dot4(r0, r1, r2, r3, w);
                    scores[(i * k) + c] = s0;
                    scores[((i + 1) * k) + c] = s1;
                    scores[((i + 2) * k) + c] = s2;
                    scores[((i + 3) * k) + c] = s3;
                }
            }

            for (; i < count; i++)
            {
                var row = rows.Slice(i * d, d);
                for (var c = 0; c < k; c++)
                {
                    scores[(i * k) + c] = TensorPrimitives.Dot(row, weights.Slice(c * d, d));
                }
            }
        }

        /// <summary>G_c += Σ r[i, c]·X_i four rows at a time, so each gradient row is loaded and stored once per four rows.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void AccumulateGradient(ReadOnlySpan<double> residuals, int k, Span<double> gradient, int start, int count)
        {
            var d = Columns;
            var i = 0;
            for (; i + 4 <= count; i += 4)
            {
                var r0 = _values.AsSpan((start + i) * d, d);
                var r1 = _values.AsSpan((start + i + 1) * d, d);
                var r2 = _values.AsSpan((start + i + 2) * d, d);
                var r3 = _values.AsSpan((start + i + 3) * d, d);
                for (var c = 0; c < k; c++)
                {
                    Axpy4(
                        residuals[(i * k) + c], r0, residuals[((i + 1) * k) + c], r1,
                        residuals[((i + 2) * k) + c], r2, residuals[((i + 3) * k) + c], r3,
                        gradient.Slice(c * d, d));
                }
            }

            for (; i < count; i++)
            {
                var row = _values.AsSpan((start + i) * d, d);
                for (var c = 0; c < k; c++)
                {
                    var target = gradient.Slice(c * d, d);
                    TensorPrimitives.MultiplyAdd(row, residuals[(i * k) + c], target, target);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        private static (double, double, double, double) Dot4(ReadOnlySpan<double> r0, ReadOnlySpan<double> r1, ReadOnlySpan<double> r2, ReadOnlySpan<double> r3, ReadOnlySpan<double> w)
        {
            var j = 0;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            if (Vector512.IsHardwareAccelerated && w.Length >= 8)
            {
                Vector512<double> b0 = default, b1 = default, b2 = default, b3 = default;
                for (; j + 8 <= w.Length; j += 8)
                {
                    var wv = Vector512.Create(w.Slice(j, 8));
                    b0 = Vector512.FusedMultiplyAdd(Vector512.Create(r0.Slice(j, 8)), wv, b0);
                    b1 = Vector512.FusedMultiplyAdd(Vector512.Create(r1.Slice(j, 8)), wv, b1);
                    b2 = Vector512.FusedMultiplyAdd(Vector512.Create(r2.Slice(j, 8)), wv, b2);
                    b3 = Vector512.FusedMultiplyAdd(Vector512.Create(r3.Slice(j, 8)), wv, b3);
                }

                (s0, s1, s2, s3) = (Vector512.Sum(b0), Vector512.Sum(b1), Vector512.Sum(b2), Vector512.Sum(b3));
            }

            var width = Vector<double>.Count;
            Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; j + width <= w.Length; j += width)
            {
                var wv = new Vector<double>(w.Slice(j, width));
                a0 = Vector.FusedMultiplyAdd(new Vector<double>(r0.Slice(j, width)), wv, a0);
                a1 = Vector.FusedMultiplyAdd(new Vector<double>(r1.Slice(j, width)), wv, a1);
                a2 = Vector.FusedMultiplyAdd(new Vector<double>(r2.Slice(j, width)), wv, a2);
                a3 = Vector.FusedMultiplyAdd(new Vector<double>(r3.Slice(j, width)), wv, a3);
            }

            s0 += Vector.Sum(a0);
            s1 += Vector.Sum(a1);
            s2 += Vector.Sum(a2);
            s3 += Vector.Sum(a3);
            for (; j < w.Length; j++)
            {
                s0 += r0[j] * w[j];
                s1 += r1[j] * w[j];
                s2 += r2[j] * w[j];
                s3 += r3[j] * w[j];
            }

            return (s0, s1, s2, s3);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        private static void Axpy4(double c0, ReadOnlySpan<double> r0, double c1, ReadOnlySpan<double> r1, double c2, ReadOnlySpan<double> r2, double c3, ReadOnlySpan<double> r3, Span<double> target)
        {
            var j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var u0 = Vector512.Create(c0);
                var u1 = Vector512.Create(c1);
                var u2 = Vector512.Create(c2);
                var u3 = Vector512.Create(c3);
                for (; j + 8 <= target.Length; j += 8)
                {
                    var sum = Vector512.Create(target.Slice(j, 8));
                    sum = Vector512.FusedMultiplyAdd(Vector512.Create(r0.Slice(j, 8)), u0, sum);
                    sum = Vector512.FusedMultiplyAdd(Vector512.Create(r1.Slice(j, 8)), u1, sum);
                    sum = Vector512.FusedMultiplyAdd(Vector512.Create(r2.Slice(j, 8)), u2, sum);
                    sum = Vector512.FusedMultiplyAdd(Vector512.Create(r3.Slice(j, 8)), u3, sum);
                    sum.CopyTo(target.Slice(j, 8));
                }
            }

            var width = Vector<double>.Count;
            var v0 = new Vector<double>(c0);
            var v1 = new Vector<double>(c1);
            var v2 = new Vector<double>(c2);
            var v3 = new Vector<double>(c3);
            for (; j + width <= target.Length; j += width)
            {
                var sum = new Vector<double>(target.Slice(j, width));
                sum = Vector.FusedMultiplyAdd(new Vector<double>(r0.Slice(j, width)), v0, sum);
                sum = Vector.FusedMultiplyAdd(new Vector<double>(r1.Slice(j, width)), v1, sum);
                sum = Vector.FusedMultiplyAdd(new Vector<double>(r2.Slice(j, width)), v2, sum);
                sum = Vector.FusedMultiplyAdd(new Vector<double>(r3.Slice(j, width)), v3, sum);
                sum.CopyTo(target.Slice(j, width));
            }

            for (; j < target.Length; j++)
            {
                target[j] += (c0 * r0[j]) + (c1 * r1[j]) + (c2 * r2[j]) + (c3 * r3[j]);
            }
        }
    }

    private sealed class Sparse : LinearDesign
    {
        private readonly SparseMatrix _matrix;

        public Sparse(SparseMatrix x, int threads)
            : base(x.Rows, x.Columns, x.ColumnNames, threads)
        {
            for (var i = 0; i < x.Values.Length; i++)
            {
                if (!float.IsFinite(x.Values[i]) || (uint)x.ColumnIndices[i] >= (uint)x.Columns)
                {
                    throw new ArgumentException($"Sparse entry {i} (column {x.ColumnIndices[i]}) is {x.Values[i]}; entries must be finite and columns inside 0..{x.Columns - 1}.");
                }
            }

            _matrix = x;
        }

        public override void Scores(ReadOnlySpan<double> weights, int k, Span<double> scores, int start, int count)
        {
            scores[..(count * k)].Clear();
            for (var i = 0; i < count; i++)
            {
                for (var p = _matrix.RowPointers[start + i]; p < _matrix.RowPointers[start + i + 1]; p++)
                {
                    double value = _matrix.Values[p];
                    var column = _matrix.ColumnIndices[p];
                    for (var c = 0; c < k; c++)
                    {
                        scores[(i * k) + c] += value * weights[(c * Columns) + column];
                    }
                }
            }
        }

        public override void AccumulateGradient(ReadOnlySpan<double> residuals, int k, Span<double> gradient, int start, int count)
        {
            for (var i = 0; i < count; i++)
            {
                for (var p = _matrix.RowPointers[start + i]; p < _matrix.RowPointers[start + i + 1]; p++)
                {
                    double value = _matrix.Values[p];
                    var column = _matrix.ColumnIndices[p];
                    for (var c = 0; c < k; c++)
                    {
                        gradient[(c * Columns) + column] += residuals[(i * k) + c] * value;
                    }
                }
            }
        }
    }
}
