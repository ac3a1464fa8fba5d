namespace Workbench.Monitoring.Statistics;

/// <summary>An Anderson-Darling k-sample result: the standardized statistic, the critical values at scipy's significance levels, and the p-value (capped to [0.001, 0.25]).</summary>
public sealed record AndersonDarlingResult(double Statistic, IReadOnlyList<double> CriticalValues, double PValue);

/// <summary>
/// The Anderson-Darling k-sample test (Scholz and Stephens 1987) for two samples, as scipy 1.10's
/// <c>anderson_ksamp([a, b], midrank=True)</c>: the midrank statistic A2akN (their equation 7), standardized by its
/// variance, and a p-value interpolated (quadratic in the critical values, on log significance) from Table 2,
/// floored at 0.001 and capped at 0.25 as scipy does.
/// </summary>
public static class AndersonDarling
{
    private static readonly double[] B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
    private static readonly double[] B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
    private static readonly double[] B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
    private static readonly double[] Significance = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

    /// <summary>The test on two samples sorted ascending; null when the pooled values hold fewer than two distinct values (scipy raises then).</summary>
    public static AndersonDarlingResult? TwoSample(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        if (sortedA.Length == 0 || sortedB.Length == 0)
        {
            throw new ArgumentException("the Anderson-Darling test needs at least one value in each sample.");
        }

        const int k = 2;
        double n1 = sortedA.Length, n2 = sortedB.Length;
        var total = n1 + n2;
        int i = 0, j = 0, distinct = 0;
        double sumA = 0, sumB = 0;
        var below = 0.0;
        while (i < sortedA.Length || j < sortedB.Length)
        {
            var value = j >= sortedB.Length || (i < sortedA.Length && sortedA[i] <= sortedB[j]) ? sortedA[i] : sortedB[j];
            int startI = i, startJ = j;
            while (i < sortedA.Length && sortedA[i] <= value)
            {
                i++;
            }

            while (j < sortedB.Length && sortedB[j] <= value)
            {
                j++;
            }

            double fa = i - startI, fb = j - startJ;
            var tied = fa + fb;
            var b = below + (tied / 2.0);
            var denominator = (b * (total - b)) - (total * tied / 4.0);
            var ma = i - (fa / 2.0);
            var mb = j - (fb / 2.0);
            sumA += tied / total * Square((total * ma) - (b * n1)) / denominator;
            sumB += tied / total * Square((total * mb) - (b * n2)) / denominator;
            below += tied;
            distinct++;
        }

        if (distinct < 2)
        {
            return null;
        }

        var a2kn = ((sumA / n1) + (sumB / n2)) * (total - 1.0) / total;

        var h = (1.0 / n1) + (1.0 / n2);
        var n = (long)total;
        // hs_cs[t] = Σ_{s <= t} 1 / (N - 1 - s); hh = Σ_{i=1}^{N-1} 1/i; g = Σ_t hs_cs[t] / (t + 2).
        double cumulative = 0, g = 0, gCompensation = 0;
        for (long t = 0; t <= n - 3; t++)
        {
            cumulative += 1.0 / (n - 1 - t);
            var term = cumulative / (t + 2);
            var sum = g + term;
            gCompensation += Math.Abs(g) >= Math.Abs(term) ? (g - sum) + term : (term - sum) + g;
            g = sum;
        }

        g += gCompensation;
        var hh = cumulative + 1;
        var a = ((4 * g) - 6) * (k - 1) + ((10 - (6 * g)) * h);
        var bb = (((2 * g) - 4) * k * k) + (8 * hh * k) + ((((2 * g) - (14 * hh) - 4)) * h) - (8 * hh) + (4 * g) - 6;
        var c = (((6 * hh) + (2 * g) - 2) * k * k) + (((4 * hh) - (4 * g) + 6) * k) + (((2 * hh) - 6) * h) + (4 * hh);
        var d = (((2 * hh) + 6) * k * k) - (4 * hh * k);
        var sigmaSquared = ((a * total * total * total) + (bb * total * total) + (c * total) + d) / ((total - 1.0) * (total - 2.0) * (total - 3.0));
        const int m = k - 1;
        var statistic = (a2kn - m) / Math.Sqrt(sigmaSquared);

        var critical = new double[B0.Length];
        for (var s = 0; s < critical.Length; s++)
        {
            critical[s] = B0[s] + (B1[s] / Math.Sqrt(m)) + (B2[s] / m);
        }

        double p;
        if (statistic < critical.Min())
        {
            p = Significance.Max();
        }
        else if (statistic > critical.Max())
        {
            p = Significance.Min();
        }
        else
        {
            var logs = Significance.Select(s => Math.Log(s)).ToArray();
            var coefficients = LeastSquares.Polynomial(critical, logs, 2);
            p = Math.Exp(LeastSquares.Evaluate(coefficients, statistic));
        }

        return new AndersonDarlingResult(statistic, critical, p);
    }

    private static double Square(double x) => x * x;
}
