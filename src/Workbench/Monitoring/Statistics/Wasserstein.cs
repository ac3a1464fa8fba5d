namespace Workbench.Monitoring.Statistics;

/// <summary>
/// The first Wasserstein (earth mover's) distance between two empirical distributions, as scipy's
/// <c>wasserstein_distance(u, v)</c>: ∫ |F_u(z) - F_v(z)| dz, the integral taken over the pooled sorted values.
/// </summary>
public static class Wasserstein
{
    /// <summary>The distance between two samples sorted ascending (finite values), each non-empty.</summary>
    public static double Distance(ReadOnlySpan<double> sortedU, ReadOnlySpan<double> sortedV)
    {
        if (sortedU.Length == 0 || sortedV.Length == 0)
        {
            throw new ArgumentException("the Wasserstein distance needs at least one value in each sample.");
        }

        double nu = sortedU.Length, nv = sortedV.Length;
        int i = 0, j = 0;
        var sum = 0.0;
        var compensation = 0.0;
        var hasPrevious = false;
        double previous = 0, previousGap = 0;
        while (i < sortedU.Length || j < sortedV.Length)
        {
            var value = j >= sortedV.Length || (i < sortedU.Length && sortedU[i] <= sortedV[j]) ? sortedU[i] : sortedV[j];
            if (hasPrevious)
            {
                // Neumaier summation: a million small terms keep their precision.
                var term = previousGap * (value - previous);
                var t = sum + term;
                compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - t) + term : (term - t) + sum;
                sum = t;
            }

            while (i < sortedU.Length && sortedU[i] <= value)
            {
                i++;
            }

            while (j < sortedV.Length && sortedV[j] <= value)
            {
                j++;
            }

            previous = value;
            previousGap = Math.Abs((i / nu) - (j / nv));
            hasPrevious = true;
        }

        return sum + compensation;
    }
}
