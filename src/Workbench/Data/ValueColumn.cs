using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>
/// A column of fixed-size values (<see cref="double"/>, <see cref="float"/>, <see cref="long"/>, <see cref="bool"/>,
/// <see cref="System.DateTime"/>) in one array, with an optional <see cref="NullMask"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public abstract class ValueColumn<T> : Column
    where T : unmanaged, IEquatable<T>, IComparable<T>
{
    private readonly T[] _values;

    private protected ValueColumn(string name, T[] values, NullMask? nulls)
        : base(name, values.Length)
    {
        if (nulls is not null && nulls.Length != values.Length)
        {
            throw new ArgumentException($"the null mask covers {nulls.Length} rows but column '{name}' has {values.Length}.", nameof(nulls));
        }

        _values = values;
        Nulls = nulls is { Count: > 0 } ? nulls : null;
    }

    /// <summary>The values; at missing rows the value is a placeholder (NaN for floating point, 0 otherwise).</summary>
    public ReadOnlySpan<T> Values => _values;

    /// <summary>Which rows are missing; null when none is.</summary>
    public NullMask? Nulls { get; }

    public override int NullCount => Nulls?.Count ?? 0;

    /// <summary>The value at <paramref name="row"/>, or null when missing.</summary>
    public new T? this[int row]
    {
        get
        {
            CheckRow(row);
            return Nulls is not null && Nulls[row] ? null : _values[row];
        }
    }

    /// <summary>The values that are present, in row order.</summary>
    public T[] ValidValues()
    {
        if (Nulls is null)
        {
            return (T[])_values.Clone();
        }

        var result = new T[ValidCount];
        var next = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            if (!Nulls[i])
            {
                result[next++] = _values[i];
            }
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool IsNull(int row) => Nulls is not null && Nulls[row];

    public override Column WithName(string name) => Create(name, _values, Nulls);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var values = new T[rows.Length];
        var placeholder = MissingPlaceholder;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            values[i] = row < 0 ? placeholder : _values[row];
        }

        return Create(Name, values, NullMask.Take(Nulls, rows));
    }

    /// <summary>Values from nullables: a null becomes <paramref name="placeholder"/> and a set bit in <paramref name="nulls"/>.</summary>
    private protected static T[] Unwrap(ReadOnlySpan<T?> values, T placeholder, out NullMask? nulls)
    {
        var result = new T[values.Length];
        var builder = new NullMask.Builder(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                result[i] = value;
            }
            else
            {
                result[i] = placeholder;
                builder.SetNull(i);
            }
        }

        nulls = builder.Build();
        return result;
    }

    /// <summary>What a missing row holds in <see cref="Values"/>.</summary>
    private protected virtual T MissingPlaceholder => default;

    private protected abstract ValueColumn<T> Create(string name, T[] values, NullMask? nulls);

    private protected override object BoxedValue(int row) => _values[row];

    internal override bool ValuesEqual(int a, int b)
    {
        var nullA = IsNull(a);
        return nullA == IsNull(b) && (nullA || _values[a].Equals(_values[b]));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void HashRows(Span<ulong> hashes)
    {
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < hashes.Length; i++)
        {
            var h = IsNull(i) ? 0x5bd1e995UL : (ulong)(uint)comparer.GetHashCode(_values[i]) + 1;
            hashes[i] = RowHash.Combine(hashes[i], h);
        }
    }

    internal override void WriteCanonical(CanonicalWriter writer, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (IsNull(i))
            {
                writer.Null();
            }
            else
            {
                WriteCanonical(writer, _values[i]);
            }
        }
    }

    /// <summary>One present value in the fingerprint's canonical encoding (see <see cref="DatasetFingerprint"/>).</summary>
    private protected abstract void WriteCanonical(CanonicalWriter writer, T value);

    /// <summary>The array itself, for the typed loops inside the library (never handed out: columns are immutable).</summary>
    internal T[] RawValues => _values;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override int[] Factorize(out int count)
    {
        var codes = new int[Length];
        var seen = new Dictionary<T, int>();
        for (var i = 0; i < codes.Length; i++)
        {
            if (Nulls is not null && Nulls[i])
            {
                codes[i] = -1;
                continue;
            }

            if (!seen.TryGetValue(_values[i], out var code))
            {
                code = seen.Count;
                seen.Add(_values[i], code);
            }

            codes[i] = code;
        }

        count = seen.Count;
        return codes;
    }

    internal override int[] DenseRanks(out int distinct)
    {
        var keys = new T[ValidCount];
        var rows = new int[keys.Length];
        var next = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            if (Nulls is null || !Nulls[i])
            {
                keys[next] = _values[i];
                rows[next++] = i;
            }
        }

        SortKeys(keys, rows);
        var ranks = new int[Length];
        if (Nulls is not null)
        {
            System.Array.Fill(ranks, -1);
        }

        distinct = AssignRanks(keys, rows, ranks);
        return ranks;
    }

    /// <summary>Sorts keys ascending, carrying row indices; floating-point columns put NaN last.</summary>
    private protected virtual void SortKeys(T[] keys, int[] rows) => System.Array.Sort(keys, rows);

    /// <summary>Dense ranks over sorted keys; returns the number of distinct values.</summary>
    private protected virtual int AssignRanks(T[] sortedKeys, int[] rows, int[] ranks)
    {
        var rank = -1;
        for (var i = 0; i < sortedKeys.Length; i++)
        {
            if (i == 0 || !sortedKeys[i].Equals(sortedKeys[i - 1]))
            {
                rank++;
            }

            ranks[rows[i]] = rank;
        }

        return rank + 1;
    }
}
