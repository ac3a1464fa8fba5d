namespace Workbench.Data;

/// <summary>
/// A compressed-sparse-row float32 matrix with named columns: what text vectorizers and one-hot encoders
/// produce, and what Learning multiplies by dense weights without densifying.
/// </summary>
public sealed class SparseMatrix
{
    public SparseMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rowPointers.Length != rows + 1 || rowPointers[0] != 0 || rowPointers[rows] != values.Length)
        {
            throw new ArgumentException("rowPointers must have rows + 1 entries, start at 0 and end at the number of stored values.", nameof(rowPointers));
        }

        if (columnIndices.Length != values.Length)
        {
            throw new ArgumentException($"{columnIndices.Length} column indices for {values.Length} values.", nameof(columnIndices));
        }

        if (columnNames is not null && columnNames.Count != columns)
        {
            throw new ArgumentException($"{columnNames.Count} column names for {columns} columns.", nameof(columnNames));
        }

        Rows = rows;
        Columns = columns;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
        ColumnNames = columnNames ?? Enumerable.Range(0, columns).Select(i => $"x{i}").ToArray();
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Row r's entries are <c>[RowPointers[r], RowPointers[r + 1])</c> in <see cref="ColumnIndices"/> and <see cref="Values"/>.</summary>
    public int[] RowPointers { get; }

    public int[] ColumnIndices { get; }

    public float[] Values { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public int NonZeroCount => Values.Length;

    /// <summary>Expands to a dense matrix (for small outputs and tests).</summary>
    public DenseMatrix ToDense()
    {
        var dense = new float[checked(Rows * Columns)];
        for (var r = 0; r < Rows; r++)
        {
            for (var k = RowPointers[r]; k < RowPointers[r + 1]; k++)
            {
                dense[(r * Columns) + ColumnIndices[k]] += Values[k];
            }
        }

        return new DenseMatrix(dense, Rows, Columns, ColumnNames);
    }
}
