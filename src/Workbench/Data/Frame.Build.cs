using System.Reflection;

namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>A frame from named arrays: <c>Frame.FromArrays(("age", new[] { 61.0, 45 }), ("sex", new[] { "F", "M" }))</c>.</summary>
    public static Frame FromArrays(params (string Name, Array Values)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new Frame(columns.Select(c => Column.From(c.Name, c.Values)));
    }

    /// <summary>
    /// A frame from objects (records, classes, anonymous types): one column per public readable property,
    /// in declaration order, typed as <see cref="Column.FromObjects"/> types values (null is missing).
    /// </summary>
    public static Frame FromRecords<T>(IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records as IReadOnlyList<T> ?? records.ToArray();
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToArray();
        if (properties.Length == 0)
        {
            throw new ArgumentException($"{typeof(T).Name} has no public properties to make columns of.", nameof(records));
        }

        var frame = new Frame(list.Count);
        foreach (var property in properties)
        {
            var values = new object?[list.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = list[i] is { } record ? property.GetValue(record) : null;
            }

            frame.Add(TypedColumn(property.Name, property.PropertyType, values));
        }

        return frame;
    }

    /// <summary>A frame from rows of boxed values under <paramref name="columnNames"/>; each column is typed from its values.</summary>
    public static Frame FromRows(IReadOnlyList<string> columnNames, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(rows);
        var all = rows.ToArray();
        for (var r = 0; r < all.Length; r++)
        {
            if (all[r].Length != columnNames.Count)
            {
                throw new ArgumentException($"row {r} has {all[r].Length} values for {columnNames.Count} columns.", nameof(rows));
            }
        }

        var frame = new Frame(all.Length);
        for (var c = 0; c < columnNames.Count; c++)
        {
            frame.Add(Column.FromObjects(columnNames[c], all.Select(row => row[c]).ToArray()));
        }

        return frame;
    }

    // The declared type decides where values alone cannot (a double property holding only whole numbers stays float64).
    private static Column TypedColumn(string name, Type type, object?[] values)
    {
        var core = Nullable.GetUnderlyingType(type) ?? type;
        if (core == typeof(double) || core == typeof(decimal))
        {
            return new DoubleColumn(name, values.Select(v => v is null ? (double?)null : Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }

        if (core == typeof(float))
        {
            return new SingleColumn(name, values.Select(v => (float?)v).ToArray());
        }

        if (core == typeof(string))
        {
            return new StringColumn(name, values.Select(v => (string?)v).ToArray());
        }

        return Column.FromObjects(name, values);
    }
}
