using Workbench.Data;

namespace Workbench.Tests.Data;

public sealed class ColumnTests
{
    [Fact]
    public void Nullable_values_become_a_null_mask_and_placeholders()
    {
        var column = new DoubleColumn("bmi", [22.5, null, 31.0]);
        column.Length.Should().Be(3);
        column.NullCount.Should().Be(1);
        column.IsNull(1).Should().BeTrue();
        column[1].Should().BeNull();
        column[2].Should().Be(31.0);
        double.IsNaN(column.Values[1]).Should().BeTrue("a missing float row holds NaN so a careless span read is visibly wrong");
        ((Column)column)[0].Should().Be(22.5);
        column.Format(1).Should().BeNull();
        column.Format(0).Should().Be("22.5");
    }

    [Fact]
    public void NaN_is_a_value_not_a_missing_one_until_converted()
    {
        var column = new DoubleColumn("x", [1.0, double.NaN, null]);
        column.NullCount.Should().Be(1);
        column.IsNull(1).Should().BeFalse();
        double.IsNaN(column.Mean()).Should().BeTrue("NaN propagates through aggregates");
        var converted = column.NaNToNull();
        converted.NullCount.Should().Be(2);
        converted.Mean().Should().Be(1.0);
    }

    [Fact]
    public void Statistics_skip_missing_values_and_match_pandas_definitions()
    {
        var column = new DoubleColumn("x", [1.0, 2.0, null, 4.0, 10.0]);
        column.Sum().Should().Be(17);
        column.Mean().Should().Be(4.25);
        column.Var().Should().BeApproximately(16.25, 1e-12, "sample variance, ddof = 1");
        column.Std().Should().BeApproximately(Math.Sqrt(16.25), 1e-12);
        column.Min().Should().Be(1);
        column.Max().Should().Be(10);
        column.Median().Should().Be(3, "linear interpolation between 2 and 4");
        column.Quantile(0.25).Should().Be(1.75);
        column.Skew().Should().BeApproximately(1.469334548210623, 1e-12, "pandas: pd.Series([1, 2, 4, 10.]).skew()");
        new DoubleColumn("empty", ReadOnlySpan<double>.Empty).Mean().Should().Be(double.NaN);
        var act = () => column.Quantile(1.5);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Numeric_statistics_refuse_text()
    {
        var act = () => new StringColumn("name", ["a", "b"]).Mean();
        act.Should().Throw<InvalidOperationException>().WithMessage("*'name' is string, not numeric*");
    }

    [Fact]
    public void Categorical_sorts_its_dictionary_and_uses_minus_one_for_missing()
    {
        var column = new CategoricalColumn("smoker", ["never", "current", null, "never", "former"]);
        column.Categories.Should().Equal("current", "former", "never");
        column.Codes.ToArray().Should().Equal(2, 0, -1, 2, 1);
        column[2].Should().BeNull();
        column[4].Should().Be("former");
        column.NullCount.Should().Be(1);
        column.CodeOf("former").Should().Be(1);
        column.CodeOf("unknown").Should().Be(-1);
        column.ToStringColumn().Values.ToArray().Should().Equal("never", "current", null, "never", "former");
        column.DistinctCount().Should().Be(3);
    }

    [Fact]
    public void Categorical_from_codes_is_validated()
    {
        var bad = () => new CategoricalColumn("c", [0, 3], ["a", "b"]);
        bad.Should().Throw<ArgumentException>().WithMessage("*row 1: code 3 is beyond the 2 categories*");
        var duplicate = () => new CategoricalColumn("c", [0], ["a", "a"]);
        duplicate.Should().Throw<ArgumentException>().WithMessage("*'a' appears twice*");
        var negative = () => new CategoricalColumn("c", [-2], ["a"]);
        negative.Should().Throw<ArgumentException>().WithMessage("*code -2 is invalid*");
    }

    [Fact]
    public void Take_with_minus_one_gives_missing_values_for_every_type()
    {
        Column[] columns =
        [
            new DoubleColumn("d", [1.5]), new SingleColumn("s", [1.5f]), new Int64Column("l", [7L]),
            new BooleanColumn("b", [true]), new StringColumn("t", ["x"]), new CategoricalColumn("c", ["x"]),
            new DateTimeColumn("dt", [new DateTime(2024, 1, 2)]),
        ];
        foreach (var column in columns)
        {
            var taken = column.Take([0, -1, 0]);
            taken.Length.Should().Be(3);
            taken.IsNull(1).Should().BeTrue(column.Name);
            taken.IsNull(0).Should().BeFalse(column.Name);
            taken[2].Should().Be(column[0], column.Name);
            taken.Type.Should().Be(column.Type);
        }
    }

    [Fact]
    public void Comparisons_give_row_masks_and_missing_compares_false()
    {
        var age = new Int64Column("age", [30L, null, 70L, 61L]);
        (age > 60).Flags.ToArray().Should().Equal(false, false, true, true);
        (age <= 30).Flags.ToArray().Should().Equal(true, false, false, false);
        // A missing value is not "different": it is unknown, so != is false there too.
        (age != 70).Flags.ToArray().Should().Equal(true, false, false, true);
        age.Between(30, 61).Count.Should().Be(2);
        var missingAge = new Int64Column("age", [30L, null]);
        (missingAge == null).Flags.ToArray().Should().Equal(false, true);

        var sex = new CategoricalColumn("sex", ["F", "M", null, "F"]);
        (sex == "F").Flags.ToArray().Should().Equal(true, false, false, true);
        (sex != "F").Flags.ToArray().Should().Equal(false, true, false, false);
        (sex == "X").Count.Should().Be(0);
        sex.IsIn("M", "X").Flags.ToArray().Should().Equal(false, true, false, false);

        var text = new StringColumn("t", ["a", null]);
        (text == "a").Flags.ToArray().Should().Equal(true, false);

        var dates = new DateTimeColumn("d", [new DateTime(2024, 1, 1), new DateTime(2024, 6, 1)]);
        (dates >= new DateTime(2024, 3, 1)).Flags.ToArray().Should().Equal(false, true);

        var flags = new BooleanColumn("f", [true, null, false]);
        (flags == true).Flags.ToArray().Should().Equal(true, false, false);
        flags.ToMask().Count.Should().Be(1);
    }

    [Fact]
    public void NaN_compares_false_except_not_equal()
    {
        var x = new DoubleColumn("x", [double.NaN, 1.0]);
        (x > 0).Flags.ToArray().Should().Equal(false, true);
        (x == 1).Flags.ToArray().Should().Equal(false, true);
        (x != 1).Flags.ToArray().Should().Equal(true, false);
    }

    [Fact]
    public void Comparing_with_the_wrong_kind_of_value_names_the_column()
    {
        var sex = new CategoricalColumn("sex", ["F"]);
        var act = () => sex > 3;
        act.Should().Throw<InvalidOperationException>().WithMessage("*'sex' is category*");
        var age = new Int64Column("age", [1L]);
        var text = () => age == "1";
        text.Should().Throw<InvalidOperationException>().WithMessage("*'age' is int64: compare it with a number*");
        var date = () => age > DateTime.Now;
        date.Should().Throw<InvalidOperationException>().WithMessage("*not datetime*");
    }

    [Fact]
    public void Masks_combine_and_must_have_equal_lengths()
    {
        var a = new RowMask([true, true, false]);
        var b = new RowMask([true, false, false]);
        (a & b).Flags.ToArray().Should().Equal(true, false, false);
        (a | b).Flags.ToArray().Should().Equal(true, true, false);
        (a ^ b).Flags.ToArray().Should().Equal(false, true, false);
        (!a).Flags.ToArray().Should().Equal(false, false, true);
        a.Indices().Should().Equal(0, 1);
        var act = () => a & new RowMask([true]);
        act.Should().Throw<ArgumentException>().WithMessage("*3 and 1 rows*");
    }

    [Fact]
    public void Arithmetic_propagates_missing_values()
    {
        var weight = new DoubleColumn("weight", [80.0, null, 60.0]);
        var height = new Int64Column("height", [2L, 2L, null]);
        var bmi = weight / (height * height);
        bmi[0].Should().Be(20);
        bmi.IsNull(1).Should().BeTrue();
        bmi.IsNull(2).Should().BeTrue();
        (weight + 1)[0].Should().Be(81);
        (-weight)[2].Should().Be(-60);
        weight.Apply(Math.Sqrt)[2].Should().BeApproximately(7.745966, 1e-6);
        var act = () => weight + new StringColumn("s", ["a", "b", "c"]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*'s' is string, not numeric*");
        var lengths = () => weight + new DoubleColumn("short", [1.0]);
        lengths.Should().Throw<ArgumentException>().WithMessage("*differ in length*");
    }

    [Fact]
    public void Column_from_arrays_and_objects_picks_the_type()
    {
        Column.From("a", new[] { 1, 2 }).Type.Should().Be(ColumnType.Int64);
        Column.From("a", new double?[] { 1, null }).NullCount.Should().Be(1);
        Column.From("a", new[] { "x" }).Type.Should().Be(ColumnType.String);
        Column.FromObjects("a", [1, 2.5, null]).Type.Should().Be(ColumnType.Double);
        Column.FromObjects("a", [1, "x"]).Type.Should().Be(ColumnType.String);
        Column.FromObjects("a", [true, null]).Type.Should().Be(ColumnType.Boolean);
        Column.FromObjects("a", [DayOfWeek.Monday, DayOfWeek.Friday]).Type.Should().Be(ColumnType.Categorical);
        Column.FromObjects("a", [new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.FromHours(2))])[0].Should().Be(new DateTime(2024, 1, 1, 10, 0, 0));
    }

    [Fact]
    public void Type_names_parse_both_ways()
    {
        ColumnTypeNames.Parse("float64").Should().Be(ColumnType.Double);
        ColumnTypeNames.Parse("Categorical").Should().Be(ColumnType.Categorical);
        ColumnTypeNames.Parse("int").Should().Be(ColumnType.Int64);
        ColumnType.Boolean.DisplayName().Should().Be("bool");
        var act = () => ColumnTypeNames.Parse("decimal");
        act.Should().Throw<FormatException>().WithMessage("*'decimal' is not a column type*");
    }
}
