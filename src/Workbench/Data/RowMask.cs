namespace Workbench.Data;

/// <summary>
/// A true / false per row, from comparing a column (<c>frame["age"] &gt; 60</c>); combine with
/// <c>&amp;</c>, <c>|</c>, <c>^</c> and <c>!</c>, and select rows with <c>frame[mask]</c>. A comparison with a
/// missing value is false, as in pandas.
/// </summary>
public sealed class RowMask
{
    private readonly bool[] _flags;

    public RowMask(bool[] flags)
    {
        _flags = flags ?? throw new ArgumentNullException(nameof(flags));
        var count = 0;
        foreach (var flag in flags)
        {
            count += flag ? 1 : 0;
        }

        Count = count;
    }

    public int Length => _flags.Length;

    /// <summary>Rows that are true.</summary>
    public int Count { get; }

    public bool this[int row] => _flags[row];

    public ReadOnlySpan<bool> Flags => _flags;

    /// <summary>The indices of the true rows, ascending.</summary>
    public int[] Indices()
    {
        var indices = new int[Count];
        var next = 0;
        for (var i = 0; i < _flags.Length; i++)
        {
            if (_flags[i])
            {
                indices[next++] = i;
            }
        }

        return indices;
    }

    public static RowMask operator &(RowMask left, RowMask right) => Combine(left, right, static (a, b) => a & b);

    public static RowMask operator |(RowMask left, RowMask right) => Combine(left, right, static (a, b) => a | b);

    public static RowMask operator ^(RowMask left, RowMask right) => Combine(left, right, static (a, b) => a ^ b);

    public static RowMask operator !(RowMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var flags = new bool[mask.Length];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = !mask._flags[i];
        }

        return new RowMask(flags);
    }

    public RowMask BitwiseAnd(RowMask other) => this & other;

    public RowMask BitwiseOr(RowMask other) => this | other;

    public RowMask Xor(RowMask other) => this ^ other;

    public RowMask LogicalNot() => !this;

    public override string ToString() => $"RowMask: {Count} of {Length} rows";

    private static RowMask Combine(RowMask left, RowMask right, Func<bool, bool, bool> op)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Length != right.Length)
        {
            throw new ArgumentException($"row masks of {left.Length} and {right.Length} rows cannot be combined: they come from frames of different lengths.");
        }

        var flags = new bool[left.Length];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = op(left._flags[i], right._flags[i]);
        }

        return new RowMask(flags);
    }
}
