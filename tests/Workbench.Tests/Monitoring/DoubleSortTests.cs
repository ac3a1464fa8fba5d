using Workbench.Monitoring.Statistics;

namespace Workbench.Tests.Monitoring;

/// <summary>The radix sort the drift tests use gives Array.Sort's order on every kind of finite double.</summary>
public sealed class DoubleSortTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(5000, 2)]
    [InlineData(200_000, 3)]
    public void Sorts_like_array_sort(int count, int seed)
    {
        var random = new Random(seed);
        var special = new[] { 0.0, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 1e-300, -1e-300, 1e300, -1e300, 42.0, 42.0 };
        var values = Enumerable.Range(0, count).Select(i => (i % 7) switch
        {
            0 => special[i % special.Length],
            1 => Math.Round(random.NextDouble() * 10),
            2 => -random.NextDouble() * 1e6,
            3 => random.NextDouble() * 1e-6,
            4 => (random.NextDouble() - 0.5) * 1e12,
            _ => MonitoringSamples.Normal(1, 5, 3, seed + i)[0],
        }).ToArray();
        var expected = values.ToArray();
        Array.Sort(expected);

        DoubleSort.Sort(values, values.Length);

        values.Should().Equal(expected);
    }

    [Fact]
    public void Sorts_only_the_given_prefix_and_keeps_zeros_of_both_signs_together()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? 0.0 : -0.0).Concat([5.0, -5.0]).ToArray();

        DoubleSort.Sort(values, 10_000);

        values.Take(10_000).Should().OnlyContain(v => v == 0);
        values.Take(10_000).Select(double.IsNegative).Should().BeInAscendingOrder(Comparer<bool>.Create((a, b) => b.CompareTo(a)));
        values[^2..].Should().Equal(5.0, -5.0);
    }
}
