using System.Runtime.CompilerServices;

namespace Workbench.Data.Profiling;

/// <summary>
/// Counts of values in bins: bin i is [Edges[i], Edges[i + 1]), the last bin closed on the right (numpy's
/// convention). For dates the edges are OLE Automation days (<see cref="DateTime.FromOADate"/>).
/// </summary>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts)
{
    public int BinCount => Counts.Count;

    /// <summary>Bins over sorted finite values: one per integer for integer data with a small range, otherwise Sturges' rule (at most 50).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Histogram? FromSorted(ReadOnlySpan<double> sorted)
    {
        // Histograms are over finite values; NaN and infinities sort to the ends and are left out.
        var start = 0;
        while (start < sorted.Length && double.IsNegativeInfinity(sorted[start]))
        {
            start++;
        }

        var end = sorted.Length;
        while (end > start && !double.IsFinite(sorted[end - 1]))
        {
            end--;
        }

        var values = sorted[start..end];
        if (values.Length == 0)
        {
            return null;
        }

        double min = values[0], max = values[^1];
        double[] edges;
        var integral = min == Math.Floor(min) && max - min <= 50 && IsIntegral(values);
        if (integral)
        {
            var bins = (int)(max - min) + 1;
            edges = new double[bins + 1];
            for (var i = 0; i <= bins; i++)
            {
                edges[i] = min - 0.5 + i;
            }
        }
        else if (min == max)
        {
            edges = [min - 0.5, min + 0.5];
        }
        else
        {
            var bins = Math.Clamp((int)Math.Ceiling(Math.Log2(values.Length)) + 1, 5, 50);
            edges = new double[bins + 1];
            var width = (max - min) / bins;
            for (var i = 0; i <= bins; i++)
            {
                edges[i] = i == bins ? max : min + (i * width);
            }
        }

        var counts = new long[edges.Length - 1];
        var bin = 0;
        foreach (var value in values)
        {
            while (bin < counts.Length - 1 && value >= edges[bin + 1])
            {
                bin++;
            }

            counts[bin]++;
        }

        return new Histogram(edges, counts);
    }

    private static bool IsIntegral(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (value != Math.Floor(value))
            {
                return false;
            }
        }

        return true;
    }
}
