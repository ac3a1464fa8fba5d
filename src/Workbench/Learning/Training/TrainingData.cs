using Workbench.Data;
using Workbench.Learning.Devices;
using Workbench.Learning.Losses;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Training;

/// <summary>Features (a dense [n, d] tensor or CSR rows) with their targets, as the Trainer consumes them.</summary>
public sealed class TrainingData
{
    public TrainingData(Tensor features, Targets targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.Rank != 2)
        {
            throw new ArgumentException($"Features must be [rows, features]; got {TensorShape.Format(features.ShapeArray)}.", nameof(features));
        }

        RequireRows(features.Rows, targets.Rows);
        Dense = features;
        Targets = targets;
    }

    public TrainingData(SparseMatrix features, Targets targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        RequireRows(features.Rows, targets.Rows);
        Sparse = features;
        Targets = targets;
    }

    public Tensor? Dense { get; }

    public SparseMatrix? Sparse { get; }

    public Targets Targets { get; }

    public int Rows => Targets.Rows;

    public int Features => Dense?.Columns ?? Sparse!.Columns;

    /// <summary>Classification data: class ids 0 … C − 1 per row.</summary>
    public static TrainingData Classification(DenseMatrix x, int[] classIds, Device? device = null) =>
        new(Tensor.FromMatrix(x ?? throw new ArgumentNullException(nameof(x)), device), Targets.Classes(classIds));

    /// <summary>Regression data: one or more float targets per row.</summary>
    public static TrainingData Regression(DenseMatrix x, float[] values, int outputs = 1, Device? device = null) =>
        new(Tensor.FromMatrix(x ?? throw new ArgumentNullException(nameof(x)), device), Targets.FromValues(values, outputs));

    /// <summary>The rows <paramref name="rows"/> as a new data set (for example a validation split).</summary>
    public TrainingData Subset(int[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (Dense is not null)
        {
            var gathered = Tensor.Zeros(Dense.Device, rows.Length, Dense.Columns);
            Dense.Device.Backend.GatherRows(Dense, rows, gathered);
            return new TrainingData(gathered, Targets.Gather(rows));
        }

        return new TrainingData(SparseRows.Gather(Sparse!, rows), Targets.Gather(rows));
    }

    private static void RequireRows(int features, int targets)
    {
        if (features != targets)
        {
            throw new ArgumentException($"{features} feature rows but {targets} targets.");
        }
    }
}

/// <summary>Row selection on CSR matrices (minibatches of text features).</summary>
public static class SparseRows
{
    public static SparseMatrix Gather(SparseMatrix matrix, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var pointers = new int[rows.Length + 1];
        var total = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if ((uint)row >= (uint)matrix.Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {row} is outside 0..{matrix.Rows - 1}.");
            }

            total += matrix.RowPointers[row + 1] - matrix.RowPointers[row];
            pointers[i + 1] = total;
        }

        var columns = new int[total];
        var values = new float[total];
        for (var i = 0; i < rows.Length; i++)
        {
            var start = matrix.RowPointers[rows[i]];
            var length = matrix.RowPointers[rows[i] + 1] - start;
            Array.Copy(matrix.ColumnIndices, start, columns, pointers[i], length);
            Array.Copy(matrix.Values, start, values, pointers[i], length);
        }

        return new SparseMatrix(rows.Length, matrix.Columns, pointers, columns, values, matrix.ColumnNames);
    }
}
