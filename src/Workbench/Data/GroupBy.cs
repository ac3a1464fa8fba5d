namespace Workbench.Data;

/// <summary>
/// Rows of a frame grouped by key columns (<see cref="Frame.GroupBy(string[])"/>). Groups come out sorted by
/// key (as pandas' default), missing keys form their own group, sorted last (unlike pandas, which drops them).
/// </summary>
public sealed class GroupBy
{
    private readonly Frame _frame;
    private readonly string[] _keys;
    private readonly int[] _rows;
    private readonly int[] _offsets;

    internal GroupBy(Frame frame, string[] keys)
    {
        if (keys.Length == 0)
        {
            throw new ArgumentException("group by at least one column.", nameof(keys));
        }

        _frame = frame;
        _keys = keys;
        var keyColumns = keys.Select(k => frame[k]).ToArray();
        var codes = KeyCodes.Of(keyColumns, nullIsKey: true, out var count);
        var (rows, offsets) = KeyCodes.Buckets(codes, count);

        // Order groups by their keys: sort each group's first row by the key columns.
        var firstRows = new int[count];
        for (var g = 0; g < count; g++)
        {
            firstRows[g] = rows[offsets[g]];
        }

        var keyFrame = new Frame(keyColumns.Select(c => c.Take(firstRows)));
        var order = keyFrame.SortedRows(keys.Select(k => new SortKey(k)).ToArray());
        _rows = new int[rows.Length];
        _offsets = new int[count + 1];
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            var g = order[i];
            var size = offsets[g + 1] - offsets[g];
            Array.Copy(rows, offsets[g], _rows, next, size);
            next += size;
            _offsets[i + 1] = next;
        }

        Keys = keyFrame.Take(order);
    }

    /// <summary>One row per group: the key values, in group order.</summary>
    public Frame Keys { get; }

    public int GroupCount => _offsets.Length - 1;

    /// <summary>The rows of group <paramref name="group"/> (0..GroupCount-1), in frame order.</summary>
    public ReadOnlySpan<int> RowsOf(int group) => _rows.AsSpan(_offsets[group], _offsets[group + 1] - _offsets[group]);

    /// <summary>Each group's key values and rows.</summary>
    public IEnumerable<(FrameRow Key, Frame Rows)> Groups()
    {
        for (var g = 0; g < GroupCount; g++)
        {
            yield return (Keys.Row(g), _frame.Take(RowsOf(g)));
        }
    }

    /// <summary>Rows per group, as a <c>count</c> column beside the keys (pandas' <c>size()</c>).</summary>
    public Frame Size(string name = "count")
    {
        var sizes = new long[GroupCount];
        for (var g = 0; g < sizes.Length; g++)
        {
            sizes[g] = _offsets[g + 1] - _offsets[g];
        }

        return Keys.Copy().Add(Int64Column.Adopt(name, sizes, null));
    }

    /// <summary>The key columns then one column per aggregation.</summary>
    public Frame Aggregate(params Aggregation[] aggregations)
    {
        ArgumentNullException.ThrowIfNull(aggregations);
        var result = Keys.Copy();
        foreach (var aggregation in aggregations)
        {
            result.Add(Compute(aggregation));
        }

        return result;
    }

    /// <summary>The mean of each named column (all numeric non-key columns when none is named), named as the input.</summary>
    public Frame Mean(params string[] columns) => Apply(AggregateFunction.Mean, columns);

    public Frame Sum(params string[] columns) => Apply(AggregateFunction.Sum, columns);

    public Frame Median(params string[] columns) => Apply(AggregateFunction.Median, columns);

    public Frame Std(params string[] columns) => Apply(AggregateFunction.Std, columns);

    public Frame Min(params string[] columns) => Apply(AggregateFunction.Min, columns);

    public Frame Max(params string[] columns) => Apply(AggregateFunction.Max, columns);

    /// <summary>Present values of each column (all non-key columns when none is named).</summary>
    public Frame Count(params string[] columns) => Apply(AggregateFunction.Count, columns, numericOnly: false);

    private Frame Apply(AggregateFunction function, string[] columns, bool numericOnly = true)
    {
        var names = columns.Length > 0
            ? columns
            : _frame.Columns.Where(c => !_keys.Contains(c.Name) && (!numericOnly || c.IsNumeric)).Select(c => c.Name).ToArray();
        return Aggregate(names.Select(n => new Aggregation(n, function, n)).ToArray());
    }

    private Column Compute(Aggregation aggregation)
    {
        var column = _frame[aggregation.Column];
        var name = aggregation.OutputName;
        switch (aggregation.Function)
        {
            case AggregateFunction.Count:
                return Int64Column.Adopt(name, PerGroup(g => CountPresent(column, RowsOf(g))), null);
            case AggregateFunction.NUnique:
                {
                    var codes = column.Factorize(out var distinct);
                    var seen = new int[distinct];
                    Array.Fill(seen, -1);
                    return Int64Column.Adopt(name, PerGroup(g =>
                    {
                        long n = 0;
                        foreach (var row in RowsOf(g))
                        {
                            var code = codes[row];
                            if (code >= 0 && seen[code] != g)
                            {
                                seen[code] = g;
                                n++;
                            }
                        }

                        return n;
                    }), null);
                }

            case AggregateFunction.First or AggregateFunction.Last:
                {
                    var pick = new int[GroupCount];
                    for (var g = 0; g < pick.Length; g++)
                    {
                        pick[g] = -1;
                        var rows = RowsOf(g);
                        for (var i = 0; i < rows.Length; i++)
                        {
                            var row = aggregation.Function == AggregateFunction.First ? rows[i] : rows[rows.Length - 1 - i];
                            if (!column.IsNull(row))
                            {
                                pick[g] = row;
                                break;
                            }
                        }
                    }

                    return column.Take(pick).WithName(name);
                }

            case AggregateFunction.Min or AggregateFunction.Max when !column.IsNumeric:
                {
                    var ranks = column.DenseRanks(out _);
                    var pick = new int[GroupCount];
                    for (var g = 0; g < pick.Length; g++)
                    {
                        pick[g] = -1;
                        foreach (var row in RowsOf(g))
                        {
                            if (ranks[row] >= 0 && (pick[g] < 0 || (aggregation.Function == AggregateFunction.Min ? ranks[row] < ranks[pick[g]] : ranks[row] > ranks[pick[g]])))
                            {
                                pick[g] = row;
                            }
                        }
                    }

                    return column.Take(pick).WithName(name);
                }

            case AggregateFunction.Sum when column.Type is ColumnType.Int64 or ColumnType.Boolean:
                {
                    var values = new double[column.Length];
                    column.CopyNumbers(values);
                    var integers = column is Int64Column int64 ? int64.Values.ToArray() : null;
                    return Int64Column.Adopt(name, PerGroup(g =>
                    {
                        long sum = 0;
                        foreach (var row in RowsOf(g))
                        {
                            if (!column.IsNull(row))
                            {
                                sum = checked(sum + (integers is null ? (long)values[row] : integers[row]));
                            }
                        }

                        return sum;
                    }), null);
                }

            default:
                return NumericAggregate(column, aggregation.Function, name);
        }
    }

    private DoubleColumn NumericAggregate(Column column, AggregateFunction function, string name)
    {
        if (!column.IsNumeric)
        {
            throw new InvalidOperationException($"cannot take the {function.ToString().ToLowerInvariant()} of column '{column.Name}': it is {column.Type.DisplayName()}, not numeric.");
        }

        var all = new double[column.Length];
        column.CopyNumbers(all);
        var result = new double[GroupCount];
        var nulls = new NullMask.Builder(GroupCount);
        var buffer = new double[GroupCount == 0 ? 0 : Enumerable.Range(0, GroupCount).Max(g => _offsets[g + 1] - _offsets[g])];
        for (var g = 0; g < GroupCount; g++)
        {
            var n = 0;
            foreach (var row in RowsOf(g))
            {
                if (!column.IsNull(row))
                {
                    buffer[n++] = all[row];
                }
            }

            var values = buffer.AsSpan(0, n);
            var value = function switch
            {
                AggregateFunction.Sum => Stats.Sum(values),
                AggregateFunction.Mean => Stats.Mean(values),
                AggregateFunction.Min => Stats.Extreme(values, min: true),
                AggregateFunction.Max => Stats.Extreme(values, min: false),
                AggregateFunction.Std => Math.Sqrt(Stats.Variance(values, Stats.Mean(values))),
                AggregateFunction.Var => Stats.Variance(values, Stats.Mean(values)),
                AggregateFunction.Median => Stats.Quantile(values, 0.5),
                _ => throw new NotSupportedException(function.ToString()),
            };

            // Undefined results (no values; one value for std) are missing, not NaN.
            var undefined = function != AggregateFunction.Sum && (n == 0 || (n == 1 && function is AggregateFunction.Std or AggregateFunction.Var));
            if (undefined)
            {
                nulls.SetNull(g);
                value = double.NaN;
            }

            result[g] = value;
        }

        return DoubleColumn.Adopt(name, result, nulls.Build());
    }

    private static long CountPresent(Column column, ReadOnlySpan<int> rows)
    {
        long n = 0;
        foreach (var row in rows)
        {
            n += column.IsNull(row) ? 0 : 1;
        }

        return n;
    }

    private long[] PerGroup(Func<int, long> compute)
    {
        var result = new long[GroupCount];
        for (var g = 0; g < result.Length; g++)
        {
            result[g] = compute(g);
        }

        return result;
    }
}
