using System.Globalization;

namespace Workbench.Data;

/// <summary>A column of dates and times (stored as <see cref="DateTime"/>; compared by ticks, kind ignored).</summary>
public sealed class DateTimeColumn : ValueColumn<DateTime>
{
    /// <summary>A column of <paramref name="values"/> (copied), none missing.</summary>
    public DateTimeColumn(string name, ReadOnlySpan<DateTime> values)
        : base(name, values.ToArray(), null)
    {
    }

    /// <summary>A column of <paramref name="values"/> (copied); null is missing.</summary>
    public DateTimeColumn(string name, ReadOnlySpan<DateTime?> values)
        : base(name, Unwrap(values, default, out var nulls), nulls)
    {
    }

    private DateTimeColumn(string name, DateTime[] values, NullMask? nulls, bool adopt)
        : base(name, adopt ? values : (DateTime[])values.Clone(), nulls)
    {
    }

    public override ColumnType Type => ColumnType.DateTime;

    internal static DateTimeColumn Adopt(string name, DateTime[] values, NullMask? nulls) => new(name, values, nulls, adopt: true);

    /// <summary>ISO 8601 text: a date alone at midnight, otherwise date and time (seconds, then fractions only when present); UTC ends in Z.</summary>
    public static string FormatIso(DateTime value)
    {
        var text = value.TimeOfDay == TimeSpan.Zero
            ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
        return value.Kind == DateTimeKind.Utc && value.TimeOfDay != TimeSpan.Zero ? text + "Z" : text;
    }

    private protected override ValueColumn<DateTime> Create(string name, DateTime[] values, NullMask? nulls) => Adopt(name, values, nulls);

    private protected override string FormatValue(int row) => FormatIso(RawValues[row]);

    internal override void CopyNumbers(int start, int count, Span<double> destination) => throw NotNumeric("this operation");

    private protected override void WriteCanonical(CanonicalWriter writer, DateTime value) => writer.Int64(value.Ticks);
}
