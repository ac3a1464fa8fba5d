using System.Globalization;
using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>A column of 64-bit integers.</summary>
public sealed class Int64Column : ValueColumn<long>
{
    /// <summary>A column of <paramref name="values"/> (copied), none missing.</summary>
    public Int64Column(string name, ReadOnlySpan<long> values)
        : base(name, values.ToArray(), null)
    {
    }

    /// <summary>A column of <paramref name="values"/> (copied); null is missing.</summary>
    public Int64Column(string name, ReadOnlySpan<long?> values)
        : base(name, Unwrap(values, 0, out var nulls), nulls)
    {
    }

    private Int64Column(string name, long[] values, NullMask? nulls, bool adopt)
        : base(name, adopt ? values : (long[])values.Clone(), nulls)
    {
    }

    public override ColumnType Type => ColumnType.Int64;

    internal static Int64Column Adopt(string name, long[] values, NullMask? nulls) => new(name, values, nulls, adopt: true);

    private protected override ValueColumn<long> Create(string name, long[] values, NullMask? nulls) => Adopt(name, values, nulls);

    private protected override string FormatValue(int row) => RawValues[row].ToString(CultureInfo.InvariantCulture);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void CopyNumbers(int start, int count, Span<double> destination)
    {
        var values = RawValues;
        for (var i = 0; i < count; i++)
        {
            destination[i] = IsNull(start + i) ? double.NaN : values[start + i];
        }
    }

    private protected override void WriteCanonical(CanonicalWriter writer, long value) => writer.Int64(value);
}
