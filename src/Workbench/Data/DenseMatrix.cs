namespace Workbench.Data;

/// <summary>
/// A row-major float32 matrix with named columns: what a frame or a feature pipeline hands to Learning.
/// The column order is recorded so a model can say which feature each weight belongs to.
/// </summary>
public sealed class DenseMatrix
{
    public DenseMatrix(float[] values, int rows, int columns, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if ((long)rows * columns != values.Length)
        {
            throw new ArgumentException($"{values.Length} values do not fill a {rows} x {columns} matrix.", nameof(values));
        }

        if (columnNames is not null && columnNames.Count != columns)
        {
            throw new ArgumentException($"{columnNames.Count} column names for {columns} columns.", nameof(columnNames));
        }

        Values = values;
        Rows = rows;
        Columns = columns;
        ColumnNames = columnNames ?? Enumerable.Range(0, columns).Select(i => $"x{i}").ToArray();
    }

    /// <summary>Row-major values: element (r, c) is at <c>r * Columns + c</c>.</summary>
    public float[] Values { get; }

    public int Rows { get; }

    public int Columns { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public float this[int row, int column] => Values[(row * Columns) + column];

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Columns, Columns);
}
