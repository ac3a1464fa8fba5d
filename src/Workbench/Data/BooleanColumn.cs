using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>A column of true / false values; numeric as 0 / 1.</summary>
public sealed class BooleanColumn : ValueColumn<bool>
{
    /// <summary>A column of <paramref name="values"/> (copied), none missing.</summary>
    public BooleanColumn(string name, ReadOnlySpan<bool> values)
        : base(name, values.ToArray(), null)
    {
    }

    /// <summary>A column of <paramref name="values"/> (copied); null is missing.</summary>
    public BooleanColumn(string name, ReadOnlySpan<bool?> values)
        : base(name, Unwrap(values, false, out var nulls), nulls)
    {
    }

    private BooleanColumn(string name, bool[] values, NullMask? nulls, bool adopt)
        : base(name, adopt ? values : (bool[])values.Clone(), nulls)
    {
    }

    public override ColumnType Type => ColumnType.Boolean;

    internal static BooleanColumn Adopt(string name, bool[] values, NullMask? nulls) => new(name, values, nulls, adopt: true);

    /// <summary>The rows that are true (missing rows are not).</summary>
    public RowMask ToMask()
    {
        var flags = new bool[Length];
        var values = RawValues;
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = values[i] && !IsNull(i);
        }

        return new RowMask(flags);
    }

    private protected override ValueColumn<bool> Create(string name, bool[] values, NullMask? nulls) => Adopt(name, values, nulls);

    private protected override string FormatValue(int row) => RawValues[row] ? "true" : "false";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void CopyNumbers(int start, int count, Span<double> destination)
    {
        var values = RawValues;
        for (var i = 0; i < count; i++)
        {
            destination[i] = IsNull(start + i) ? double.NaN : values[start + i] ? 1 : 0;
        }
    }

    private protected override void WriteCanonical(CanonicalWriter writer, bool value) => writer.Boolean(value);
}
