using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Workbench.Data;
using Workbench.Data.Io;

namespace Workbench.Features.Validation;

/// <summary>What one cell is against its column's schema.</summary>
internal enum CellState : byte
{
    Ok,
    Missing,
    WrongType,
    OutOfRange,
    UnexpectedCategory,
}

/// <summary>
/// Checks one frame column against one <see cref="ColumnSchema"/>, cell by cell. Works from whatever the reader made of
/// the column: a numeric column is checked as numbers; a text or categorical column (a CSV read with text in a numeric
/// column, a JSON request) is parsed value by value as the CSV reader parses, each distinct text once.
/// </summary>
internal sealed class ColumnCheck
{
    private readonly Column _column;
    private readonly Labels? _labels;

    private ColumnCheck(Column column, CellState[] cells, Labels? labels)
    {
        _column = column;
        Cells = cells;
        _labels = labels;
    }

    public CellState[] Cells { get; }

    /// <summary>The cell as text, as the user wrote it (null when missing).</summary>
    public string? Text(int row) => _labels is { } labels
        ? labels.Codes[row] < 0 ? null : labels.Texts[labels.Codes[row]]
        : _column.Format(row);

    public int Count(CellState state) => Cells.Count(c => c == state);

    /// <summary>
    /// Whether every cell of a float64 column with no missing cells is valid for a numeric schema column: finite,
    /// within the allowed range, whole for an integer column. A vectorised pass over the values, so a valid request
    /// costs no per-cell states; false means "run the full check" (which names the bad cells), not "invalid".
    /// </summary>
    public static bool AllValidNumbers(ColumnSchema schema, Column column) =>
        column is DoubleColumn { Nulls: null } numbers && AllValidNumbers(schema, numbers.Values);

    /// <summary>
    /// <see cref="AllValidNumbers(ColumnSchema, Column)"/> for the values of a float64 column with no missing cells
    /// held outside a frame (a served request parsed straight into a buffer), so both ways accept exactly the same.
    /// </summary>
    public static bool AllValidNumbers(ColumnSchema schema, ReadOnlySpan<double> values)
    {
        if (!schema.IsNumeric || values.IsEmpty)
        {
            return false;
        }

        var (low, high) = schema.AllowedRange;
        if (!AllFiniteWithin(values, low, high))
        {
            return false;
        }

        if (schema.Type == ColumnType.Int64)
        {
            foreach (var value in values)
            {
                if (value != Math.Floor(value))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Whether every value is finite and in [<paramref name="low"/>, <paramref name="high"/>], in one vectorised pass
    /// (a request's columns are checked one by one, so one pass instead of a Min and a Max call each).
    /// </summary>
    internal static bool AllFiniteWithin(ReadOnlySpan<double> values, double low, double high)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<double>.Count)
        {
            // Every comparison with NaN is false, and the absolute value of an infinity is not below infinity.
            var lowest = Vector256.Create(low);
            var highest = Vector256.Create(high);
            var infinity = Vector256.Create(double.PositiveInfinity);
            var within = Vector256<double>.AllBitsSet;
            ref var first = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var value = Vector256.LoadUnsafe(ref first, (nuint)i);
                within &= Vector256.GreaterThanOrEqual(value, lowest) & Vector256.LessThanOrEqual(value, highest) & Vector256.LessThan(Vector256.Abs(value), infinity);
            }

            if (within.AsUInt64() != Vector256<ulong>.AllBitsSet)
            {
                return false;
            }
        }

        for (; i < values.Length; i++)
        {
            if (!(values[i] >= low && values[i] <= high && double.IsFinite(values[i])))
            {
                return false;
            }
        }

        return true;
    }

    public static ColumnCheck Run(ColumnSchema schema, Column column)
    {
        var cells = new CellState[column.Length];
        var textual = column.Type is ColumnType.String or ColumnType.Categorical;
        Labels? labels = textual || schema.Type is ColumnType.Categorical or ColumnType.String ? FeatureColumns.LabelsOf(column) : null;
        switch (schema.Type)
        {
            case ColumnType.Double or ColumnType.Int64:
                CheckNumbers(schema, column, labels, cells);
                break;
            case ColumnType.Boolean:
                CheckParsed(column, labels, cells, text => FieldParser.TryParseBoolean(Encoding.UTF8.GetBytes(text), out _), number => number is 0 or 1);
                break;
            case ColumnType.DateTime:
                CheckParsed(column, labels, cells, text => FieldParser.TryParseDate(Encoding.UTF8.GetBytes(text), out _), null);
                break;
            default:
                CheckCategories(schema, labels!, cells);
                break;
        }

        return new ColumnCheck(column, cells, labels);
    }

    private static void CheckNumbers(ColumnSchema schema, Column column, Labels? labels, CellState[] cells)
    {
        var (low, high) = schema.AllowedRange;
        var integer = schema.Type == ColumnType.Int64;
        CellState Classify(double value) =>
            integer && value != Math.Floor(value) ? CellState.WrongType
            : value < low || value > high ? CellState.OutOfRange
            : CellState.Ok;

        if (labels is not null)
        {
            var parsed = labels.Texts.Select(t => FieldParser.TryParseDouble(Encoding.UTF8.GetBytes(t), out var v) && double.IsFinite(v) ? v : (double?)null).ToArray();
            var states = parsed.Select(v => v is { } number ? Classify(number) : CellState.WrongType).ToArray();
            for (var r = 0; r < cells.Length; r++)
            {
                var code = labels.Codes[r];
                cells[r] = code < 0 ? CellState.Missing : states[code];
            }

            return;
        }

        if (!column.IsNumeric)
        {
            for (var r = 0; r < cells.Length; r++)
            {
                cells[r] = column.IsNull(r) ? CellState.Missing : CellState.WrongType;
            }

            return;
        }

        var values = new double[column.Length];
        column.CopyNumbers(values);
        for (var r = 0; r < cells.Length; r++)
        {
            cells[r] = double.IsNaN(values[r]) ? CellState.Missing : double.IsInfinity(values[r]) ? CellState.OutOfRange : Classify(values[r]);
        }
    }

    private static void CheckParsed(Column column, Labels? labels, CellState[] cells, Func<string, bool> parses, Func<double, bool>? numberFits)
    {
        if (labels is not null)
        {
            var states = labels.Texts.Select(t => parses(t) ? CellState.Ok : CellState.WrongType).ToArray();
            for (var r = 0; r < cells.Length; r++)
            {
                cells[r] = labels.Codes[r] < 0 ? CellState.Missing : states[labels.Codes[r]];
            }

            return;
        }

        var sameType = numberFits is null ? column.Type == ColumnType.DateTime : column.Type == ColumnType.Boolean;
        var numbers = column.IsNumeric ? new double[column.Length] : null;
        if (numbers is not null)
        {
            column.CopyNumbers(numbers);
        }

        for (var r = 0; r < cells.Length; r++)
        {
            cells[r] = column.IsNull(r) || (numbers is not null && double.IsNaN(numbers[r])) ? CellState.Missing
                : sameType ? CellState.Ok
                : numbers is not null && numberFits is not null && numberFits(numbers[r]) ? CellState.Ok
                : CellState.WrongType;
        }
    }

    private static void CheckCategories(ColumnSchema schema, Labels labels, CellState[] cells)
    {
        var allowed = schema.Categories is { } categories ? categories.ToHashSet(StringComparer.Ordinal) : null;
        var states = labels.Texts.Select(t => allowed is null || allowed.Contains(t) ? CellState.Ok : CellState.UnexpectedCategory).ToArray();
        for (var r = 0; r < cells.Length; r++)
        {
            cells[r] = labels.Codes[r] < 0 ? CellState.Missing : states[labels.Codes[r]];
        }
    }

    /// <summary>Why a cell fails, in words.</summary>
    public string Reason(ColumnSchema schema, int row)
    {
        var text = Text(row);
        switch (Cells[row])
        {
            case CellState.Missing:
                return "missing, and the column must not be missing";
            case CellState.WrongType:
                return $"'{text}' is not {schema.Type.DisplayName()}";
            case CellState.UnexpectedCategory:
                return $"'{text}' is not one of the allowed categories";
            default:
                var (low, high) = schema.AllowedRange;
                var value = double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture);
                return value < low
                    ? $"{text} is below the allowed minimum {low.ToString("G6", CultureInfo.InvariantCulture)}"
                    : $"{text} is above the allowed maximum {high.ToString("G6", CultureInfo.InvariantCulture)}";
        }
    }

    /// <summary>Up to five distinct offending values, most frequent first (rows for missing values).</summary>
    public IReadOnlyList<string> Examples(CellState state)
    {
        if (state == CellState.Missing)
        {
            return Enumerable.Range(0, Cells.Length).Where(r => Cells[r] == state).Take(5).Select(r => $"row {r}").ToArray();
        }

        return Enumerable.Range(0, Cells.Length).Where(r => Cells[r] == state).Take(100_000)
            .Select(r => (Row: r, Text: Text(r) ?? string.Empty))
            .GroupBy(p => p.Text, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.First().Row)
            .Take(5).Select(g => g.Key).ToArray();
    }
}
