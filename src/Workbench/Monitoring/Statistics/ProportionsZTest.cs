namespace Workbench.Monitoring.Statistics;

/// <summary>A two-proportion z-test result.</summary>
public readonly record struct ZTestResult(double Statistic, double PValue);

/// <summary>
/// The two-sided z-test for the difference of two proportions with a pooled variance, as Evidently's binary drift
/// test: z = (p1 - p2) / sqrt(P (1 - P) (1/n1 + 1/n2)), P the pooled share, p = 2 (1 - Φ(|z|)).
/// </summary>
public static class ProportionsZTest
{
    public static ZTestResult TwoSided(long successes1, long n1, long successes2, long n2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n2, 1);
        var p1 = (double)successes1 / n1;
        var p2 = (double)successes2 / n2;
        var pooled = ((p1 * n1) + (p2 * n2)) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2)));
        if (double.IsNaN(z))
        {
            // Both samples hold a single shared value: nothing differs.
            return new ZTestResult(0, 1.0);
        }

        return new ZTestResult(z, 2 * (1 - NormalCdf(Math.Abs(z))));
    }

    /// <summary>Φ(x), the standard normal CDF.</summary>
    public static double NormalCdf(double x) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-x / Math.Sqrt(2));
}
