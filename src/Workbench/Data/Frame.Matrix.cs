namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>The named columns (all, when none is named) as a row-major float32 matrix; missing values throw.</summary>
    public DenseMatrix ToMatrix(params string[] columns) => ToMatrix(columns, MissingValuePolicy.Throw);

    /// <summary>
    /// The named columns (all, when null or empty) as a row-major float32 <see cref="DenseMatrix"/> whose
    /// <see cref="DenseMatrix.ColumnNames"/> record the order. Numbers and booleans (0 / 1) only: text,
    /// categories and dates must be encoded first, and the error says which column.
    /// </summary>
    public DenseMatrix ToMatrix(IReadOnlyList<string>? columns, MissingValuePolicy missing)
    {
        var selected = (columns is null || columns.Count == 0 ? _columns : columns.Select(c => this[c])).ToArray();
        foreach (var column in selected)
        {
            if (!column.IsNumeric)
            {
                throw new InvalidOperationException(
                    $"column '{column.Name}' is {column.Type.DisplayName()}, not numeric: encode it first (a one-hot or ordinal encoder) or leave it out of ToMatrix.");
            }
        }

        foreach (var column in selected)
        {
            if (column.HasNulls && missing == MissingValuePolicy.Throw)
            {
                var first = Enumerable.Range(0, column.Length).First(column.IsNull);
                throw new InvalidOperationException(
                    $"column '{column.Name}' has {column.NullCount} missing values (the first at row {first}): impute them, or pass MissingValuePolicy.NaN or MissingValuePolicy.DropRows.");
            }
        }

        int[]? keep = null;
        if (missing == MissingValuePolicy.DropRows && selected.Any(c => c.HasNulls))
        {
            keep = Enumerable.Range(0, RowCount).Where(r => selected.All(c => !c.IsNull(r))).ToArray();
        }

        var rows = keep?.Length ?? RowCount;
        var width = selected.Length;
        var values = new float[checked(rows * width)];
        var buffer = new double[RowCount];
        for (var c = 0; c < width; c++)
        {
            selected[c].CopyNumbers(buffer);
            if (keep is null)
            {
                for (var r = 0; r < rows; r++)
                {
                    values[(r * width) + c] = (float)buffer[r];
                }
            }
            else
            {
                for (var r = 0; r < rows; r++)
                {
                    values[(r * width) + c] = (float)buffer[keep[r]];
                }
            }
        }

        return new DenseMatrix(values, rows, width, selected.Select(c => c.Name).ToArray());
    }
}
