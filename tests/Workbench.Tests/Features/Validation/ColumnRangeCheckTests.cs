using Workbench.Features.Validation;

namespace Workbench.Tests.Features.Validation;

/// <summary>
/// The one-pass range check a served request's numeric columns go through (<see cref="ColumnCheck.AllFiniteWithin"/>,
/// and <see cref="ColumnCheck.AllFiniteWithinRows"/> for a request held row by row): a single bad value anywhere, in the
/// vector part, the tail or a row's overlapping last block, fails the check.
/// </summary>
public sealed class ColumnRangeCheckTests
{
    [Fact]
    public void One_value_outside_the_range_or_not_finite_fails_the_column_wherever_it_stands()
    {
        var random = new Random(20261122);
        double[] bad = [-1.0000001, 2.0000001, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e300, 1e300];
        for (var length = 1; length <= 40; length++)
        {
            var values = Enumerable.Range(0, length).Select(_ => -1 + (random.NextDouble() * 3)).ToArray();
            values[random.Next(length)] = -1; // the bounds themselves are in range
            values[random.Next(length)] = 2;
            ColumnCheck.AllFiniteWithin(values, -1, 2).Should().BeTrue($"length {length}");

            for (var at = 0; at < length; at++)
            {
                foreach (var value in bad)
                {
                    var copy = (double[])values.Clone();
                    copy[at] = value;
                    ColumnCheck.AllFiniteWithin(copy, -1, 2).Should().BeFalse($"{value} at {at} of {length}");
                }
            }
        }
    }

    [Fact]
    public void Without_bounds_only_NaN_and_infinities_fail()
    {
        var values = Enumerable.Range(0, 19).Select(i => (i - 9) * 1e300).ToArray();
        ColumnCheck.AllFiniteWithin(values, double.NegativeInfinity, double.PositiveInfinity).Should().BeTrue();
        foreach (var value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            foreach (var at in new[] { 0, 7, 18 })
            {
                var copy = (double[])values.Clone();
                copy[at] = value;
                ColumnCheck.AllFiniteWithin(copy, double.NegativeInfinity, double.PositiveInfinity).Should().BeFalse($"{value} at {at}");
            }
        }

        ColumnCheck.AllFiniteWithin([], 0, 1).Should().BeTrue("an empty span has no value outside the range");
    }

    [Fact]
    public void Row_by_row_each_column_is_held_to_its_own_range_wherever_the_bad_value_stands()
    {
        var random = new Random(20261123);
        double[] bad = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        foreach (var width in new[] { 1, 3, 7, 8, 9, 15, 16, 30 })
        {
            var low = Enumerable.Range(0, width).Select(j => -j - 1.0).ToArray();
            var high = Enumerable.Range(0, width).Select(j => j * 2.0).ToArray();
            const int rows = 13;
            var values = new double[rows * width];
            for (var i = 0; i < values.Length; i++)
            {
                var j = i % width;
                values[i] = random.Next(5) == 0 ? (random.Next(2) == 0 ? low[j] : high[j]) : low[j] + (random.NextDouble() * (high[j] - low[j]));
            }

            ColumnCheck.AllFiniteWithinRows(values, low, high).Should().BeTrue($"width {width}");
            for (var at = 0; at < values.Length; at++)
            {
                var j = at % width;
                // Just outside this column's range, though inside another's: the bounds are per column.
                foreach (var value in bad.Append(BitDecrement(low[j])).Append(BitIncrement(high[j])))
                {
                    var copy = (double[])values.Clone();
                    copy[at] = value;
                    ColumnCheck.AllFiniteWithinRows(copy, low, high).Should().BeFalse($"{value} at row {at / width}, column {j} of {width}");
                }
            }
        }
    }

    private static double BitDecrement(double value) => Math.BitDecrement(value);

    private static double BitIncrement(double value) => Math.BitIncrement(value);
}
