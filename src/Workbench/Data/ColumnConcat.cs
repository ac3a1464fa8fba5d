namespace Workbench.Data;

/// <summary>Lays columns of one name end to end, unifying their types (int64 with floats gives float64, text with categories gives text).</summary>
internal static class ColumnConcat
{
    /// <summary>Concatenates <paramref name="parts"/>; a null part is that many missing rows.</summary>
    public static Column Concat(string name, IReadOnlyList<(Column? Column, int Length)> parts)
    {
        var present = parts.Where(p => p.Column is not null).Select(p => p.Column!).ToArray();
        if (present.Length == 0)
        {
            throw new ArgumentException($"column '{name}' is in none of the parts.");
        }

        var type = UnifiedType(name, present);
        var total = parts.Sum(p => p.Length);
        var rows = new List<(Column? Column, int Length)>(parts.Count);
        foreach (var (column, length) in parts)
        {
            rows.Add((column is null ? null : Convert(column, type), length));
        }

        return type switch
        {
            ColumnType.Double => DoubleColumn.Adopt(name, Values<double>(rows, total, double.NaN, c => ((DoubleColumn)c).Values), Masks(rows)),
            ColumnType.Single => SingleColumn.Adopt(name, Values<float>(rows, total, float.NaN, c => ((SingleColumn)c).Values), Masks(rows)),
            ColumnType.Int64 => Int64Column.Adopt(name, Values<long>(rows, total, 0, c => ((Int64Column)c).Values), Masks(rows)),
            ColumnType.Boolean => BooleanColumn.Adopt(name, Values<bool>(rows, total, false, c => ((BooleanColumn)c).Values), Masks(rows)),
            ColumnType.DateTime => DateTimeColumn.Adopt(name, Values<DateTime>(rows, total, default, c => ((DateTimeColumn)c).Values), Masks(rows)),
            ColumnType.String => StringColumn.Adopt(name, Strings(rows, total)),
            ColumnType.Categorical => Categoricals(name, rows, total),
            _ => throw new NotSupportedException(type.ToString()),
        };
    }

    private static ColumnType UnifiedType(string name, IReadOnlyList<Column> columns)
    {
        var types = columns.Select(c => c.Type).Distinct().ToArray();
        if (types.Length == 1)
        {
            return types[0];
        }

        if (types.All(t => t is ColumnType.Double or ColumnType.Single or ColumnType.Int64))
        {
            return types.All(t => t is ColumnType.Single or ColumnType.Int64) && !types.Contains(ColumnType.Int64)
                ? ColumnType.Single
                : ColumnType.Double;
        }

        if (types.All(t => t is ColumnType.String or ColumnType.Categorical))
        {
            return ColumnType.String;
        }

        throw new InvalidOperationException(
            $"column '{name}' is {string.Join(" in one part and ", types.Select(t => t.DisplayName()))} in another: convert it to one type before concatenating.");
    }

    private static Column Convert(Column column, ColumnType type)
    {
        if (column.Type == type)
        {
            return column;
        }

        if (type == ColumnType.Double)
        {
            var values = new double[column.Length];
            column.CopyNumbers(values);
            return DoubleColumn.Adopt(column.Name, values, NullsOf(column));
        }

        if (type == ColumnType.String && column is CategoricalColumn categorical)
        {
            return categorical.ToStringColumn();
        }

        throw new InvalidOperationException($"column '{column.Name}' cannot become {type.DisplayName()}.");
    }

    private static NullMask? NullsOf(Column column)
    {
        if (!column.HasNulls)
        {
            return null;
        }

        var builder = new NullMask.Builder(column.Length);
        for (var i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i))
            {
                builder.SetNull(i);
            }
        }

        return builder.Build();
    }

    private delegate ReadOnlySpan<T> SpanOf<T>(Column column);

    private static T[] Values<T>(List<(Column? Column, int Length)> parts, int total, T placeholder, SpanOf<T> spanOf)
    {
        var result = new T[total];
        var offset = 0;
        foreach (var (column, length) in parts)
        {
            if (column is null)
            {
                result.AsSpan(offset, length).Fill(placeholder);
            }
            else
            {
                spanOf(column).CopyTo(result.AsSpan(offset));
            }

            offset += length;
        }

        return result;
    }

    private static NullMask? Masks(List<(Column? Column, int Length)> parts) =>
        NullMask.Concat(parts.Select(p => p.Column is null ? (AllNull(p.Length), p.Length) : (NullsOf(p.Column), p.Length)).ToArray());

    private static NullMask? AllNull(int length)
    {
        var builder = new NullMask.Builder(length);
        for (var i = 0; i < length; i++)
        {
            builder.SetNull(i);
        }

        return builder.Build();
    }

    private static string?[] Strings(List<(Column? Column, int Length)> parts, int total)
    {
        var result = new string?[total];
        var offset = 0;
        foreach (var (column, length) in parts)
        {
            if (column is StringColumn strings)
            {
                strings.Values.CopyTo(result.AsSpan(offset));
            }

            offset += length;
        }

        return result;
    }

    private static CategoricalColumn Categoricals(string name, List<(Column? Column, int Length)> parts, int total)
    {
        var categories = parts.Where(p => p.Column is not null)
            .SelectMany(p => ((CategoricalColumn)p.Column!).Categories)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            index[categories[i]] = i;
        }

        var codes = new int[total];
        var offset = 0;
        foreach (var (column, length) in parts)
        {
            if (column is CategoricalColumn part)
            {
                var remap = part.Categories.Select(c => index[c]).ToArray();
                var source = part.Codes;
                for (var i = 0; i < length; i++)
                {
                    codes[offset + i] = source[i] < 0 ? -1 : remap[source[i]];
                }
            }
            else
            {
                codes.AsSpan(offset, length).Fill(-1);
            }

            offset += length;
        }

        return CategoricalColumn.Adopt(name, codes, categories);
    }
}
