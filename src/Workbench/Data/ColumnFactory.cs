namespace Workbench.Data;

public abstract partial class Column
{
    /// <summary>
    /// A column from an array of any supported element type: <c>double</c>, <c>float</c>, <c>int</c>,
    /// <c>long</c>, <c>bool</c>, <c>DateTime</c> (each also nullable) or <c>string</c>. Other element types
    /// go through <see cref="FromObjects"/>.
    /// </summary>
    public static Column From(string name, Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values switch
        {
            double[] a => new DoubleColumn(name, a),
            double?[] a => new DoubleColumn(name, a),
            float[] a => new SingleColumn(name, a),
            float?[] a => new SingleColumn(name, a),
            long[] a => new Int64Column(name, a),
            long?[] a => new Int64Column(name, a),
            int[] a => new Int64Column(name, Array.ConvertAll(a, v => (long)v)),
            int?[] a => new Int64Column(name, Array.ConvertAll(a, v => (long?)v)),
            bool[] a => new BooleanColumn(name, a),
            bool?[] a => new BooleanColumn(name, a),
            DateTime[] a => new DateTimeColumn(name, a),
            DateTime?[] a => new DateTimeColumn(name, a),
            string?[] a => new StringColumn(name, a),
            _ => FromObjects(name, values.Cast<object?>().ToArray()),
        };
    }

    /// <summary>
    /// A column from boxed values, typed by what they hold: all integers give int64; integers with
    /// floating point give float64; booleans give bool; dates give datetime; enums give categories;
    /// anything else, or a mix, gives text (<see cref="object.ToString"/>, invariant). Null is missing.
    /// </summary>
    public static Column FromObjects(string name, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var kinds = values.Where(v => v is not null).Select(v => Kind(v!)).Distinct().ToArray();
        var kind = kinds.Length switch
        {
            0 => ValueKind.Text,
            1 => kinds[0],
            _ when kinds.All(k => k is ValueKind.Integer or ValueKind.Real) => ValueKind.Real,
            _ => ValueKind.Text,
        };
        return kind switch
        {
            ValueKind.Integer => new Int64Column(name, values.Select(v => v is null ? (long?)null : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
            ValueKind.Real => new DoubleColumn(name, values.Select(v => v is null ? (double?)null : Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
            ValueKind.Boolean => new BooleanColumn(name, values.Select(v => (bool?)v).ToArray()),
            ValueKind.Date => new DateTimeColumn(name, values.Select(AsDate).ToArray()),
            ValueKind.Enum => new CategoricalColumn(name, values.Select(v => v?.ToString()).ToArray()),
            _ => new StringColumn(name, values.Select(v => v is null ? null : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
        };
    }

    private enum ValueKind
    {
        Integer,
        Real,
        Boolean,
        Date,
        Enum,
        Text,
    }

    private static ValueKind Kind(object value) => value switch
    {
        int or long or short or byte or sbyte or ushort or uint => ValueKind.Integer,
        double or float or decimal or ulong => ValueKind.Real,
        bool => ValueKind.Boolean,
        DateTime or DateTimeOffset or DateOnly => ValueKind.Date,
        Enum => ValueKind.Enum,
        _ => ValueKind.Text,
    };

    private static DateTime? AsDate(object? value) => value switch
    {
        null => null,
        DateTime d => d,
        DateTimeOffset o => o.UtcDateTime,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        _ => throw new InvalidCastException($"{value.GetType().Name} is not a date."),
    };
}
