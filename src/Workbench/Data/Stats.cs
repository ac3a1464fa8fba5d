using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>
/// Numerically careful statistics over values that are present (the caller drops nulls), matching
/// pandas' definitions: sample variance (ddof = 1) by two passes, quantiles by linear interpolation,
/// skewness bias-corrected.
/// </summary>
internal static class Stats
{
    /// <summary>Neumaier-compensated sum: accurate to a few ulps whatever the order of magnitudes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        var compensation = 0.0;
        foreach (var value in values)
        {
            var t = sum + value;
            compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - t) + value : (value - t) + sum;
            sum = t;
        }

        return sum + compensation;
    }

    public static double Mean(ReadOnlySpan<double> values) => values.Length == 0 ? double.NaN : Sum(values) / values.Length;

    /// <summary>Sample variance (ddof = 1) by two passes around the mean; NaN below two values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Variance(ReadOnlySpan<double> values, double mean)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }

        var squares = 0.0;
        var deviations = 0.0;
        foreach (var value in values)
        {
            var d = value - mean;
            squares += d * d;
            deviations += d;
        }

        // The second term corrects the rounding left in the mean (the "corrected two-pass" algorithm).
        return (squares - (deviations * deviations / values.Length)) / (values.Length - 1);
    }

    /// <summary>Sample variance (ddof = 1) and bias-corrected skewness in one pass around the mean (see <see cref="Variance"/>, <see cref="Skewness"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (double Variance, double Skewness) VarianceAndSkewness(ReadOnlySpan<double> values, double mean)
    {
        var n = (double)values.Length;
        double deviations = 0, m2 = 0, m3 = 0;
        foreach (var value in values)
        {
            var d = value - mean;
            var d2 = d * d;
            deviations += d;
            m2 += d2;
            m3 += d2 * d;
        }

        var variance = n < 2 ? double.NaN : (m2 - (deviations * deviations / n)) / (n - 1);
        m2 = Math.Abs(m2) < 1e-14 ? 0 : m2;
        m3 = Math.Abs(m3) < 1e-14 ? 0 : m3;
        var skewness = n < 3 ? double.NaN : m2 == 0 ? 0 : n * Math.Sqrt(n - 1) / (n - 2) * (m3 / Math.Pow(m2, 1.5));
        return (variance, skewness);
    }

    /// <summary>Bias-corrected sample skewness as pandas computes it; 0 for constant values, NaN below three.</summary>
    public static double Skewness(ReadOnlySpan<double> values, double mean) => VarianceAndSkewness(values, mean).Skewness;

    /// <summary>The <paramref name="q"/> quantile of sorted values by linear interpolation (numpy's default, pandas' describe).</summary>
    public static double QuantileSorted(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var t = h - lo;
        var a = sorted[lo];
        var b = sorted[lo + 1];
        // numpy's lerp: exact at both ends and monotone.
        return t >= 0.5 ? b - ((b - a) * (1 - t)) : a + ((b - a) * t);
    }

    /// <summary>The quantile of unsorted values (sorts a copy).</summary>
    public static double Quantile(ReadOnlySpan<double> values, double q)
    {
        var copy = values.ToArray();
        FloatingSortInPlace(copy);
        return QuantileSorted(copy, q);
    }

    /// <summary>Sorts ascending with NaN last.</summary>
    public static void FloatingSortInPlace(double[] values)
    {
        Array.Sort(values);
        var nan = 0;
        while (nan < values.Length && double.IsNaN(values[nan]))
        {
            nan++;
        }

        if (nan > 0 && nan < values.Length)
        {
            var span = values.AsSpan();
            span[..nan].Reverse();
            span[nan..].Reverse();
            span.Reverse();
        }
    }

    /// <summary>The present values of a numeric column as doubles, in row order.</summary>
    public static double[] PresentValues(Column column)
    {
        var all = new double[column.Length];
        column.CopyNumbers(all);
        if (!column.HasNulls)
        {
            return all;
        }

        var present = new double[column.ValidCount];
        var next = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (!column.IsNull(i))
            {
                present[next++] = all[i];
            }
        }

        return present;
    }

    /// <summary>The smallest (or largest) value; NaN when there are none or one is NaN (NaN propagates).</summary>
    public static double Extreme(ReadOnlySpan<double> values, bool min)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var result = values[0];
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                return double.NaN;
            }

            result = min ? Math.Min(result, value) : Math.Max(result, value);
        }

        return result;
    }
}
