using Workbench.Data;

namespace Workbench.Features;

/// <summary>
/// A compressed-sparse-row block of features in double precision, as the text vectorizers and hashers produce it:
/// within each row the column indices are strictly increasing and no stored value is zero.
/// <see cref="ToSparseMatrix"/> makes the float32 hand-off to Learning.
/// </summary>
public sealed class SparseFeatures
{
    public SparseFeatures(int rows, IReadOnlyList<string> featureNames, int[] rowPointers, int[] columnIndices, double[] values)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rowPointers.Length != rows + 1 || rowPointers[0] != 0 || rowPointers[rows] != values.Length || columnIndices.Length != values.Length)
        {
            throw new ArgumentException("rowPointers must have rows + 1 entries from 0 to the number of values, one column index per value.");
        }

        RowCount = rows;
        FeatureNames = featureNames;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
    }

    public int RowCount { get; }

    public int ColumnCount => FeatureNames.Count;

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Row r's entries are <c>[RowPointers[r], RowPointers[r + 1])</c>.</summary>
    public int[] RowPointers { get; }

    public int[] ColumnIndices { get; }

    public double[] Values { get; }

    public int NonZeroCount => Values.Length;

    /// <summary>Stored values over all cells (0 for an empty block).</summary>
    public double Density => RowCount == 0 || ColumnCount == 0 ? 0 : (double)NonZeroCount / ((double)RowCount * ColumnCount);

    /// <summary>The value at (row, column); 0 where nothing is stored.</summary>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)RowCount || (uint)column >= (uint)ColumnCount)
            {
                throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {column}) is outside the {RowCount} x {ColumnCount} block.");
            }

            var start = RowPointers[row];
            var at = Array.BinarySearch(ColumnIndices, start, RowPointers[row + 1] - start, column);
            return at >= 0 ? Values[at] : 0;
        }
    }

    /// <summary>One row as a dense array.</summary>
    public double[] DenseRow(int row)
    {
        var dense = new double[ColumnCount];
        for (var k = RowPointers[row]; k < RowPointers[row + 1]; k++)
        {
            dense[ColumnIndices[k]] = Values[k];
        }

        return dense;
    }

    /// <summary>The float32 compressed-sparse-row matrix Learning takes.</summary>
    public SparseMatrix ToSparseMatrix()
    {
        var values = new float[Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)Values[i];
        }

        return new SparseMatrix(RowCount, ColumnCount, (int[])RowPointers.Clone(), (int[])ColumnIndices.Clone(), values, FeatureNames);
    }

    /// <summary>A frame with one float64 column per feature: for small blocks and inspection (wide and mostly zeros otherwise).</summary>
    public Frame ToFrame()
    {
        var columns = new double[ColumnCount][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new double[RowCount];
        }

        for (var r = 0; r < RowCount; r++)
        {
            for (var k = RowPointers[r]; k < RowPointers[r + 1]; k++)
            {
                columns[ColumnIndices[k]][r] = Values[k];
            }
        }

        return new Frame(columns.Select((values, c) => (Column)DoubleColumn.Adopt(FeatureNames[c], values, null)));
    }

    public override string ToString() => $"SparseFeatures: {RowCount} x {ColumnCount}, {NonZeroCount} stored ({Density:P2})";

    /// <summary>Builds rows one at a time from (column, value) entries: sorts them, sums duplicates, drops zeros.</summary>
    internal sealed class Builder
    {
        private readonly List<int> _pointers = [0];
        private readonly List<int> _columns;
        private readonly List<double> _values;
        private readonly List<(int Column, double Value)> _row = [];

        public Builder(int capacity = 16)
        {
            _columns = new List<int>(capacity);
            _values = new List<double>(capacity);
        }

        public int Rows => _pointers.Count - 1;

        public void Add(int column, double value) => _row.Add((column, value));

        /// <summary>Ends the current row.</summary>
        public void EndRow()
        {
            if (_row.Count > 1)
            {
                _row.Sort(static (a, b) => a.Column.CompareTo(b.Column));
            }

            var i = 0;
            while (i < _row.Count)
            {
                var column = _row[i].Column;
                var sum = 0.0;
                while (i < _row.Count && _row[i].Column == column)
                {
                    sum += _row[i].Value;
                    i++;
                }

                if (sum != 0)
                {
                    _columns.Add(column);
                    _values.Add(sum);
                }
            }

            _row.Clear();
            _pointers.Add(_values.Count);
        }

        public SparseFeatures Build(IReadOnlyList<string> featureNames) =>
            new(Rows, featureNames, [.. _pointers], [.. _columns], [.. _values]);
    }
}
