using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>A column of text; a null string is a missing value.</summary>
public sealed class StringColumn : Column
{
    private readonly string?[] _values;
    private readonly int _nullCount;

    /// <summary>A column of <paramref name="values"/> (copied); null is missing.</summary>
    public StringColumn(string name, ReadOnlySpan<string?> values)
        : this(name, values.ToArray(), adopt: true)
    {
    }

    private StringColumn(string name, string?[] values, bool adopt)
        : base(name, values.Length)
    {
        _values = adopt ? values : (string?[])values.Clone();
        foreach (var value in _values)
        {
            _nullCount += value is null ? 1 : 0;
        }
    }

    public override ColumnType Type => ColumnType.String;

    public override int NullCount => _nullCount;

    /// <summary>The values; null where missing.</summary>
    public ReadOnlySpan<string?> Values => _values;

    /// <summary>The text at <paramref name="row"/>, or null when missing.</summary>
    public new string? this[int row]
    {
        get
        {
            CheckRow(row);
            return _values[row];
        }
    }

    internal static StringColumn Adopt(string name, string?[] values) => new(name, values, adopt: true);

    public override bool IsNull(int row) => _values[row] is null;

    public override Column WithName(string name) => Adopt(name, _values);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var values = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = rows[i] < 0 ? null : _values[rows[i]];
        }

        return Adopt(Name, values);
    }

    /// <summary>The same labels stored as codes into a sorted dictionary: far less memory when values repeat.</summary>
    public CategoricalColumn ToCategorical() => new(Name, _values);

    private protected override object BoxedValue(int row) => _values[row]!;

    internal override bool ValuesEqual(int a, int b) => string.Equals(_values[a], _values[b], StringComparison.Ordinal);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void HashRows(Span<ulong> hashes)
    {
        for (var i = 0; i < hashes.Length; i++)
        {
            var h = _values[i] is { } value ? (ulong)(uint)string.GetHashCode(value.AsSpan()) + 1 : 0x5bd1e995UL;
            hashes[i] = RowHash.Combine(hashes[i], h);
        }
    }

    private protected override string FormatValue(int row) => _values[row]!;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override int[] Factorize(out int count)
    {
        var codes = new int[Length];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Length; i++)
        {
            var value = _values[i];
            if (value is null)
            {
                codes[i] = -1;
                continue;
            }

            if (!seen.TryGetValue(value, out var code))
            {
                code = seen.Count;
                seen.Add(value, code);
            }

            codes[i] = code;
        }

        count = seen.Count;
        return codes;
    }

    internal override int[] DenseRanks(out int distinct)
    {
        var keys = new string[ValidCount];
        var rows = new int[keys.Length];
        var next = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is { } value)
            {
                keys[next] = value;
                rows[next++] = i;
            }
        }

        Array.Sort(keys, rows, StringComparer.Ordinal);
        var ranks = new int[Length];
        Array.Fill(ranks, -1);
        var rank = -1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (i == 0 || !string.Equals(keys[i], keys[i - 1], StringComparison.Ordinal))
            {
                rank++;
            }

            ranks[rows[i]] = rank;
        }

        distinct = rank + 1;
        return ranks;
    }

    internal override void CopyNumbers(int start, int count, Span<double> destination) => throw NotNumeric("this operation");

    internal override void WriteCanonical(CanonicalWriter writer, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (_values[i] is { } value)
            {
                writer.String(value);
            }
            else
            {
                writer.Null();
            }
        }
    }
}
