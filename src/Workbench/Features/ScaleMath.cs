namespace Workbench.Features;

/// <summary>scikit-learn's rules for scales that would divide by (almost) zero.</summary>
internal static class ScaleMath
{
    /// <summary>The gap between 1 and the next double (numpy's <c>finfo(float64).eps</c>; not <see cref="double.Epsilon"/>).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>A scale below 10 machine epsilons is replaced by 1 (<c>_handle_zeros_in_scale</c>): a constant column is centred, not blown up.</summary>
    public static double HandleZero(double scale) => scale < 10 * MachineEpsilon ? 1.0 : scale;

    /// <summary>Whether a column's variance is only rounding noise (<c>_is_constant_feature</c>): its scale is then 1.</summary>
    public static bool IsConstant(double variance, double mean, long samples)
    {
        var bound = (samples * MachineEpsilon * variance) + Math.Pow(samples * mean * MachineEpsilon, 2);
        return variance <= bound;
    }

    /// <summary>Population variance (ddof = 0, numpy's <c>var</c>) by the corrected two-pass sum of <see cref="Data.Stats"/>; 0 below two values.</summary>
    public static double PopulationVariance(ReadOnlySpan<double> values, double mean) =>
        values.Length < 2 ? 0 : Math.Max(0, Data.Stats.Variance(values, mean) * (values.Length - 1) / values.Length);
}
