using System.Runtime.CompilerServices;

namespace Workbench.Data;

#pragma warning disable CS0660, CS0661 // == builds a row mask; Equals and GetHashCode keep reference semantics.
public abstract partial class Column
#pragma warning restore CS0660, CS0661
{
    private enum Comparison
    {
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
    }

    public static RowMask operator >(Column column, double value) => Compare(column, Comparison.Greater, value);

    public static RowMask operator <(Column column, double value) => Compare(column, Comparison.Less, value);

    public static RowMask operator >=(Column column, double value) => Compare(column, Comparison.GreaterOrEqual, value);

    public static RowMask operator <=(Column column, double value) => Compare(column, Comparison.LessOrEqual, value);

    public static RowMask operator ==(Column column, double value) => Compare(column, Comparison.Equal, value);

    public static RowMask operator !=(Column column, double value) => Compare(column, Comparison.NotEqual, value);

    public static RowMask operator >(Column column, DateTime value) => CompareDates(column, Comparison.Greater, value);

    public static RowMask operator <(Column column, DateTime value) => CompareDates(column, Comparison.Less, value);

    public static RowMask operator >=(Column column, DateTime value) => CompareDates(column, Comparison.GreaterOrEqual, value);

    public static RowMask operator <=(Column column, DateTime value) => CompareDates(column, Comparison.LessOrEqual, value);

    public static RowMask operator ==(Column column, DateTime value) => CompareDates(column, Comparison.Equal, value);

    public static RowMask operator !=(Column column, DateTime value) => CompareDates(column, Comparison.NotEqual, value);

    /// <summary>Rows equal to a label (text and categorical columns; ordinal comparison). <c>== null</c> gives the missing rows.</summary>
    public static RowMask operator ==(Column column, string? value) => value is null ? column.IsMissing() : CompareText(column, value, equal: true);

    /// <summary>Rows with another label (missing rows are not "different": they are unknown, so false). <c>!= null</c> gives the present rows.</summary>
    public static RowMask operator !=(Column column, string? value) => value is null ? column.IsPresent() : CompareText(column, value, equal: false);

    public static RowMask operator ==(Column column, bool value) => CompareBooleans(column, value, equal: true);

    public static RowMask operator !=(Column column, bool value) => CompareBooleans(column, value, equal: false);

    public static RowMask operator >(Column left, Column right) => CompareColumns(left, right, Comparison.Greater);

    public static RowMask operator <(Column left, Column right) => CompareColumns(left, right, Comparison.Less);

    public static RowMask operator >=(Column left, Column right) => CompareColumns(left, right, Comparison.GreaterOrEqual);

    public static RowMask operator <=(Column left, Column right) => CompareColumns(left, right, Comparison.LessOrEqual);

    public static DoubleColumn operator +(Column left, Column right) => Arithmetic(left, right, static (a, b) => a + b, "+");

    public static DoubleColumn operator -(Column left, Column right) => Arithmetic(left, right, static (a, b) => a - b, "-");

    public static DoubleColumn operator *(Column left, Column right) => Arithmetic(left, right, static (a, b) => a * b, "*");

    public static DoubleColumn operator /(Column left, Column right) => Arithmetic(left, right, static (a, b) => a / b, "/");

    public static DoubleColumn operator +(Column column, double value) => Map(column, v => v + value, "+");

    public static DoubleColumn operator -(Column column, double value) => Map(column, v => v - value, "-");

    public static DoubleColumn operator *(Column column, double value) => Map(column, v => v * value, "*");

    public static DoubleColumn operator /(Column column, double value) => Map(column, v => v / value, "/");

    public static DoubleColumn operator -(Column column) => Map(column, static v => -v, "-");

    /// <summary>Rows whose label is one of <paramref name="values"/> (text and categorical columns).</summary>
    public RowMask IsIn(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var set = values.ToHashSet(StringComparer.Ordinal);
        var flags = new bool[Length];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = !IsNull(i) && set.Contains(TextAt(this, i));
        }

        return new RowMask(flags);
    }

    /// <summary>Rows whose number lies in [<paramref name="low"/>, <paramref name="high"/>] (both ends included, as pandas).</summary>
    public RowMask Between(double low, double high) => (this >= low) & (this <= high);

    /// <summary>A float64 column of <paramref name="transform"/> applied to each present value (missing stays missing).</summary>
    public DoubleColumn Apply(Func<double, double> transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return Map(this, transform, "Apply");
    }

    /// <summary>The values as float64 (numeric columns), missing kept missing.</summary>
    public DoubleColumn ToDouble() => this as DoubleColumn ?? Map(this, static v => v, "ToDouble");

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);

    private static RowMask Compare(Column column, Comparison comparison, double value)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!column.IsNumeric)
        {
            throw new InvalidOperationException($"column '{column.Name}' is {column.Type.DisplayName()}: compare it with {(column.Type == ColumnType.DateTime ? "a DateTime" : "text")}, not a number.");
        }

        var numbers = column is DoubleColumn d ? d.RawValues : Numbers(column);
        var flags = new bool[column.Length];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = !column.IsNull(i) && Test(numbers[i].CompareTo(value), numbers[i], value, comparison);
        }

        return new RowMask(flags);
    }

    private static RowMask CompareDates(Column column, Comparison comparison, DateTime value)
    {
        ArgumentNullException.ThrowIfNull(column);
        var dates = column as DateTimeColumn
            ?? throw new InvalidOperationException($"column '{column.Name}' is {column.Type.DisplayName()}, not datetime: it cannot be compared with a DateTime.");
        var flags = new bool[column.Length];
        var values = dates.Values;
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = !dates.IsNull(i) && Test(values[i].CompareTo(value), 0, 0, comparison);
        }

        return new RowMask(flags);
    }

    private static RowMask CompareText(Column column, string value, bool equal)
    {
        ArgumentNullException.ThrowIfNull(column);
        var flags = new bool[column.Length];
        switch (column)
        {
            case CategoricalColumn categorical:
                {
                    var code = categorical.CodeOf(value);
                    var codes = categorical.Codes;
                    for (var i = 0; i < flags.Length; i++)
                    {
                        flags[i] = codes[i] >= 0 && (codes[i] == code) == equal;
                    }

                    break;
                }

            case StringColumn strings:
                {
                    var values = strings.Values;
                    for (var i = 0; i < flags.Length; i++)
                    {
                        flags[i] = values[i] is not null && string.Equals(values[i], value, StringComparison.Ordinal) == equal;
                    }

                    break;
                }

            default:
                throw new InvalidOperationException($"column '{column.Name}' is {column.Type.DisplayName()}: compare it with {(column.IsNumeric ? "a number" : "a DateTime")}, not text \"{value}\".");
        }

        return new RowMask(flags);
    }

    private static RowMask CompareBooleans(Column column, bool value, bool equal)
    {
        ArgumentNullException.ThrowIfNull(column);
        var booleans = column as BooleanColumn
            ?? throw new InvalidOperationException($"column '{column.Name}' is {column.Type.DisplayName()}, not bool.");
        var flags = new bool[column.Length];
        var values = booleans.Values;
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = !booleans.IsNull(i) && (values[i] == value) == equal;
        }

        return new RowMask(flags);
    }

    private static RowMask CompareColumns(Column left, Column right, Comparison comparison)
    {
        CheckPair(left, right, comparison.ToString());
        var a = Numbers(left);
        var b = Numbers(right);
        var flags = new bool[left.Length];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = !left.IsNull(i) && !right.IsNull(i) && Test(a[i].CompareTo(b[i]), a[i], b[i], comparison);
        }

        return new RowMask(flags);
    }

    private static bool Test(int order, double a, double b, Comparison comparison)
    {
        // NaN compares false with everything (IEEE), except "not equal".
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return comparison == Comparison.NotEqual;
        }

        return comparison switch
        {
            Comparison.Equal => order == 0,
            Comparison.NotEqual => order != 0,
            Comparison.Less => order < 0,
            Comparison.LessOrEqual => order <= 0,
            Comparison.Greater => order > 0,
            _ => order >= 0,
        };
    }

    private static DoubleColumn Arithmetic(Column left, Column right, Func<double, double, double> op, string symbol)
    {
        CheckPair(left, right, symbol);
        var a = Numbers(left);
        var b = Numbers(right);
        var result = new double[left.Length];
        var nulls = new NullMask.Builder(left.Length);
        for (var i = 0; i < result.Length; i++)
        {
            if (left.IsNull(i) || right.IsNull(i))
            {
                result[i] = double.NaN;
                nulls.SetNull(i);
            }
            else
            {
                result[i] = op(a[i], b[i]);
            }
        }

        return DoubleColumn.Adopt(left.Name, result, nulls.Build());
    }

    private static DoubleColumn Map(Column column, Func<double, double> op, string what)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!column.IsNumeric)
        {
            throw column.NotNumeric($"'{what}'");
        }

        var values = Numbers(column);
        var nulls = new NullMask.Builder(column.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (column.IsNull(i))
            {
                nulls.SetNull(i);
            }
            else
            {
                values[i] = op(values[i]);
            }
        }

        return DoubleColumn.Adopt(column.Name, values, nulls.Build());
    }

    private static void CheckPair(Column left, Column right, string what)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Length != right.Length)
        {
            throw new ArgumentException($"columns '{left.Name}' ({left.Length} rows) and '{right.Name}' ({right.Length} rows) differ in length.");
        }

        if (!left.IsNumeric || !right.IsNumeric)
        {
            var culprit = left.IsNumeric ? right : left;
            throw culprit.NotNumeric($"'{what}'");
        }
    }

    private static double[] Numbers(Column column)
    {
        var values = new double[column.Length];
        column.CopyNumbers(values);
        return values;
    }

    private static string TextAt(Column column, int row) => column switch
    {
        CategoricalColumn c => c[row]!,
        StringColumn s => s[row]!,
        _ => throw new InvalidOperationException($"column '{column.Name}' is {column.Type.DisplayName()}: IsIn compares labels of text or categorical columns."),
    };
}
