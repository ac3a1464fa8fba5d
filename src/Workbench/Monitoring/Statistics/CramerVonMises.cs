using MathNet.Numerics;

namespace Workbench.Monitoring.Statistics;

/// <summary>A Cramér-von Mises two-sample result: the statistic T, its p-value and whether the p-value is exact.</summary>
public readonly record struct CramerVonMisesResult(double Statistic, double PValue, bool Exact);

/// <summary>
/// The Cramér-von Mises two-sample test as scipy 1.10's <c>cramervonmises_2samp(x, y, method="auto")</c>: T from the
/// midranks of the pooled sample (Anderson 1962, eq. 9 and 10); the exact p-value (Xiao, Gordon and Yakovlev 2006)
/// when both samples have at most 20 values, otherwise the normalized statistic against the limiting distribution
/// of the one-sample statistic (Csörgő and Faraway 1996), summed until a term falls below 1e-7 as scipy does.
/// </summary>
public static class CramerVonMises
{
    /// <summary>Above this size of the larger sample, "auto" uses the asymptotic distribution.</summary>
    public const int MaxExactSize = 20;

    /// <summary>The test on two samples sorted ascending, each of at least two values.</summary>
    public static CramerVonMisesResult TwoSample(ReadOnlySpan<double> sortedX, ReadOnlySpan<double> sortedY)
    {
        if (sortedX.Length <= 1 || sortedY.Length <= 1)
        {
            throw new ArgumentException("the Cramér-von Mises test needs at least two values in each sample.");
        }

        long nx = sortedX.Length, ny = sortedY.Length;
        double sumX = 0, sumY = 0;
        int i = 0, j = 0;
        long position = 0;
        while (i < sortedX.Length || j < sortedY.Length)
        {
            var value = j >= sortedY.Length || (i < sortedX.Length && sortedX[i] <= sortedY[j]) ? sortedX[i] : sortedY[j];
            int startI = i, startJ = j;
            while (i < sortedX.Length && sortedX[i] <= value)
            {
                i++;
            }

            while (j < sortedY.Length && sortedY[j] <= value)
            {
                j++;
            }

            var tied = (i - startI) + (j - startJ);
            var rank = position + ((tied + 1) / 2.0);
            for (var a = startI; a < i; a++)
            {
                sumX += (rank - (a + 1)) * (rank - (a + 1));
            }

            for (var b = startJ; b < j; b++)
            {
                sumY += (rank - (b + 1)) * (rank - (b + 1));
            }

            position += tied;
        }

        var u = (nx * sumX) + (ny * sumY);
        double k = nx * ny, n = nx + ny;
        var t = (u / (k * n)) - (((4 * k) - 1) / (6 * n));
        if (Math.Max(nx, ny) <= MaxExactSize)
        {
            return new CramerVonMisesResult(t, ExactPValue(u, nx, ny), Exact: true);
        }

        var expected = (1 + (1 / n)) / 6;
        var variance = (n + 1) * ((4 * k * n) - (3 * ((double)(nx * nx) + (ny * ny))) - (2 * k));
        variance /= 45 * n * n * 4 * k;
        var normalized = (1.0 / 6) + ((t - expected) / Math.Sqrt(45 * variance));
        var p = normalized < 0.003 ? 1.0 : Math.Max(0, 1.0 - LimitingCdf(normalized));
        return new CramerVonMisesResult(t, p, Exact: false);
    }

    /// <summary>The CDF of the one-sample statistic for infinite samples (Csörgő and Faraway 1996, eq. 1.2 and 1.3).</summary>
    internal static double LimitingCdf(double x)
    {
        var total = 0.0;
        var k = 0;
        double term;
        do
        {
            var u = Math.Exp(SpecialFunctions.GammaLn(k + 0.5) - SpecialFunctions.GammaLn(k + 1)) / (Math.Pow(Math.PI, 1.5) * Math.Sqrt(x));
            double y = (4 * k) + 1;
            var q = y * y / (16 * x);
            term = u * Math.Sqrt(y) * Math.Exp(-q) * SpecialFunctions.BesselK(0.25, q);
            total += term;
            k++;
        }
        while (Math.Abs(term) >= 1e-7 && k < 1000);

        return total;
    }

    /// <summary>The exact p-value Pr(U &gt;= u) by the frequency tables of Xiao, Gordon and Yakovlev (2006), Algorithm 1.</summary>
    internal static double ExactPValue(double u, long m, long n)
    {
        var lcm = m / Gcd(m, n) * n;
        var a = lcm / m;
        var b = lcm / n;
        var mn = m * n;
        var zeta = Math.Floor((double)lcm * lcm * (m + n) * ((6 * u) - (mn * ((4 * mn) - 1))) / (6.0 * mn * mn));

        // gs[v]: frequencies of the partial sums along paths reaching (u, v), as value -> count.
        var gs = new Dictionary<long, long>[m + 1];
        gs[0] = new Dictionary<long, long> { [0] = 1 };
        for (var v = 1; v <= m; v++)
        {
            gs[v] = [];
        }

        for (long col = 0; col <= n; col++)
        {
            var next = new Dictionary<long, long>[m + 1];
            var running = new Dictionary<long, long>();
            for (var v = 0; v <= m; v++)
            {
                var merged = new Dictionary<long, long>(running.Count + gs[v].Count);
                foreach (var (value, count) in running)
                {
                    merged[value] = count;
                }

                foreach (var (value, count) in gs[v])
                {
                    merged[value] = merged.GetValueOrDefault(value) + count;
                }

                var shift = ((a * v) - (b * col)) * ((a * v) - (b * col));
                running = new Dictionary<long, long>(merged.Count);
                foreach (var (value, count) in merged)
                {
                    running[value + shift] = count;
                }

                next[v] = running;
            }

            gs = next;
        }

        double atLeast = 0;
        foreach (var (value, count) in gs[m])
        {
            if (value >= zeta)
            {
                atLeast += count;
            }
        }

        return atLeast / SpecialFunctions.Binomial((int)(m + n), (int)m);
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
