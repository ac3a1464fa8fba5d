using Workbench.Data;

namespace Workbench.Tests.Monitoring;

/// <summary>Deterministic data built to drift or not to drift: normal numbers, labels with given shares.</summary>
internal static class MonitoringSamples
{
    public static double[] Normal(int count, double mean, double std, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller: two uniforms give one standard normal.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = mean + (std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return values;
    }

    public static string[] Labels(int count, IReadOnlyList<(string Label, double Share)> shares, int seed)
    {
        var random = new Random(seed);
        var labels = new string[count];
        for (var i = 0; i < count; i++)
        {
            var u = random.NextDouble();
            var cumulative = 0.0;
            labels[i] = shares[^1].Label;
            foreach (var (label, share) in shares)
            {
                cumulative += share;
                if (u < cumulative)
                {
                    labels[i] = label;
                    break;
                }
            }
        }

        return labels;
    }

    /// <summary>Three features: <c>x</c> normal, <c>color</c> three labels, <c>flag</c> two; shifted when <paramref name="shift"/>.</summary>
    public static Frame Table(int rows, int seed, bool shift = false) => Frame.FromArrays(
        ("x", Normal(rows, shift ? 1.0 : 0.0, 1.0, seed)),
        ("color", Labels(rows, shift ? [("red", 0.2), ("green", 0.2), ("blue", 0.6)] : [("red", 0.5), ("green", 0.3), ("blue", 0.2)], seed + 1)),
        ("flag", Labels(rows, shift ? [("yes", 0.7), ("no", 0.3)] : [("yes", 0.3), ("no", 0.7)], seed + 2)));
}
