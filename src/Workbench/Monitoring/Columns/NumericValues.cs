namespace Workbench.Monitoring.Columns;

/// <summary>
/// A column read as numbers: the finite values sorted ascending, and what was left out (missing values, NaN and
/// infinities, values that are not numbers at all). Drift tests run on <see cref="Sorted"/>.
/// </summary>
internal sealed class NumericValues
{
    public NumericValues(double[] sorted, long rows, long missing, long nonFinite, long mismatched)
    {
        Sorted = sorted;
        Rows = rows;
        Missing = missing;
        NonFinite = nonFinite;
        Mismatched = mismatched;
    }

    /// <summary>The finite values, ascending.</summary>
    public double[] Sorted { get; }

    public long Rows { get; }

    /// <summary>Null (or NaN) cells.</summary>
    public long Missing { get; }

    /// <summary>Infinite values.</summary>
    public long NonFinite { get; }

    /// <summary>Present values that do not read as numbers (text in a numeric column).</summary>
    public long Mismatched { get; }

    public long Present => Rows - Missing;

    public int Count => Sorted.Length;

    public double Min => Sorted.Length == 0 ? double.NaN : Sorted[0];

    public double Max => Sorted.Length == 0 ? double.NaN : Sorted[^1];

    /// <summary>Distinct finite values.</summary>
    public long Distinct()
    {
        long distinct = 0;
        for (var i = 0; i < Sorted.Length; i++)
        {
            if (i == 0 || Sorted[i] != Sorted[i - 1])
            {
                distinct++;
            }
        }

        return distinct;
    }
}

/// <summary>A column read as labels: the count of each present label, and how many cells were missing.</summary>
internal sealed class LabelValues
{
    public LabelValues(Dictionary<string, long> counts, long rows, long missing, long mismatched = 0)
    {
        Counts = counts;
        Rows = rows;
        Missing = missing;
        Mismatched = mismatched;
    }

    public Dictionary<string, long> Counts { get; }

    public long Rows { get; }

    public long Missing { get; }

    /// <summary>Present values that do not read as the expected kind (for a boolean column: neither true nor false).</summary>
    public long Mismatched { get; }

    public long Present => Rows - Missing;
}
