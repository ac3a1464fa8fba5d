using System.Globalization;
using Workbench.Data;

namespace Workbench.Features;

/// <summary>Reading input columns and building output columns the same way in every transform.</summary>
internal static class FeatureColumns
{
    /// <summary>Throws naming the transform and the column when a column is not numeric (booleans count as 0 / 1).</summary>
    public static void RequireNumeric(Frame frame, string transform)
    {
        foreach (var column in frame.Columns)
        {
            if (!column.IsNumeric)
            {
                throw new ArgumentException(
                    $"{transform}: column '{column.Name}' is {column.Type.DisplayName()}, not numeric; encode it first (OneHotEncoder, OrdinalEncoder) or route it to another step.");
            }
        }
    }

    /// <summary>
    /// The column as doubles with NaN where a value is missing (null, or NaN in the data). Infinite values are
    /// refused with the row, because no statistic or scale survives them.
    /// </summary>
    public static double[] Numbers(Column column, string transform)
    {
        var values = new double[column.Length];
        column.CopyNumbers(values);
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsInfinity(values[i]))
            {
                throw new ArgumentException($"{transform}: column '{column.Name}', row {i}: the value is {values[i].ToString(CultureInfo.InvariantCulture)}; infinite values cannot be scaled or encoded (clip or drop them first).");
            }
        }

        return values;
    }

    /// <summary>The values that are present (not NaN), in row order.</summary>
    public static double[] Present(ReadOnlySpan<double> values)
    {
        var count = 0;
        foreach (var v in values)
        {
            count += double.IsNaN(v) ? 0 : 1;
        }

        var present = new double[count];
        var next = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                present[next++] = v;
            }
        }

        return present;
    }

    /// <summary>A float64 output column that adopts <paramref name="values"/>: NaN entries become missing cells.</summary>
    public static Column Output(string name, double[] values)
    {
        NullMask.Builder? nulls = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                nulls ??= new NullMask.Builder(values.Length);
                nulls.SetNull(i);
            }
        }

        return DoubleColumn.Adopt(name, values, nulls?.Build());
    }

    /// <summary>A frame of output columns.</summary>
    public static Frame Output(IReadOnlyList<string> names, IReadOnlyList<double[]> values)
    {
        var columns = new Column[names.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = Output(names[i], values[i]);
        }

        return new Frame(columns);
    }

    /// <summary>
    /// The column's values as labels: one code per row (-1 where missing) into <see cref="Labels.Texts"/>, the
    /// distinct values as invariant text (what the CSV writer writes). Categorical columns cost nothing extra.
    /// </summary>
    public static Labels LabelsOf(Column column)
    {
        if (column is CategoricalColumn categorical)
        {
            return new Labels(categorical.Codes.ToArray(), [.. categorical.Categories], false);
        }

        if (column is StringColumn strings)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var codes = new int[column.Length];
            var texts = new List<string>();
            var values = strings.Values;
            for (var i = 0; i < codes.Length; i++)
            {
                if (values[i] is not { } value)
                {
                    codes[i] = -1;
                    continue;
                }

                if (!index.TryGetValue(value, out var code))
                {
                    code = texts.Count;
                    index.Add(value, code);
                    texts.Add(value);
                }

                codes[i] = code;
            }

            return new Labels(codes, [.. texts], false);
        }

        // Numbers, booleans and dates: factorize, then format one representative row per distinct value.
        var factorized = column.Factorize(out var count);
        var labels = new string[count];
        var numbers = column.IsNumeric ? new double[count] : null;
        var found = 0;
        var scratch = new double[1];
        for (var i = 0; i < factorized.Length && found < count; i++)
        {
            var code = factorized[i];
            if (code >= 0 && labels[code] is null)
            {
                labels[code] = column.Format(i)!;
                if (numbers is not null)
                {
                    column.CopyNumbers(i, 1, scratch);
                    numbers[code] = scratch[0];
                }

                found++;
            }
        }

        if (numbers is not null && column.Type is ColumnType.Double or ColumnType.Single)
        {
            // NaN in a floating-point column is missing here, as everywhere in Features.
            for (var i = 0; i < factorized.Length; i++)
            {
                if (factorized[i] >= 0 && double.IsNaN(numbers[factorized[i]]))
                {
                    factorized[i] = -1;
                }
            }
        }

        return new Labels(factorized, labels, column.IsNumeric, numbers);
    }

    /// <summary>Sorts category labels the way scikit-learn sorts categories: numerically for numeric columns, ordinally for text.</summary>
    public static string[] SortedCategories(IEnumerable<string> labels, bool numeric)
    {
        var array = labels.ToArray();
        if (numeric)
        {
            var keys = array.Select(l => double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            Array.Sort(keys, array);
            return array;
        }

        Array.Sort(array, StringComparer.Ordinal);
        return array;
    }

    /// <summary>Human-readable number text for feature names (invariant, round-trip).</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Per-row codes into distinct label texts (code -1: missing).</summary>
internal sealed record Labels(int[] Codes, string[] Texts, bool Numeric, double[]? Numbers = null)
{
    /// <summary>Rows per label.</summary>
    public long[] Counts()
    {
        var counts = new long[Texts.Length];
        foreach (var code in Codes)
        {
            if (code >= 0)
            {
                counts[code]++;
            }
        }

        return counts;
    }

    /// <summary>Maps each local code to an index in <paramref name="dictionary"/> (-1 when unknown).</summary>
    public int[] MapTo(IReadOnlyDictionary<string, int> dictionary)
    {
        var map = new int[Texts.Length];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = dictionary.TryGetValue(Texts[i], out var index) ? index : -1;
        }

        return map;
    }
}
