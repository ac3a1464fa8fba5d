using System.Globalization;
using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>A column of 64-bit floating-point numbers. NaN is a value; missing rows are in <see cref="ValueColumn{T}.Nulls"/>.</summary>
public sealed class DoubleColumn : ValueColumn<double>
{
    /// <summary>A column of <paramref name="values"/> (copied), none missing.</summary>
    public DoubleColumn(string name, ReadOnlySpan<double> values)
        : base(name, values.ToArray(), null)
    {
    }

    /// <summary>A column of <paramref name="values"/> (copied); null is missing.</summary>
    public DoubleColumn(string name, ReadOnlySpan<double?> values)
        : this(name, Unwrap(values, double.NaN, out var nulls), nulls, adopt: true)
    {
    }

    private DoubleColumn(string name, double[] values, NullMask? nulls, bool adopt)
        : base(name, adopt ? values : (double[])values.Clone(), nulls)
    {
    }

    public override ColumnType Type => ColumnType.Double;

    /// <summary>Wraps <paramref name="values"/> without copying: the caller hands the array over and must not change it.</summary>
    internal static DoubleColumn Adopt(string name, double[] values, NullMask? nulls) => new(name, values, nulls, adopt: true);

    /// <summary>The same column with NaN values made missing.</summary>
    public DoubleColumn NaNToNull()
    {
        var values = RawValues;
        var builder = new NullMask.Builder(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (IsNull(i) || double.IsNaN(values[i]))
            {
                builder.SetNull(i);
            }
        }

        return Adopt(Name, (double[])values.Clone(), builder.Build());
    }

    private protected override double MissingPlaceholder => double.NaN;

    private protected override ValueColumn<double> Create(string name, double[] values, NullMask? nulls) => Adopt(name, values, nulls);

    private protected override string FormatValue(int row) => RawValues[row].ToString("R", CultureInfo.InvariantCulture);

    private protected override void SortKeys(double[] keys, int[] rows) => FloatingSort.SortNaNLast(keys, rows);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void CopyNumbers(int start, int count, Span<double> destination)
    {
        RawValues.AsSpan(start, count).CopyTo(destination);
        if (Nulls is not null)
        {
            for (var i = 0; i < count; i++)
            {
                if (Nulls[start + i])
                {
                    destination[i] = double.NaN;
                }
            }
        }
    }

    private protected override void WriteCanonical(CanonicalWriter writer, double value) => writer.Double(value);
}
