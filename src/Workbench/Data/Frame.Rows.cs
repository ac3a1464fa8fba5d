namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>The rows where <paramref name="mask"/> is true, in order.</summary>
    public Frame Filter(RowMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Length != RowCount)
        {
            throw new ArgumentException($"the mask has {mask.Length} rows but the frame has {RowCount}: was it computed from another frame?", nameof(mask));
        }

        return Take(mask.Indices());
    }

    /// <summary>The rows for which <paramref name="predicate"/> is true. Reads cells by name; a <see cref="RowMask"/> is faster on large frames.</summary>
    public Frame Filter(Func<FrameRow, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var rows = new List<int>();
        for (var i = 0; i < RowCount; i++)
        {
            if (predicate(new FrameRow(this, i)))
            {
                rows.Add(i);
            }
        }

        return Take(rows.ToArray());
    }

    /// <summary>The first <paramref name="count"/> rows (all if fewer).</summary>
    public Frame Head(int count = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Take(Range(0, Math.Min(count, RowCount)));
    }

    /// <summary>The last <paramref name="count"/> rows (all if fewer).</summary>
    public Frame Tail(int count = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = Math.Min(count, RowCount);
        return Take(Range(RowCount - n, n));
    }

    /// <summary><paramref name="count"/> rows drawn at random, the same ones for the same seed.</summary>
    /// <param name="count">How many rows; without replacement it is at most <see cref="RowCount"/>.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="replace">Draw with replacement (bootstrap).</param>
    public Frame Sample(int count, int seed, bool replace = false) => Take(SampleRows(RowCount, count, seed, replace));

    /// <summary>A fraction of the rows drawn at random (rounded to the nearest row), the same ones for the same seed.</summary>
    public Frame Sample(double fraction, int seed, bool replace = false)
    {
        if (!(fraction >= 0) || (!replace && fraction > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), $"fraction {fraction} must be in [0, 1] (or above 1 with replacement).");
        }

        return Sample((int)Math.Round(fraction * RowCount), seed, replace);
    }

    /// <summary>Row indices drawn from 0..rowCount-1: a partial Fisher-Yates shuffle, or independent draws with replacement.</summary>
    internal static int[] SampleRows(int rowCount, int count, int seed, bool replace)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!replace && count > rowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"cannot draw {count} rows from {rowCount} without replacement.");
        }

        // System.Random with a seed uses one fixed algorithm on every platform and .NET version.
        var random = new Random(seed);
        if (replace)
        {
            if (count > 0 && rowCount == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "cannot draw rows from an empty frame.");
            }

            var drawn = new int[count];
            for (var i = 0; i < count; i++)
            {
                drawn[i] = random.Next(rowCount);
            }

            return drawn;
        }

        var order = Range(0, rowCount);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, rowCount);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order[..count];
    }

    internal static int[] Range(int start, int count)
    {
        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = start + i;
        }

        return rows;
    }
}
