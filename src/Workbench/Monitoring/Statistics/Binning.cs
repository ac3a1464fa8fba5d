namespace Workbench.Monitoring.Statistics;

/// <summary>
/// Histogram bins as numpy draws them (<c>histogram_bin_edges</c> + <c>histogram</c>): equal-width edges from
/// <c>linspace(min, max, bins + 1)</c>, every bin half-open [e_i, e_i+1) except the last, which is closed. The number
/// of bins is fixed or chosen by Sturges' rule on the pooled data (numpy's <c>bins="sturges"</c>, Evidently's default).
/// </summary>
public static class Binning
{
    /// <summary>Sturges' number of equal-width bins for <paramref name="count"/> values spanning [min, max], computed as numpy does (width ptp / (log2 n + 1), then ceil(ptp / width)).</summary>
    public static int SturgesBins(long count, double min, double max)
    {
        var range = max - min;
        if (range == 0 || count < 1)
        {
            return 1;
        }

        var width = range / (Math.Log2(count) + 1.0);
        return width == 0 ? 1 : (int)Math.Ceiling(range / width);
    }

    /// <summary>Equal-width edges over [min, max] (numpy's linspace); a single value spreads to [v - 0.5, v + 0.5].</summary>
    public static double[] EqualWidthEdges(double min, double max, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        var edges = new double[bins + 1];
        var step = (max - min) / bins;
        for (var i = 0; i <= bins; i++)
        {
            edges[i] = (i * step) + min;
        }

        edges[bins] = max;
        return edges;
    }

    /// <summary>Counts of sorted values in each bin (numpy's <c>histogram</c> with explicit edges); values outside the edges are not counted.</summary>
    public static long[] Counts(ReadOnlySpan<double> sorted, ReadOnlySpan<double> edges)
    {
        var counts = new long[edges.Length - 1];
        var previous = LowerBound(sorted, edges[0]);
        for (var b = 0; b < counts.Length; b++)
        {
            var next = b == counts.Length - 1 ? UpperBound(sorted, edges[b + 1]) : LowerBound(sorted, edges[b + 1]);
            counts[b] = next - previous;
            previous = next;
        }

        return counts;
    }

    /// <summary>Counts divided by <paramref name="total"/>.</summary>
    public static double[] Shares(IReadOnlyList<long> counts, long total)
    {
        var shares = new double[counts.Count];
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = (double)counts[i] / total;
        }

        return shares;
    }

    /// <summary>
    /// Evidently's treatment of empty bins before PSI, KL and Jensen-Shannon: a share of 0 becomes 0.0001, or the
    /// smallest non-zero share divided by 10^6 when that share is itself at most 0.0001, so no logarithm sees zero.
    /// </summary>
    public static double[] FillZeros(IReadOnlyList<double> shares)
    {
        var filled = shares.ToArray();
        var smallest = double.PositiveInfinity;
        foreach (var share in filled)
        {
            if (share != 0)
            {
                smallest = Math.Min(smallest, share);
            }
        }

        if (double.IsPositiveInfinity(smallest))
        {
            return filled;
        }

        var fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        for (var i = 0; i < filled.Length; i++)
        {
            if (filled[i] == 0)
            {
                filled[i] = fill;
            }
        }

        return filled;
    }

    /// <summary>The first index whose value is not below <paramref name="value"/> (numpy searchsorted 'left').</summary>
    public static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The first index whose value is above <paramref name="value"/> (numpy searchsorted 'right').</summary>
    public static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
