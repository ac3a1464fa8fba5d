namespace Workbench.Features;

/// <summary>
/// Quantiles of unsorted values by selection (linear time, no full sort), with numpy's default linear
/// interpolation, so medians and quartiles of a million-row column cost one pass or two.
/// </summary>
internal static class Quantiles
{
    /// <summary>The <paramref name="q"/> quantile (0..1) of <paramref name="values"/>, which are reordered; NaN when empty.</summary>
    public static double Of(double[] values, double q)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var h = (values.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        if (lo >= values.Length - 1)
        {
            return Select(values, values.Length - 1);
        }

        var a = Select(values, lo);
        // After selection every value right of lo is >= a; the next order statistic is their minimum.
        var b = double.PositiveInfinity;
        for (var i = lo + 1; i < values.Length; i++)
        {
            b = Math.Min(b, values[i]);
        }

        var t = h - lo;
        return t >= 0.5 ? b - ((b - a) * (1 - t)) : a + ((b - a) * t);
    }

    /// <summary>The median as numpy computes it: the middle value, or the mean of the two middle values.</summary>
    public static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var half = values.Length / 2;
        var upper = Select(values, half);
        if (values.Length % 2 == 1)
        {
            return upper;
        }

        var lower = double.NegativeInfinity;
        for (var i = 0; i < half; i++)
        {
            lower = Math.Max(lower, values[i]);
        }

        return (lower + upper) / 2;
    }

    /// <summary>Reorders <paramref name="values"/> so index <paramref name="k"/> holds the k-th smallest; returns it (Hoare's select, median-of-three pivots).</summary>
    public static double Select(double[] values, int k)
    {
        var left = 0;
        var right = values.Length - 1;
        while (right > left)
        {
            var middle = left + ((right - left) >> 1);
            if (values[middle] < values[left])
            {
                (values[middle], values[left]) = (values[left], values[middle]);
            }

            if (values[right] < values[left])
            {
                (values[right], values[left]) = (values[left], values[right]);
            }

            if (values[right] < values[middle])
            {
                (values[right], values[middle]) = (values[middle], values[right]);
            }

            var pivot = values[middle];
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }
}
