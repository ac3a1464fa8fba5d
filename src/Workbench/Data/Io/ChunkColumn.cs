using System.Globalization;
using System.Runtime.CompilerServices;

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
    private readonly KindArrays _arrays = new();
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

    public bool[]? Bools => _arrays.Bools;

    public long[]? Longs => _arrays.Longs;

    public double[]? Doubles => _arrays.Doubles;

    public float[]? Singles => _arrays.Singles;

    public DateTime[]? Dates => _arrays.Dates;

    public int[]? Codes => _arrays.Codes;

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
            if (_arrays.Doubles is { } doubles)
            {
                doubles[row] = double.NaN;
            }
            else if (_arrays.Singles is { } singles)
            {
                singles[row] = float.NaN;
            }
            else if (_arrays.Codes is { } codes)
            {
                codes[row] = -1;
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
                FieldKind.Boolean => Bools![i] ? "true" : "false",
                FieldKind.Int64 => Longs![i].ToString(CultureInfo.InvariantCulture),
                FieldKind.Double => Doubles![i].ToString("R", CultureInfo.InvariantCulture),
                FieldKind.Single => Singles![i].ToString("R", CultureInfo.InvariantCulture),
                FieldKind.DateTime => DateTimeColumn.FormatIso(Dates![i]),
                FieldKind.Text => _interner!.Strings[Codes![i]],
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
    }

    private void Allocate(FieldKind kind)
    {
        _arrays.Allocate(kind, _capacity, Count);
        if (kind == FieldKind.Text)
        {
            _interner = new Utf8Interner();
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

        _arrays.Bools![row] = value;
        return Outcome.Stored;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome StoreInt64(ReadOnlySpan<byte> field, int row)
    {
        if (FieldParser.TryParseInt64(field, out var value))
        {
            _arrays.Longs![row] = value;
            return Outcome.Stored;
        }

        if (_declared is null && FieldParser.TryParseDouble(field, out var real))
        {
            // Widen in place: every int64 read so far becomes float64 (pandas does the same).
            _arrays.WidenToDouble(row, IsNull);
            Kind = FieldKind.Double;
            _arrays.Doubles![row] = real;
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

        _arrays.Doubles![row] = value;
        return Outcome.Stored;
    }

    private Outcome StoreSingle(ReadOnlySpan<byte> field, int row)
    {
        if (!float.TryParse(FieldParser.Trim(field), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Mismatch();
        }

        _arrays.Singles![row] = value;
        return Outcome.Stored;
    }

    private Outcome StoreDate(ReadOnlySpan<byte> field, int row)
    {
        var ok = _declared is null ? FieldParser.TryParseIsoDate(field, out var value) : FieldParser.TryParseDate(field, out value);
        if (!ok)
        {
            return Mismatch();
        }

        _arrays.Dates![row] = value;
        return Outcome.Stored;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome StoreText(ReadOnlySpan<byte> field, int row)
    {
        _arrays.Codes![row] = _interner!.Intern(field);
        return Outcome.Stored;
    }
}
