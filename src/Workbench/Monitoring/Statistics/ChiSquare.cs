using MathNet.Numerics;

namespace Workbench.Monitoring.Statistics;

/// <summary>A goodness-of-fit result: the statistic, its degrees of freedom and the p-value.</summary>
public readonly record struct ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue);

/// <summary>
/// Pearson's chi-square goodness-of-fit test as scipy's <c>chisquare(observed, expected)</c>: Σ (o - e)² / e with
/// k - 1 degrees of freedom, p = Q((k - 1) / 2, χ² / 2). An expected count of zero with an observed count makes the
/// statistic infinite and the p-value 0 (a category the reference never had).
/// </summary>
public static class ChiSquare
{
    public static ChiSquareResult GoodnessOfFit(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected)
    {
        if (observed.Length != expected.Length || observed.Length == 0)
        {
            throw new ArgumentException($"observed ({observed.Length}) and expected ({expected.Length}) counts must be the same non-zero length.");
        }

        var statistic = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            var difference = observed[i] - expected[i];
            statistic += difference * difference / expected[i];
        }

        var degrees = observed.Length - 1;
        if (degrees == 0)
        {
            return new ChiSquareResult(statistic, 0, 1.0);
        }

        return new ChiSquareResult(statistic, degrees, Survival(statistic, degrees));
    }

    /// <summary>Pr(χ²_df &gt;= x).</summary>
    public static double Survival(double x, int degrees)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        return x <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(degrees / 2.0, x / 2.0);
    }
}
