namespace Workbench.Monitoring.Statistics;

/// <summary>How a Kolmogorov-Smirnov p-value was computed.</summary>
public enum KsMethod
{
    /// <summary>The exact distribution of the two-sample statistic (lattice-path counting).</summary>
    Exact,

    /// <summary>The one-sample distribution at the effective size mn / (m + n) (Smirnov's asymptotic).</summary>
    Asymptotic,
}

/// <summary>A two-sample Kolmogorov-Smirnov result: the statistic D, its two-sided p-value and how the p-value was computed.</summary>
public readonly record struct KsResult(double Statistic, double PValue, KsMethod Method);

/// <summary>
/// The two-sided two-sample Kolmogorov-Smirnov test exactly as scipy 1.10's <c>ks_2samp(a, b, method="auto")</c>:
/// D = sup |F_a - F_b| over the pooled values; the exact p-value when both samples have at most 10,000 values
/// (Hodges' lattice paths, Viehmann's numerically stable recursion for unequal sizes), otherwise the asymptotic
/// <c>kstwo.sf(D, round(mn / (m + n)))</c>; an exact computation that fails numerically falls back to the asymptotic one.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>Above this size of the larger sample, "auto" uses the asymptotic distribution (scipy's MAX_AUTO_N).</summary>
    public const int MaxExactSize = 10000;

    /// <summary>The test on two samples sorted ascending (no NaN), each non-empty.</summary>
    public static KsResult TwoSample(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        if (sortedA.Length == 0 || sortedB.Length == 0)
        {
            throw new ArgumentException("the Kolmogorov-Smirnov test needs at least one value in each sample.");
        }

        var statistic = Statistic(sortedA, sortedB);
        return PValue(statistic, sortedA.Length, sortedB.Length);
    }

    /// <summary>D = max |F_a(z) - F_b(z)| over every pooled value z, with the CDFs as counts divided by sizes (as scipy evaluates them).</summary>
    public static double Statistic(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        double n1 = sortedA.Length, n2 = sortedB.Length;
        int i = 0, j = 0;
        var maxDiff = double.NegativeInfinity;
        var minDiff = double.PositiveInfinity;
        while (i < sortedA.Length || j < sortedB.Length)
        {
            var value = j >= sortedB.Length || (i < sortedA.Length && sortedA[i] <= sortedB[j]) ? sortedA[i] : sortedB[j];
            while (i < sortedA.Length && sortedA[i] <= value)
            {
                i++;
            }

            while (j < sortedB.Length && sortedB[j] <= value)
            {
                j++;
            }

            var diff = (i / n1) - (j / n2);
            maxDiff = Math.Max(maxDiff, diff);
            minDiff = Math.Min(minDiff, diff);
        }

        var minS = Math.Clamp(-minDiff, 0, 1);
        return minS > maxDiff ? minS : maxDiff;
    }

    /// <summary>The two-sided p-value of a statistic <paramref name="d"/> for samples of <paramref name="n1"/> and <paramref name="n2"/> values.</summary>
    public static KsResult PValue(double d, long n1, long n2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n2, 1);
        if (Math.Max(n1, n2) <= MaxExactSize)
        {
            var g = Gcd(n1, n2);
            var lcm = n1 / g * n2;
            var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
            d = (double)h / lcm;
            if (h == 0)
            {
                return new KsResult(d, 1.0, KsMethod.Exact);
            }

            var p = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : ProbabilityOutsideBand(n1, n2, g, h);
            if (p is >= 0 and <= 1)
            {
                return new KsResult(d, p, KsMethod.Exact);
            }
        }

        var (m, n) = n1 >= n2 ? ((double)n1, (double)n2) : (n2, n1);
        var effective = m * n / (m + n);
        var p2 = KolmogorovDistribution.TwoSidedSurvival((long)Math.Round(effective, MidpointRounding.ToEven), d);
        return new KsResult(d, Math.Clamp(p2, 0, 1), KsMethod.Asymptotic);
    }

    /// <summary>Pr(D_{n,n} &gt;= h/n): 2 Σ (-1)^(k-1) C(2n, n-kh) / C(2n, n), by a Horner-like nesting free of cancellation.</summary>
    internal static double ProbabilityOutsideSquare(long n, long h)
    {
        var p = 0.0;
        var k = (long)Math.Floor((double)n / h);
        while (k >= 0)
        {
            var term = 1.0;
            for (long j = 0; j < h; j++)
            {
                term = (n - (k * h) - j) * term / (n + (k * h) + j + 1);
            }

            p = term * (1.0 - p);
            k--;
        }

        return 2 * p;
    }

    /// <summary>
    /// The share of lattice paths from (0,0) to (m,n) that leave the band |x/m - y/n| &lt; h / lcm(m, n), computed directly
    /// as one minus the share inside (Viehmann 2021), column by column over a sliding window.
    /// </summary>
    internal static double ProbabilityOutsideBand(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        var mg = m / g;
        var ng = n / g;
        var minJ = 0L;
        var maxJ = Math.Min((long)Math.Ceiling((double)h / mg), n + 1);
        var currentLength = maxJ - minJ;
        var lengthA = Math.Min((2 * maxJ) + 2, n + 1);
        var a = new double[lengthA];
        Array.Fill(a, 1.0);
        for (var j = minJ; j < maxJ; j++)
        {
            a[j] = 0.0;
        }

        for (long i = 1; i <= m; i++)
        {
            var lastMinJ = minJ;
            var lastLength = currentLength;
            minJ = Math.Max((long)Math.Floor((double)((ng * i) - h) / mg) + 1, 0);
            minJ = Math.Min(minJ, n);
            maxJ = Math.Min((long)Math.Ceiling((double)((ng * i) + h) / mg), n + 1);
            if (maxJ <= minJ)
            {
                return 1.0;
            }

            var value = minJ == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxJ - minJ; jj++)
            {
                var j = jj + minJ;
                value = ((a[jj + minJ - lastMinJ] * i) + (value * j)) / (i + j);
                a[jj] = value;
            }

            currentLength = maxJ - minJ;
            if (lastLength > currentLength)
            {
                for (var c = maxJ - minJ; c < maxJ - minJ + (lastLength - currentLength) && c < a.Length; c++)
                {
                    a[c] = 1;
                }
            }
        }

        return a[maxJ - minJ - 1];
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
