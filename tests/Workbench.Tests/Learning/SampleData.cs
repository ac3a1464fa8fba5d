using System.Globalization;
using Workbench.Data;
using Workbench.Learning;
using Workbench.Testing;

namespace Workbench.Tests.Learning;

/// <summary>
/// Loads the numeric data samples for Learning tests (a minimal reader until Workbench.Data.Frame lands: every
/// column but the label is a float) and makes the standardised, stratified-free split both sides of a
/// comparison use (the row indices are handed to the Python peer).
/// </summary>
internal static class SampleData
{
    public static (DenseMatrix Features, string[] Labels) Load(string file, string labelColumn)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.DataSamples, file));
        var header = lines[0].Split(',');
        var label = Array.IndexOf(header, labelColumn);
        label.Should().BeGreaterThanOrEqualTo(0, $"{file} has a '{labelColumn}' column");
        var names = header.Where((_, i) => i != label).ToArray();
        var values = new float[(lines.Length - 1) * names.Length];
        var labels = new string[lines.Length - 1];
        for (var r = 1; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            var c = 0;
            for (var i = 0; i < cells.Length; i++)
            {
                if (i == label)
                {
                    labels[r - 1] = cells[i];
                    continue;
                }

                values[((r - 1) * names.Length) + c++] = float.Parse(cells[i], CultureInfo.InvariantCulture);
            }
        }

        return (new DenseMatrix(values, lines.Length - 1, names.Length, names), labels);
    }

    /// <summary>A seeded 75/25 split of row indices.</summary>
    public static (int[] Train, int[] Test) Split(int rows, ulong seed)
    {
        var order = new DeterministicRandom(seed).Permutation(rows);
        var cut = (int)Math.Round(rows * 0.75);
        return (order[..cut].Order().ToArray(), order[cut..].Order().ToArray());
    }

    public static DenseMatrix Rows(DenseMatrix x, int[] rows)
    {
        var values = new float[rows.Length * x.Columns];
        for (var i = 0; i < rows.Length; i++)
        {
            x.Row(rows[i]).CopyTo(values.AsSpan(i * x.Columns, x.Columns));
        }

        return new DenseMatrix(values, rows.Length, x.Columns, x.ColumnNames);
    }

    public static T[] Rows<T>(T[] y, int[] rows) => rows.Select(i => y[i]).ToArray();

    /// <summary>Standardises train and test with the train columns' mean and population standard deviation (StandardScaler).</summary>
    public static (DenseMatrix Train, DenseMatrix Test) Standardize(DenseMatrix train, DenseMatrix test)
    {
        var mean = new double[train.Columns];
        var scale = new double[train.Columns];
        for (var c = 0; c < train.Columns; c++)
        {
            var column = Enumerable.Range(0, train.Rows).Select(r => (double)train[r, c]).ToArray();
            mean[c] = column.Average();
            var std = Math.Sqrt(column.Average(v => (v - mean[c]) * (v - mean[c])));
            scale[c] = std == 0 ? 1.0 : std;
        }

        DenseMatrix Apply(DenseMatrix m)
        {
            var values = new float[m.Values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var c = i % m.Columns;
                values[i] = (float)((m.Values[i] - mean[c]) / scale[c]);
            }

            return new DenseMatrix(values, m.Rows, m.Columns, m.ColumnNames);
        }

        return (Apply(train), Apply(test));
    }
}
