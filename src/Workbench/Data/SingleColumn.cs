using System.Globalization;
using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>A column of 32-bit floating-point numbers (half the memory of <see cref="DoubleColumn"/>). NaN is a value.</summary>
public sealed class SingleColumn : ValueColumn<float>
{
    /// <summary>A column of <paramref name="values"/> (copied), none missing.</summary>
    public SingleColumn(string name, ReadOnlySpan<float> values)
        : base(name, values.ToArray(), null)
    {
    }

    /// <summary>A column of <paramref name="values"/> (copied); null is missing.</summary>
    public SingleColumn(string name, ReadOnlySpan<float?> values)
        : base(name, Unwrap(values, float.NaN, out var nulls), nulls)
    {
    }

    private SingleColumn(string name, float[] values, NullMask? nulls, bool adopt)
        : base(name, adopt ? values : (float[])values.Clone(), nulls)
    {
    }

    public override ColumnType Type => ColumnType.Single;

    internal static SingleColumn Adopt(string name, float[] values, NullMask? nulls) => new(name, values, nulls, adopt: true);

    private protected override float MissingPlaceholder => float.NaN;

    private protected override ValueColumn<float> Create(string name, float[] values, NullMask? nulls) => Adopt(name, values, nulls);

    private protected override string FormatValue(int row) => RawValues[row].ToString("R", CultureInfo.InvariantCulture);

    private protected override void SortKeys(float[] keys, int[] rows) => FloatingSort.SortNaNLast(keys, rows);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void CopyNumbers(int start, int count, Span<double> destination)
    {
        var values = RawValues;
        for (var i = 0; i < count; i++)
        {
            destination[i] = IsNull(start + i) ? double.NaN : values[start + i];
        }
    }

    private protected override void WriteCanonical(CanonicalWriter writer, float value) => writer.Single(value);
}
