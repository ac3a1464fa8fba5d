using Workbench.Monitoring.Statistics;

namespace Workbench.Tests.Monitoring;

/// <summary>The KLL sketch's documented error: exact up to 2k values; rank error under 0.002 on a million values.</summary>
public sealed class KllSketchTests
{
    public static TheoryData<string> Distributions() => ["normal", "uniform", "lognormal", "sorted"];

    private static double[] Values(string distribution, int count)
    {
        var random = new Random(17);
        return distribution switch
        {
            "normal" => MonitoringSamples.Normal(count, 10, 3, 17),
            "uniform" => Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray(),
            "lognormal" => MonitoringSamples.Normal(count, 0, 1, 18).Select(Math.Exp).ToArray(),
            _ => Enumerable.Range(0, count).Select(i => (double)i).ToArray(),
        };
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Rank_error_stays_below_the_documented_bound_on_a_million_values(string distribution)
    {
        var values = Values(distribution, 1_000_000);
        var sketch = new KllSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        var sorted = values.Order().ToArray();
        sketch.Count.Should().Be(values.Length);
        sketch.Levels.Sum(l => l.Count).Should().BeLessThan(20_000, "a sketch holds a few k items, not the data");
        foreach (var q in new[] { 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            var estimate = sketch.Quantile(q);
            var rank = (double)LowerBound(sorted, estimate) / sorted.Length;
            Math.Abs(rank - q).Should().BeLessThan(0.002, $"q = {q}");
            Math.Abs(sketch.Cdf(sorted[(int)(q * sorted.Length)]) - q).Should().BeLessThan(0.002, $"cdf at q = {q}");
        }
    }

    [Fact]
    public void Up_to_2k_values_the_sketch_is_exact()
    {
        var values = Values("normal", 4096);
        var sketch = new KllSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        var sorted = values.Order().ToArray();
        sketch.Levels.Should().HaveCount(1);
        sketch.Quantile(0.5).Should().Be(sorted[LowerBoundIndex(0.5, sorted.Length)]);
        sketch.Cdf(sorted[1000]).Should().BeApproximately(1001.0 / sorted.Length, 1e-12);
    }

    [Fact]
    public void Levels_round_trip()
    {
        var sketch = new KllSketch(k: 64);
        foreach (var value in Values("uniform", 10_000))
        {
            sketch.Add(value);
        }

        var again = KllSketch.FromLevels(sketch.K, sketch.C, sketch.Levels);

        again.Count.Should().Be(sketch.Count);
        again.Quantile(0.3).Should().Be(sketch.Quantile(0.3));
    }

    private static int LowerBoundIndex(double q, int length) => Math.Max(0, (int)Math.Ceiling(q * length) - 1);

    private static int LowerBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (sorted[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
