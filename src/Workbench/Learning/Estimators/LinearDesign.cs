using System.Numerics.Tensors;
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
    protected const int RowGrain = 1024;

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

    /// <summary>Z[i, c] = X_i · W_c (no intercept) for W [k, Columns] row-major.</summary>
    public abstract void Scores(ReadOnlySpan<double> weights, int k, Span<double> scores, int start, int count);

    /// <summary>G_c += Σ_i R[i, c] · X_i for rows [start, start + count).</summary>
    public abstract void AccumulateGradient(ReadOnlySpan<double> residuals, int k, Span<double> gradient, int start, int count);

    /// <summary>Runs <paramref name="chunk"/> on fixed row chunks (possibly in parallel) and sums their results in order.</summary>
    public double SumOverChunks(Func<int, int, double[], double> chunk, double[] total)
    {
        var chunks = CpuParallel.ChunkCount(Rows, RowGrain);
        var partials = new double[chunks][];
        var values = new double[chunks];
        CpuParallel.For(Rows, RowGrain, Threads, (start, count) =>
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
            for (var i = 0; i < _values.Length; i++)
            {
                var value = x.Values[i];
                if (!float.IsFinite(value))
                {
                    throw new ArgumentException($"The feature matrix holds {value} at row {i / x.Columns}, column '{x.ColumnNames[i % x.Columns]}'; impute or drop missing values before fitting.");
                }

                _values[i] = value;
            }
        }

        public override void Scores(ReadOnlySpan<double> weights, int k, Span<double> scores, int start, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var row = _values.AsSpan((start + i) * Columns, Columns);
                for (var c = 0; c < k; c++)
                {
                    scores[(i * k) + c] = TensorPrimitives.Dot(row, weights.Slice(c * Columns, Columns));
                }
            }
        }

        public override void AccumulateGradient(ReadOnlySpan<double> residuals, int k, Span<double> gradient, int start, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var row = _values.AsSpan((start + i) * Columns, Columns);
                for (var c = 0; c < k; c++)
                {
                    var target = gradient.Slice(c * Columns, Columns);
                    TensorPrimitives.MultiplyAdd(row, residuals[(i * k) + c], target, target);
                }
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
