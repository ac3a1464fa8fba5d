using System.Runtime.CompilerServices;
using System.Globalization;

namespace Workbench.Data.Io;

/// <summary>
/// The values of one column within one chunk of a file, in the narrowest type that fits so far: bool,
/// int64 (widened to float64 in place when a fraction appears), float64, datetime, or text codes into a
/// per-chunk <see cref="Utf8Interner"/>. Rows are appended in order and can be rolled back (a row found
/// malformed after some of its fields were stored).
/// </summary>
internal sealed class ChunkColumn
{
    private readonly ColumnType? _declared;
    private readonly bool _inferDates;
    private readonly int _capacity;
    private ulong[] _nulls;
    private bool[]? _bools;
    private long[]? _longs;
    private double[]? _doubles;
    private float[]? _singles;
    private DateTime[]? _dates;
    private int[]? _codes;
    private Utf8Interner? _interner;

    public ChunkColumn(ColumnType? declared, bool forceText, bool inferDates, int capacity)
    {
        _declared = declared;
        _inferDates = inferDates;
        _capacity = capacity;
        _nulls = new ulong[NullMask.WordCount(capacity)];
        Kind = declared switch
        {
            ColumnType.Double => FieldKind.Double,
            ColumnType.Single => FieldKind.Single,
            ColumnType.Int64 => FieldKind.Int64,
            ColumnType.Boolean => FieldKind.Boolean,
            ColumnType.DateTime => FieldKind.DateTime,
            ColumnType.String or ColumnType.Categorical => FieldKind.Text,
            _ => forceText ? FieldKind.Text : FieldKind.Unknown,
        };
        Allocate(Kind);
    }

    public enum Outcome
    {
        Stored,

        /// <summary>The value does not parse as the declared type: a malformed row.</summary>
        Invalid,

        /// <summary>An inferred number, bool or date column met text: the chunk must be read again with this column as text.</summary>
        NeedsText,
    }

    public FieldKind Kind { get; private set; }

    public int Count { get; private set; }

    public int NullCount { get; private set; }

    public ReadOnlySpan<ulong> NullBits => _nulls;

    public bool[]? Bools => _bools;

    public long[]? Longs => _longs;

    public double[]? Doubles => _doubles;

    public float[]? Singles => _singles;

    public DateTime[]? Dates => _dates;

    public int[]? Codes => _codes;

    public IReadOnlyList<string> Strings => _interner?.Strings ?? [];

    public bool IsNull(int row) => (_nulls[row >> 6] & (1UL << row)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Outcome Append(ReadOnlySpan<byte> field, bool missing)
    {
        var row = Count;
        if (missing)
        {
            _nulls[row >> 6] |= 1UL << row;
            NullCount++;
            if (_doubles is not null)
            {
                _doubles[row] = double.NaN;
            }
            else if (_singles is not null)
            {
                _singles[row] = float.NaN;
            }
            else if (_codes is not null)
            {
                _codes[row] = -1;
            }

            Count++;
            return Outcome.Stored;
        }

        if (Kind == FieldKind.Unknown)
        {
            Become(Infer(field));
        }

        var outcome = Kind switch
        {
            FieldKind.Boolean => StoreBoolean(field, row),
            FieldKind.Int64 => StoreInt64(field, row),
            FieldKind.Double => StoreDouble(field, row),
            FieldKind.Single => StoreSingle(field, row),
            FieldKind.DateTime => StoreDate(field, row),
            _ => StoreText(field, row),
        };
        if (outcome == Outcome.Stored)
        {
            Count++;
        }

        return outcome;
    }

    /// <summary>Forgets rows from <paramref name="count"/> on (values already stored there are overwritten later).</summary>
    public void Truncate(int count)
    {
        for (var row = count; row < Count; row++)
        {
            if (IsNull(row))
            {
                _nulls[row >> 6] &= ~(1UL << row);
                NullCount--;
            }
        }

        Count = count;
    }

    /// <summary>The values as text, for a column that turned out to be text after this chunk was read from a stream that cannot be read again.</summary>
    public string?[] FormatAsText()
    {
        var text = new string?[Count];
        for (var i = 0; i < Count; i++)
        {
            text[i] = IsNull(i) ? null : Kind switch
            {
                FieldKind.Boolean => _bools![i] ? "true" : "false",
                FieldKind.Int64 => _longs![i].ToString(CultureInfo.InvariantCulture),
                FieldKind.Double => _doubles![i].ToString("R", CultureInfo.InvariantCulture),
                FieldKind.Single => _singles![i].ToString("R", CultureInfo.InvariantCulture),
                FieldKind.DateTime => DateTimeColumn.FormatIso(_dates![i]),
                FieldKind.Text => _interner!.Strings[_codes![i]],
                _ => null,
            };
        }

        return text;
    }

    private FieldKind Infer(ReadOnlySpan<byte> field) =>
        FieldParser.TryParseBooleanStrict(field, out _) ? FieldKind.Boolean
        : FieldParser.TryParseInt64(field, out _) ? FieldKind.Int64
        : FieldParser.TryParseDouble(field, out _) ? FieldKind.Double
        : _inferDates && FieldParser.TryParseIsoDate(field, out _) ? FieldKind.DateTime
        // Rows so far were all missing, so text loses nothing: no need to read the chunk again.
        : FieldKind.Text;

    private void Become(FieldKind kind)
    {
        Kind = kind;
        Allocate(kind);
        if (_codes is not null)
        {
            for (var i = 0; i < Count; i++)
            {
                _codes[i] = -1;
            }
        }

        if (_doubles is not null)
        {
            _doubles.AsSpan(0, Count).Fill(double.NaN);
        }
    }

    private void Allocate(FieldKind kind)
    {
        switch (kind)
        {
            case FieldKind.Boolean:
                _bools = new bool[_capacity];
                break;
            case FieldKind.Int64:
                _longs = new long[_capacity];
                break;
            case FieldKind.Double:
                _doubles = new double[_capacity];
                break;
            case FieldKind.Single:
                _singles = new float[_capacity];
                break;
            case FieldKind.DateTime:
                _dates = new DateTime[_capacity];
                break;
            case FieldKind.Text:
                _codes = new int[_capacity];
                _interner = new Utf8Interner();
                break;
        }
    }

    private Outcome Mismatch() => _declared is null ? Outcome.NeedsText : Outcome.Invalid;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome StoreBoolean(ReadOnlySpan<byte> field, int row)
    {
        var ok = _declared is null ? FieldParser.TryParseBooleanStrict(field, out var value) : FieldParser.TryParseBoolean(field, out value);
        if (!ok)
        {
            return Mismatch();
        }

        _bools![row] = value;
        return Outcome.Stored;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome StoreInt64(ReadOnlySpan<byte> field, int row)
    {
        if (FieldParser.TryParseInt64(field, out var value))
        {
            _longs![row] = value;
            return Outcome.Stored;
        }

        if (_declared is null && FieldParser.TryParseDouble(field, out var real))
        {
            // Widen in place: every int64 read so far becomes float64 (pandas does the same).
            _doubles = new double[_capacity];
            for (var i = 0; i < row; i++)
            {
                _doubles[i] = IsNull(i) ? double.NaN : _longs![i];
            }

            _longs = null;
            Kind = FieldKind.Double;
            _doubles[row] = real;
            return Outcome.Stored;
        }

        return Mismatch();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome StoreDouble(ReadOnlySpan<byte> field, int row)
    {
        if (!FieldParser.TryParseDouble(field, out var value))
        {
            return Mismatch();
        }

        _doubles![row] = value;
        return Outcome.Stored;
    }

    private Outcome StoreSingle(ReadOnlySpan<byte> field, int row)
    {
        if (!float.TryParse(FieldParser.Trim(field), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Mismatch();
        }

        _singles![row] = value;
        return Outcome.Stored;
    }

    private Outcome StoreDate(ReadOnlySpan<byte> field, int row)
    {
        var ok = _declared is null ? FieldParser.TryParseIsoDate(field, out var value) : FieldParser.TryParseDate(field, out value);
        if (!ok)
        {
            return Mismatch();
        }

        _dates![row] = value;
        return Outcome.Stored;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome StoreText(ReadOnlySpan<byte> field, int row)
    {
        _codes![row] = _interner!.Intern(field);
        return Outcome.Stored;
    }
}
