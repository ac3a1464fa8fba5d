using System.Buffers;
using System.Globalization;
using System.Text;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Serving.Models;

namespace Workbench.Serving.Protocol;

/// <summary>
/// Collects a request's cells column by column, parsed straight from the UTF-8 body into typed arrays (no per-row
/// objects), then hands them to a <see cref="Frame"/> without copying. A cell that cannot be read as its column's type
/// is recorded as a <see cref="RequestProblem"/> naming the row and column; parsing goes on so one answer lists them.
/// </summary>
internal sealed class FrameBuilder
{
    /// <summary>Problems kept in full; the rest are only counted.</summary>
    public const int MaxProblems = 50;

    private static readonly MissingValueTokens MissingTokens = MissingValueTokens.Default;

    private readonly RequestLayout _layout;
    private readonly Slot[] _slots;
    private readonly List<RequestProblem> _problems = [];
    private int _capacity;

    public FrameBuilder(RequestLayout layout, int expectedRows = 4)
    {
        _layout = layout;
        _capacity = Math.Max(1, expectedRows);
        _slots = new Slot[layout.Count];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot(layout[i], _capacity);
        }

        AllNumbers = _slots.All(s => s.Type == ColumnType.Double);
    }

    /// <summary>Whether every column holds float64 numbers, so a row of plain numbers can be read whole (<see cref="TryAddNumberRow"/>).</summary>
    public bool AllNumbers { get; }

    public RequestLayout Layout => _layout;

    /// <summary>Rows begun so far.</summary>
    public int Rows { get; private set; }

    public IReadOnlyList<RequestProblem> Problems => _problems;

    public int TotalProblems { get; private set; }

    /// <summary>The 1-based body line of the current row, when the format has lines.</summary>
    public int? Line { get; set; }

    /// <summary>Starts a row; every column is missing until set.</summary>
    public void BeginRow()
    {
        if (Rows == _capacity)
        {
            Grow();
        }

        foreach (var slot in _slots)
        {
            slot.Clear(Rows);
        }

        Rows++;
    }

    /// <summary>
    /// Reads one record of plain numbers, one per column in layout order (<see cref="PlainNumberRow"/>), straight into
    /// the columns, and moves past it. False, with <paramref name="position"/> unchanged and no row added, for any
    /// other record: the caller reads it the general way. Only when <see cref="AllNumbers"/>.
    /// </summary>
    /// <typeparam name="TLimit"><see cref="EndsWithDelimiter"/> when the body's last byte is a line feed, else <see cref="WithinSpan"/>.</typeparam>
    public bool TryAddNumberRow<TLimit>(ReadOnlySpan<byte> body, ref int position)
        where TLimit : struct, IScanLimit
    {
        if (Rows == _capacity)
        {
            Grow();
        }

        if (!PlainNumberRow.TryRead<TLimit, SlotCells>(body, ref position, _slots.Length, new SlotCells(_slots, Rows)))
        {
            return false;
        }

        // Missing flags start false, so a row read whole needs no per-cell bookkeeping.
        Rows++;
        return true;
    }

    private void Grow()
    {
        _capacity *= 2;
        foreach (var slot in _slots)
        {
            slot.Grow(_capacity);
        }
    }

    public void SetMissing(int column) => _slots[column].Missing![Rows - 1] = true;

    /// <summary>A cell given as text (a CSV field, a JSON string), parsed as the column's type.</summary>
    public void SetText(int column, ReadOnlySpan<byte> utf8)
    {
        var slot = _slots[column];
        var row = Rows - 1;
        if (slot.Type == ColumnType.Double
            && FieldParser.TryParseDouble(utf8, out var plain)
            && double.IsFinite(plain))
        {
            // The common cell: a plain number, whole field. No missing-value token reads as a finite number, so the
            // trimming, token and problem paths below are only for the rest.
            SetNumber(column, plain);
            return;
        }

        var text = FieldParser.Trim(utf8);
        if (MissingTokens.IsMissing(text))
        {
            slot.Missing![row] = true;
            return;
        }

        switch (slot.Type)
        {
            case ColumnType.Double:
                if (FieldParser.TryParseDouble(text, out var number))
                {
                    SetNumber(column, number);
                }
                else
                {
                    Problem(column, text, "wrong_type", "expected a number");
                }

                break;
            case ColumnType.Int64:
                if (FieldParser.TryParseInt64(text, out var integer))
                {
                    slot.Integers![row] = integer;
                    slot.Missing![row] = false;
                }
                else if (FieldParser.TryParseDouble(text, out var real))
                {
                    SetNumber(column, real);
                }
                else
                {
                    Problem(column, text, "wrong_type", "expected an integer");
                }

                break;
            case ColumnType.Boolean:
                if (FieldParser.TryParseBoolean(text, out var flag))
                {
                    SetBoolean(column, flag);
                }
                else
                {
                    Problem(column, text, "wrong_type", "expected true or false");
                }

                break;
            case ColumnType.DateTime:
                if (FieldParser.TryParseDate(text, out var date))
                {
                    slot.Dates![row] = date;
                    slot.Missing![row] = false;
                }
                else
                {
                    Problem(column, text, "wrong_type", "expected a date (ISO 8601, e.g. 2024-01-31T08:30:00)");
                }

                break;
            default:
                slot.Texts![row] = Decode(slot.Column, text);
                slot.Missing![row] = false;
                break;
        }
    }

    /// <summary>A cell given as a number (a JSON number).</summary>
    public void SetNumber(int column, double value)
    {
        var slot = _slots[column];
        var row = Rows - 1;
        if (!double.IsFinite(value))
        {
            Problem(column, value.ToString(CultureInfo.InvariantCulture), "not_finite", "NaN and infinite values are not accepted; send an empty field or null for a missing value");
            return;
        }

        switch (slot.Type)
        {
            case ColumnType.Double:
                slot.Doubles![row] = value;
                slot.Missing![row] = false;
                break;
            case ColumnType.Int64:
                if (value == Math.Floor(value) && Math.Abs(value) < 9.2e18)
                {
                    slot.Integers![row] = (long)value;
                    slot.Missing![row] = false;
                }
                else
                {
                    Problem(column, value.ToString("R", CultureInfo.InvariantCulture), "wrong_type", "expected an integer");
                }

                break;
            case ColumnType.Boolean when value is 0 or 1:
                SetBoolean(column, value == 1);
                break;
            case ColumnType.String or ColumnType.Categorical:
                slot.Texts![row] = Decode(slot.Column, Encoding.UTF8.GetBytes(value.ToString("R", CultureInfo.InvariantCulture)));
                slot.Missing![row] = false;
                break;
            default:
                Problem(column, value.ToString("R", CultureInfo.InvariantCulture), "wrong_type", $"expected {Expected(slot.Type)}");
                break;
        }
    }

    /// <summary>A cell given as an integer (a numpy integer element): exact in an integer column, else as <see cref="SetNumber"/>.</summary>
    public void SetInteger(int column, long value)
    {
        var slot = _slots[column];
        if (slot.Type != ColumnType.Int64)
        {
            SetNumber(column, value);
            return;
        }

        slot.Integers![Rows - 1] = value;
        slot.Missing![Rows - 1] = false;
    }

    public void SetBoolean(int column, bool value)
    {
        var slot = _slots[column];
        var row = Rows - 1;
        switch (slot.Type)
        {
            case ColumnType.Boolean:
                slot.Booleans![row] = value;
                slot.Missing![row] = false;
                break;
            case ColumnType.Double or ColumnType.Int64:
                SetNumber(column, value ? 1 : 0);
                break;
            case ColumnType.String or ColumnType.Categorical:
                slot.Texts![row] = value ? "true" : "false";
                slot.Missing![row] = false;
                break;
            default:
                Problem(column, value ? "true" : "false", "wrong_type", $"expected {Expected(slot.Type)}");
                break;
        }
    }

    /// <summary>A problem with the current row that is not one cell's (wrong field count, a nested value, …).</summary>
    public void RowProblem(string kind, string reason, string? column = null, string? value = null)
    {
        TotalProblems++;
        if (_problems.Count < MaxProblems)
        {
            _problems.Add(new RequestProblem(Rows - 1, column, value, kind, reason) { Line = Line });
        }
    }

    /// <summary>Raises the problems found so far as one 400 answer.</summary>
    public void ThrowIfProblems()
    {
        if (TotalProblems > 0)
        {
            throw ServingException.InvalidData(_problems, TotalProblems);
        }
    }

    /// <summary>The frame of the rows read (arrays handed over, not copied).</summary>
    public Frame Build()
    {
        var columns = new Column[_slots.Length];
        for (var i = 0; i < _slots.Length; i++)
        {
            columns[i] = _slots[i].Build(Rows);
        }

        return new Frame(columns);
    }

    private void Problem(int column, ReadOnlySpan<byte> text, string kind, string reason) =>
        RowProblem(kind, $"{reason}, found '{MediaTypes.Truncate(Encoding.UTF8.GetString(text))}'", _slots[column].Column.Name, MediaTypes.Truncate(Encoding.UTF8.GetString(text)));

    private void Problem(int column, string text, string kind, string reason) =>
        RowProblem(kind, $"{reason}, found '{text}'", _slots[column].Column.Name, text);

    private static string Expected(ColumnType type) => type switch
    {
        ColumnType.Boolean => "true or false",
        ColumnType.DateTime => "a date as a string",
        ColumnType.Int64 => "an integer",
        ColumnType.Double => "a number",
        _ => "text",
    };

    // A known label is the schema's shared string (no allocation); anything else is decoded once.
    private static string Decode(InputColumn column, ReadOnlySpan<byte> utf8)
    {
        var length = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        char[]? rented = null;
        var chars = length <= 256 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetChars(utf8, chars);
            var span = chars[..written];
            return column.Known(span) ?? new string(span);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private readonly struct SlotCells(Slot[] slots, int row) : INumberRowCells
    {
        public ref double this[int column] => ref slots[column].Doubles![row];
    }

    private sealed class Slot(InputColumn column, int capacity)
    {
        public InputColumn Column { get; } = column;

        public ColumnType Type { get; } = column.Type;

        private int _capacity = capacity;

        /// <summary>
        /// Per row: the cell is missing. Null until the general path begins a row (BeginRow sets it for each), so a
        /// body read whole by the plain-number path never allocates it.
        /// </summary>
        public bool[]? Missing;

        public double[]? Doubles = column.Type == ColumnType.Double ? new double[capacity] : null;

        public long[]? Integers = column.Type == ColumnType.Int64 ? new long[capacity] : null;

        public bool[]? Booleans = column.Type == ColumnType.Boolean ? new bool[capacity] : null;

        public DateTime[]? Dates = column.Type == ColumnType.DateTime ? new DateTime[capacity] : null;

        public string?[]? Texts = column.Type is ColumnType.String or ColumnType.Categorical ? new string?[capacity] : null;

        public void Clear(int row)
        {
            (Missing ??= new bool[_capacity])[row] = true;
            if (Doubles is not null)
            {
                // A plain-number read that failed part-way may have left a value here; a missing cell holds 0.
                Doubles[row] = 0;
            }

            if (Texts is not null)
            {
                Texts[row] = null;
            }
        }

        public void Grow(int size)
        {
            _capacity = size;
            if (Missing is not null)
            {
                Array.Resize(ref Missing, size);
            }

            if (Doubles is not null)
            {
                Array.Resize(ref Doubles, size);
            }

            if (Integers is not null)
            {
                Array.Resize(ref Integers, size);
            }

            if (Booleans is not null)
            {
                Array.Resize(ref Booleans, size);
            }

            if (Dates is not null)
            {
                Array.Resize(ref Dates, size);
            }

            if (Texts is not null)
            {
                Array.Resize(ref Texts, size);
            }
        }

        public Column Build(int rows)
        {
            var name = Column.Name;
            NullMask? nulls = null;
            if (Missing is not null && Array.IndexOf(Missing, true, 0, rows) >= 0)
            {
                nulls = NullMask.FromFlags(Missing.AsSpan(0, rows));
            }

            return Type switch
            {
                ColumnType.Double => DoubleColumn.Adopt(name, Fit(Doubles!, rows), nulls),
                ColumnType.Int64 => Int64Column.Adopt(name, Fit(Integers!, rows), nulls),
                ColumnType.Boolean => BooleanColumn.Adopt(name, Fit(Booleans!, rows), nulls),
                ColumnType.DateTime => DateTimeColumn.Adopt(name, Fit(Dates!, rows), nulls),
                ColumnType.Categorical => new CategoricalColumn(name, Texts.AsSpan(0, rows)),
                _ => StringColumn.Adopt(name, Fit(Texts!, rows)),
            };
        }

        private static T[] Fit<T>(T[] values, int rows) => values.Length == rows ? values : values[..rows];
    }
}
