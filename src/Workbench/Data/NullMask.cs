using System.Numerics;
using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>
/// Which rows of a column are missing: one bit per row (set = missing). Immutable. A column without
/// missing values has no mask at all, so the common case costs nothing.
/// </summary>
public sealed class NullMask
{
    private readonly ulong[] _bits;

    internal NullMask(ulong[] bits, int length)
    {
        _bits = bits;
        Length = length;
        var count = 0;
        foreach (var word in bits)
        {
            count += BitOperations.PopCount(word);
        }

        Count = count;
    }

    /// <summary>Rows covered by the mask.</summary>
    public int Length { get; }

    /// <summary>Missing rows.</summary>
    public int Count { get; }

    public bool this[int row] => (_bits[row >> 6] & (1UL << row)) != 0;

    /// <summary>A mask from per-row flags; null when no row is missing.</summary>
    public static NullMask? FromFlags(ReadOnlySpan<bool> missing)
    {
        var builder = new Builder(missing.Length);
        for (var i = 0; i < missing.Length; i++)
        {
            if (missing[i])
            {
                builder.SetNull(i);
            }
        }

        return builder.Build();
    }

    internal static int WordCount(int length) => (length + 63) >> 6;

    /// <summary>The mask of <paramref name="rows"/> taken in order; a row index of -1 is missing. Null when nothing is missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static NullMask? Take(NullMask? source, ReadOnlySpan<int> rows)
    {
        Builder? builder = null;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (row < 0 || (source is not null && source[row]))
            {
                builder ??= new Builder(rows.Length);
                builder.SetNull(i);
            }
        }

        return builder?.Build();
    }

    /// <summary>Masks of several columns laid end to end.</summary>
    internal static NullMask? Concat(IReadOnlyList<(NullMask? Mask, int Length)> parts)
    {
        var total = parts.Sum(p => p.Length);
        Builder? builder = null;
        var offset = 0;
        foreach (var (mask, length) in parts)
        {
            if (mask is not null && mask.Count > 0)
            {
                builder ??= new Builder(total);
                for (var i = 0; i < length; i++)
                {
                    if (mask[i])
                    {
                        builder.SetNull(offset + i);
                    }
                }
            }

            offset += length;
        }

        return builder?.Build();
    }

    /// <summary>Builds a mask bit by bit.</summary>
    internal sealed class Builder(int length)
    {
        private readonly ulong[] _bits = new ulong[WordCount(length)];
        private bool _any;

        public void SetNull(int row)
        {
            _bits[row >> 6] |= 1UL << row;
            _any = true;
        }

        /// <summary>The mask, or null when no row was set.</summary>
        public NullMask? Build() => _any ? new NullMask(_bits, length) : null;
    }
}
