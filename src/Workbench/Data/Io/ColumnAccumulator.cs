using System.Numerics;
using System.Runtime.CompilerServices;

namespace Workbench.Data.Io;

/// <summary>
/// Builds one column of a file from its chunks, in order, straight into arrays of the final size, so a chunk's
/// arrays die young and the reader holds little more than the frame itself. The widest kind wins (int64 widens
/// to float64 in place); text keeps a running dictionary while it can still be categorical. A chunk read as
/// numbers, bools or dates meeting one read as text (or the reverse) is a <see cref="Conflict"/>: the caller
/// reads the file again with the column as text, or, for a stream that cannot be read again, converts the
/// values to text (<see cref="AppendAsText"/>).
/// </summary>
internal sealed class ColumnAccumulator(string name, ColumnType? declared, CsvReadOptions options, int capacity)
{
    private int _capacity = Math.Max(capacity, 16);
    private FieldKind _kind = FieldKind.Unknown;
    private ulong[] _nulls = new ulong[NullMask.WordCount(Math.Max(capacity, 16))];
    private int _nullCount;
    private readonly KindArrays _arrays = new();
    private Dictionary<string, int>? _dictionary;
    private List<string>? _labels;

    public int Count { get; private set; }

    /// <summary>Set when a chunk's kind cannot join the column's without the chunk's original text.</summary>
    public bool Conflict { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(ChunkColumn chunk)
    {
        var kind = chunk.Kind;
        if (kind != FieldKind.Unknown && _kind != FieldKind.Unknown && kind != _kind && !Widens(kind))
        {
            Conflict = true;
            return;
        }

        Reserve(Count + chunk.Count);
        if (_kind == FieldKind.Unknown && kind != FieldKind.Unknown)
        {
            Become(kind);
        }
        else if (_kind == FieldKind.Int64 && kind == FieldKind.Double)
        {
            WidenToDouble();
        }

        CopyNulls(chunk);
        var offset = Count;
        var n = chunk.Count;
        switch (_kind)
        {
            case FieldKind.Boolean:
                Copy(chunk.Bools, _arrays.Bools!, offset, n, false);
                break;
            case FieldKind.Int64:
                Copy(chunk.Longs, _arrays.Longs!, offset, n, 0);
                break;
            case FieldKind.Single:
                Copy(chunk.Singles, _arrays.Singles!, offset, n, float.NaN);
                break;
            case FieldKind.DateTime:
                Copy(chunk.Dates, _arrays.Dates!, offset, n, default);
                break;
            case FieldKind.Double when chunk.Longs is { } longs:
                for (var i = 0; i < n; i++)
                {
                    _arrays.Doubles![offset + i] = chunk.IsNull(i) ? double.NaN : longs[i];
                }

                break;
            case FieldKind.Double:
                Copy(chunk.Doubles, _arrays.Doubles!, offset, n, double.NaN);
                break;
            case FieldKind.Text:
                AppendText(chunk, offset, n);
                break;
        }

        Count += n;
    }

    /// <summary>For a stream that cannot be read again: the chunk's values as text, and the column becomes text.</summary>
    public void AppendAsText(ChunkColumn chunk)
    {
        if (_kind != FieldKind.Text)
        {
            var existing = FormatExisting();
            _kind = FieldKind.Text;
            _arrays.KeepOnlyStrings();
            _dictionary = null;
            _arrays.Strings = new string?[_capacity];
            existing.CopyTo(_arrays.Strings, 0);
        }
        else
        {
            ToStrings();
        }

        Reserve(Count + chunk.Count);
        CopyNulls(chunk);
        chunk.FormatAsText().CopyTo(_arrays.Strings!, Count);
        Count += chunk.Count;
        Conflict = false;
    }

    public Column Build()
    {
        var nulls = BuildNulls();
        switch (_kind)
        {
            case FieldKind.Boolean:
                return BooleanColumn.Adopt(name, Exact(_arrays.Bools!), nulls);
            case FieldKind.Int64:
                return Int64Column.Adopt(name, Exact(_arrays.Longs!), nulls);
            case FieldKind.Single:
                return SingleColumn.Adopt(name, Exact(_arrays.Singles!), nulls);
            case FieldKind.DateTime:
                return DateTimeColumn.Adopt(name, Exact(_arrays.Dates!), nulls);
            case FieldKind.Double:
                return DoubleColumn.Adopt(name, Exact(_arrays.Doubles!), nulls);
            case FieldKind.Text:
                break;
            default:
                // No value at all: float64 like pandas, or text for a file without rows.
                if (Count == 0)
                {
                    return StringColumn.Adopt(name, []);
                }

                var empty = new double[Count];
                Array.Fill(empty, double.NaN);
                return DoubleColumn.Adopt(name, empty, nulls);
        }

        var present = Count - _nullCount;
        if (_arrays.Codes is not null && (declared == ColumnType.Categorical || (_labels!.Count > 0 && _labels.Count <= present / 2)))
        {
            return Categorical();
        }

        ToStrings();
        return StringColumn.Adopt(name, Exact(_arrays.Strings!));
    }

    private bool Widens(FieldKind kind) => (_kind, kind) is (FieldKind.Int64, FieldKind.Double) or (FieldKind.Double, FieldKind.Int64);

    private void Become(FieldKind kind)
    {
        _kind = kind;
        var categorical = declared == ColumnType.Categorical || (declared is null && options.InferCategoricals);
        _arrays.Allocate(kind, _capacity, Count, textAsCodes: categorical);
        if (kind == FieldKind.Text && categorical)
        {
            _dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
            _labels = [];
        }
    }

    private void WidenToDouble()
    {
        _arrays.WidenToDouble(Count, IsNull);
        _kind = FieldKind.Double;
    }

    private void AppendText(ChunkColumn chunk, int offset, int n)
    {
        var local = chunk.Codes;
        var strings = chunk.Strings;
        if (_arrays.Codes is { } codes)
        {
            var remap = new int[strings.Count];
            for (var k = 0; k < remap.Length; k++)
            {
                if (!_dictionary!.TryGetValue(strings[k], out var code))
                {
                    code = _labels!.Count;
                    _dictionary.Add(strings[k], code);
                    _labels.Add(strings[k]);
                }

                remap[k] = code;
            }

            if (declared == ColumnType.Categorical || _labels!.Count <= options.MaxCategories)
            {
                for (var i = 0; i < n; i++)
                {
                    codes[offset + i] = local is null || local[i] < 0 ? -1 : remap[local[i]];
                }

                return;
            }

            // Too many labels to be a category: keep the text itself from now on.
            ToStrings();
        }

        for (var i = 0; i < n; i++)
        {
            _arrays.Strings![offset + i] = local is null || local[i] < 0 ? null : strings[local[i]];
        }
    }

    private void ToStrings()
    {
        if (_arrays.Codes is not { } codes)
        {
            return;
        }

        var strings = new string?[_capacity];
        for (var i = 0; i < Count; i++)
        {
            strings[i] = codes[i] < 0 ? null : _labels![codes[i]];
        }

        _arrays.Strings = strings;
        _arrays.DropCodes();
        _dictionary = null;
    }

    private CategoricalColumn Categorical()
    {
        // Categories sorted by ordinal text, as pandas sorts them.
        var categories = _labels!.Order(StringComparer.Ordinal).ToArray();
        var sortedCode = new int[categories.Length];
        for (var i = 0; i < categories.Length; i++)
        {
            sortedCode[_dictionary![categories[i]]] = i;
        }

        var codes = Exact(_arrays.Codes!);
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = codes[i] < 0 ? -1 : sortedCode[codes[i]];
        }

        return CategoricalColumn.Adopt(name, codes, categories);
    }

    private string?[] FormatExisting()
    {
        var text = new string?[Count];
        var column = Count == 0 || _kind == FieldKind.Unknown ? null : Build();
        for (var i = 0; i < Count; i++)
        {
            text[i] = column?.Format(i);
        }

        return text;
    }

    private bool IsNull(int row) => (_nulls[row >> 6] & (1UL << row)) != 0;

    private void CopyNulls(ChunkColumn chunk)
    {
        if (chunk.NullCount == 0)
        {
            return;
        }

        var bits = chunk.NullBits;
        for (var w = 0; w < bits.Length; w++)
        {
            var word = bits[w];
            while (word != 0)
            {
                var row = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (row < chunk.Count)
                {
                    var target = Count + row;
                    _nulls[target >> 6] |= 1UL << target;
                    _nullCount++;
                }
            }
        }
    }

    private NullMask? BuildNulls()
    {
        if (_nullCount == 0)
        {
            return null;
        }

        var builder = new NullMask.Builder(Count);
        for (var w = 0; w < NullMask.WordCount(Count); w++)
        {
            var word = _nulls[w];
            while (word != 0)
            {
                var row = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (row < Count)
                {
                    builder.SetNull(row);
                }
            }
        }

        return builder.Build();
    }

    private void Reserve(int needed)
    {
        if (needed <= _capacity)
        {
            return;
        }

        // Only when the row estimate was short (a stream of unknown length): grow by half again.
        var capacity = Math.Max(needed, _capacity + (_capacity / 2));
        Array.Resize(ref _nulls, NullMask.WordCount(capacity));
        _arrays.Grow(capacity);
        _capacity = capacity;
    }

    private T[] Exact<T>(T[] array)
    {
        if (array.Length == Count)
        {
            return array;
        }

        Array.Resize(ref array, Count);
        return array;
    }

    private static void Copy<T>(T[]? source, T[] target, int offset, int count, T missing)
    {
        if (source is null)
        {
            target.AsSpan(offset, count).Fill(missing);
        }
        else
        {
            source.AsSpan(0, count).CopyTo(target.AsSpan(offset));
        }
    }
}
