namespace Workbench.Monitoring.Statistics;

/// <summary>
/// Distances between two binned distributions given as shares (reference r, current c), with the formulas used by
/// the drift tests:
/// PSI = Σ (r_i - c_i) ln(r_i / c_i);
/// KL = Σ r'_i ln(r'_i / c'_i) with r', c' normalized to sum 1 (scipy's <c>entropy(r, c)</c>);
/// Jensen-Shannon distance = sqrt((KL(r' ‖ m) + KL(c' ‖ m)) / 2), m = (r' + c') / 2 (scipy's <c>jensenshannon</c>, natural log);
/// Hellinger distance = sqrt(1 - Σ sqrt(r'_i c'_i)).
/// PSI, KL and Jensen-Shannon take shares where empty bins were already filled (<see cref="Binning.FillZeros"/>).
/// </summary>
public static class Divergences
{
    public static double PopulationStabilityIndex(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        SameLength(reference, current);
        var psi = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            psi += (reference[i] - current[i]) * Math.Log(reference[i] / current[i]);
        }

        return psi;
    }

    public static double KullbackLeibler(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        SameLength(reference, current);
        var sumR = Sum(reference);
        var sumC = Sum(current);
        var kl = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            kl += RelativeEntropy(reference[i] / sumR, current[i] / sumC);
        }

        return kl;
    }

    public static double JensenShannon(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        SameLength(reference, current);
        var sumR = Sum(reference);
        var sumC = Sum(current);
        double left = 0, right = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            var p = reference[i] / sumR;
            var q = current[i] / sumC;
            var m = (p + q) / 2.0;
            left += RelativeEntropy(p, m);
            right += RelativeEntropy(q, m);
        }

        return Math.Sqrt((left + right) / 2.0);
    }

    public static double Hellinger(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        SameLength(reference, current);
        var sumR = Sum(reference);
        var sumC = Sum(current);
        var affinity = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            affinity += Math.Sqrt(reference[i] / sumR * (current[i] / sumC));
        }

        return Math.Sqrt(1 - Math.Clamp(affinity, 0, 1));
    }

    /// <summary>The largest absolute difference of the shares: Model Monitor's L-infinity distance for categories.</summary>
    public static double LInfinity(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        SameLength(reference, current);
        var max = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            max = Math.Max(max, Math.Abs(reference[i] - current[i]));
        }

        return max;
    }

    /// <summary>x ln(x / y) with scipy's <c>rel_entr</c> conventions: 0 at x = 0, infinite when y = 0 &lt; x.</summary>
    private static double RelativeEntropy(double x, double y) =>
        x > 0 && y > 0 ? x * Math.Log(x / y) : x == 0 && y >= 0 ? 0 : double.PositiveInfinity;

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    private static void SameLength(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.Length != current.Length || reference.Length == 0)
        {
            throw new ArgumentException($"reference ({reference.Length}) and current ({current.Length}) shares must be the same non-zero length.");
        }
    }
}
