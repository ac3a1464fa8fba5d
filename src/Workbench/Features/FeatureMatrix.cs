using Workbench.Data;

namespace Workbench.Features;

/// <summary>Where one pipeline step's features sit in a <see cref="FeatureMatrix"/>.</summary>
/// <param name="Step">The step's name.</param>
/// <param name="Start">Its first column.</param>
/// <param name="Count">Its number of columns.</param>
/// <param name="Sparse">Whether the step produced sparse output (text vectorizers, hashing).</param>
public sealed record FeatureBlock(string Step, int Start, int Count, bool Sparse);

/// <summary>
/// The feature matrix a <see cref="FeaturePipeline"/> hands to Learning: float32, dense (<see cref="DenseMatrix"/>,
/// row-major) or compressed sparse rows (<see cref="SparseMatrix"/>), with the feature names in column order and
/// the block of columns each step produced.
/// </summary>
public sealed class FeatureMatrix
{
    private long? _nonZeros;

    internal FeatureMatrix(DenseMatrix? dense, SparseMatrix? sparse, IReadOnlyList<FeatureBlock> blocks)
    {
        Dense = dense;
        Sparse = sparse;
        Blocks = blocks;
    }

    /// <summary>The values, when the matrix is dense.</summary>
    public DenseMatrix? Dense { get; }

    /// <summary>The values, when the matrix is sparse.</summary>
    public SparseMatrix? Sparse { get; }

    public bool IsSparse => Sparse is not null;

    public int Rows => Dense?.Rows ?? Sparse!.Rows;

    public int Columns => Dense?.Columns ?? Sparse!.Columns;

    /// <summary>(rows, columns), as numpy's <c>shape</c>.</summary>
    public (int Rows, int Columns) Shape => (Rows, Columns);

    public IReadOnlyList<string> FeatureNames => Dense?.ColumnNames ?? Sparse!.ColumnNames;

    /// <summary>Each step's block of columns, in order.</summary>
    public IReadOnlyList<FeatureBlock> Blocks { get; }

    /// <summary>Cells that are not zero (stored values of a sparse matrix, counted on first use for a dense one).</summary>
    public long NonZeroCount => _nonZeros ??= Sparse is { } sparse
        ? sparse.Values.LongCount(v => v != 0)
        : Dense!.Values.LongCount(v => v != 0);

    /// <summary>Non-zero cells over all cells: what decides dense or sparse output.</summary>
    public double Density => Rows == 0 || Columns == 0 ? 0 : NonZeroCount / ((double)Rows * Columns);

    /// <summary>The value at (row, column).</summary>
    public float this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
            {
                throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {column}) is outside the {Rows} x {Columns} matrix.");
            }

            if (Dense is not null)
            {
                return Dense[row, column];
            }

            var start = Sparse!.RowPointers[row];
            var at = Array.BinarySearch(Sparse.ColumnIndices, start, Sparse.RowPointers[row + 1] - start, column);
            return at >= 0 ? Sparse.Values[at] : 0;
        }
    }

    /// <summary>The matrix as dense values (a copy's worth of memory when sparse).</summary>
    public DenseMatrix ToDense() => Dense ?? Sparse!.ToDense();

    /// <summary>The matrix in compressed sparse rows (zeros of a dense matrix left out).</summary>
    public SparseMatrix ToSparse()
    {
        if (Sparse is not null)
        {
            return Sparse;
        }

        var dense = Dense!;
        var pointers = new int[dense.Rows + 1];
        var columns = new List<int>();
        var values = new List<float>();
        for (var r = 0; r < dense.Rows; r++)
        {
            var row = dense.Row(r);
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] != 0)
                {
                    columns.Add(c);
                    values.Add(row[c]);
                }
            }

            pointers[r + 1] = values.Count;
        }

        return new SparseMatrix(dense.Rows, dense.Columns, pointers, [.. columns], [.. values], dense.ColumnNames);
    }

    /// <summary>The first rows as a frame (one float32 column per feature, at most <paramref name="maxColumns"/>), for a look.</summary>
    public Frame Head(int rows = 10, int maxColumns = 60)
    {
        var count = Math.Min(rows, Rows);
        var width = Math.Min(maxColumns, Columns);
        var columns = new Column[width];
        for (var c = 0; c < width; c++)
        {
            var values = new float[count];
            for (var r = 0; r < count; r++)
            {
                values[r] = this[r, c];
            }

            columns[c] = new SingleColumn(FeatureNames[c], values);
        }

        return new Frame(columns);
    }

    public override string ToString() =>
        $"FeatureMatrix: {Rows} x {Columns}, {(IsSparse ? "sparse" : "dense")}, density {Density:P1}";
}
