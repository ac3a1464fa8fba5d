using Workbench.Features.Validation;

namespace Workbench.Tests.Features.Validation;

/// <summary>
/// The one-pass range check a served request's numeric columns go through (<see cref="ColumnCheck.AllFiniteWithin"/>):
/// a single bad value anywhere, in the vector part or the tail, fails the check. Requests read row by row are checked
/// as they are read (NumericCsvVectorReaderTests in Workbench.Serving.Tests).
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
}
