using System.Globalization;
using Workbench.Data;

namespace Workbench.Monitoring.Columns;

/// <summary>
/// Reads a frame column the way the baseline sees it, whatever type the current file gave it: numbers from numeric
/// columns or from text that parses as numbers (the rest counted as mismatched), labels from any column. NaN counts
/// as missing, as pandas and Evidently treat it.
/// </summary>
internal static class ColumnReader
{
    /// <summary>The column as numbers; read once per column while a <see cref="ColumnReadScope"/> is open.</summary>
    public static NumericValues Numbers(Column column) =>
        ColumnReadScope.Current is { } scope ? scope.Numbers(column, ReadNumbers) : ReadNumbers(column);

    /// <summary>The column as labels; read once per column while a <see cref="ColumnReadScope"/> is open.</summary>
    public static LabelValues Labels(Column column, bool booleans = false) =>
        ColumnReadScope.Current is { } scope ? scope.Labels(column, booleans, ReadLabels) : ReadLabels(column, booleans);

    private static NumericValues ReadNumbers(Column column)
    {
        var rows = column.Length;
        long missing = 0, nonFinite = 0, mismatched = 0;
        var values = new double[rows];
        var count = 0;
        switch (column)
        {
            case DoubleColumn doubles:
                count = ReadFloats(doubles.RawValues, doubles.Nulls, values, ref missing, ref nonFinite);
                break;

            case SingleColumn singles:
                count = ReadFloats(singles.RawValues, singles.Nulls, values, ref missing, ref nonFinite);
                break;

            case Int64Column longs:
                {
                    var raw = longs.RawValues;
                    var nulls = longs.Nulls;
                    for (var i = 0; i < raw.Length; i++)
                    {
                        if (nulls is not null && nulls[i])
                        {
                            missing++;
                        }
                        else
                        {
                            values[count++] = raw[i];
                        }
                    }

                    break;
                }

            case BooleanColumn booleans:
                {
                    var raw = booleans.RawValues;
                    var nulls = booleans.Nulls;
                    for (var i = 0; i < raw.Length; i++)
                    {
                        if (nulls is not null && nulls[i])
                        {
                            missing++;
                        }
                        else
                        {
                            values[count++] = raw[i] ? 1 : 0;
                        }
                    }

                    break;
                }

            default:
                for (var i = 0; i < rows; i++)
                {
                    if (column.IsNull(i))
                    {
                        missing++;
                    }
                    else if (column.Type != ColumnType.DateTime && TryParseNumber(column.Format(i)!, out var value))
                    {
                        if (double.IsNaN(value))
                        {
                            missing++;
                        }
                        else if (double.IsInfinity(value))
                        {
                            nonFinite++;
                        }
                        else
                        {
                            values[count++] = value;
                        }
                    }
                    else
                    {
                        mismatched++;
                    }
                }

                break;
        }

        Array.Resize(ref values, count);
        Statistics.DoubleSort.Sort(values, count);
        return new NumericValues(values, rows, missing, nonFinite, mismatched);
    }

    /// <summary>Copies the finite values of a floating-point column into <paramref name="values"/>; NaN counts as missing.</summary>
    private static int ReadFloats<T>(T[] raw, NullMask? nulls, double[] values, ref long missing, ref long nonFinite)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var count = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var value = double.CreateChecked(raw[i]);
            if ((nulls is not null && nulls[i]) || double.IsNaN(value))
            {
                missing++;
            }
            else if (double.IsInfinity(value))
            {
                nonFinite++;
            }
            else
            {
                values[count++] = value;
            }
        }

        return count;
    }

    private static LabelValues ReadLabels(Column column, bool booleans)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long missing = 0, mismatched = 0;
        switch (column)
        {
            case CategoricalColumn categorical:
                {
                    var perCode = new long[categorical.Categories.Count];
                    foreach (var code in categorical.Codes)
                    {
                        if (code < 0)
                        {
                            missing++;
                        }
                        else
                        {
                            perCode[code]++;
                        }
                    }

                    for (var code = 0; code < perCode.Length; code++)
                    {
                        if (perCode[code] > 0)
                        {
                            var label = booleans ? BooleanLabel(categorical.Categories[code]) : categorical.Categories[code];
                            if (label is null)
                            {
                                mismatched += perCode[code];
                                label = categorical.Categories[code];
                            }

                            counts[label] = counts.GetValueOrDefault(label) + perCode[code];
                        }
                    }

                    break;
                }

            default:
                for (var i = 0; i < column.Length; i++)
                {
                    if (column.IsNull(i))
                    {
                        missing++;
                        continue;
                    }

                    var text = column.Format(i)!;
                    if (column is DoubleColumn or SingleColumn && text == "NaN")
                    {
                        missing++;
                        continue;
                    }

                    var label = booleans ? BooleanLabel(text) : text;
                    if (label is null)
                    {
                        mismatched++;
                        label = text;
                    }

                    counts[label] = counts.GetValueOrDefault(label) + 1;
                }

                break;
        }

        return new LabelValues(counts, column.Length, missing, mismatched);
    }

    /// <summary>Whether a present cell reads as a timestamp; the count of those that do not.</summary>
    public static (long Present, long Mismatched) Timestamps(Column column)
    {
        long present = 0, mismatched = 0;
        if (column is DateTimeColumn)
        {
            return (column.ValidCount, 0);
        }

        for (var i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i))
            {
                continue;
            }

            present++;
            if (!DateTime.TryParse(column.Format(i), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            {
                mismatched++;
            }
        }

        return (present, mismatched);
    }

    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>"true" / "false" for the spellings of a boolean (true, True, 1, yes, ...), null for anything else.</summary>
    public static string? BooleanLabel(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "t" or "1" or "yes" or "y" or "1.0" => "true",
        "false" or "f" or "0" or "no" or "n" or "0.0" => "false",
        _ => null,
    };
}
