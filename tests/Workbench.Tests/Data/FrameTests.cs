using Workbench.Data;

namespace Workbench.Tests.Data;

public sealed class FrameTests
{
    private static Frame Patients() => Frame.FromArrays(
        ("id", new[] { "p1", "p2", "p3", "p4", "p5", "p6" }),
        ("age", new long?[] { 61, 45, null, 72, 45, 30 }),
        ("sex", new[] { "F", "M", "F", "M", null, "F" }),
        ("bmi", new double?[] { 31.2, 24.0, 27.5, null, 22.1, 35.0 }));

    [Fact]
    public void Shape_schema_and_lookup()
    {
        var frame = Patients();
        frame.Shape.Should().Be((6, 4));
        frame.ColumnNames.Should().Equal("id", "age", "sex", "bmi");
        frame.Schema.Select(s => s.Type).Should().Equal(ColumnType.String, ColumnType.Int64, ColumnType.String, ColumnType.Double);
        frame["age"].Should().BeOfType<Int64Column>();
        frame.Get<DoubleColumn>("bmi").NullCount.Should().Be(1);
        var wrongType = () => frame.Get<DoubleColumn>("age");
        wrongType.Should().Throw<InvalidCastException>().WithMessage("*'age' is int64*not DoubleColumn*");
    }

    [Fact]
    public void A_missing_column_name_suggests_the_closest_names()
    {
        var frame = Patients();
        var act = () => frame["agee"];
        act.Should().Throw<ColumnNotFoundException>().WithMessage("*no column 'agee'; did you mean 'age'?*")
            .Which.Suggestions.Should().Equal("age");
        var caseOnly = () => frame["BMI"];
        caseOnly.Should().Throw<ColumnNotFoundException>().WithMessage("*did you mean 'bmi'*");
        var far = () => frame["cholesterol"];
        far.Should().Throw<ColumnNotFoundException>().WithMessage("*the columns are 'id', 'age', 'sex', 'bmi'*");
        var select = () => frame.Select("id", "sx");
        select.Should().Throw<ColumnNotFoundException>().WithMessage("*did you mean 'sex'*");
    }

    [Fact]
    public void Columns_can_be_added_replaced_and_removed_with_length_checks()
    {
        var frame = Patients();
        frame["bmi_scaled"] = frame["bmi"] / 10;
        frame["bmi_scaled"].Name.Should().Be("bmi_scaled");
        frame["age"] = new Int64Column("whatever", [1L, 2, 3, 4, 5, 6]);
        frame.ColumnNames.Should().Equal("id", "age", "sex", "bmi", "bmi_scaled");
        frame["age"].Name.Should().Be("age");
        frame.Remove("bmi_scaled").ColumnCount.Should().Be(4);
        var shortColumn = () => frame["x"] = new DoubleColumn("x", [1.0]);
        shortColumn.Should().Throw<ArgumentException>().WithMessage("*'x' has 1 rows but the frame has 6*");
        var duplicate = () => frame.Add(new DoubleColumn("age", new double[6]));
        duplicate.Should().Throw<ArgumentException>().WithMessage("*already has a column 'age'*");
        var unequal = () => new Frame(new DoubleColumn("a", [1.0]), new DoubleColumn("b", [1.0, 2.0]));
        unequal.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Select_drop_rename_keep_columns_shared()
    {
        var frame = Patients();
        frame.Select("bmi", "id").ColumnNames.Should().Equal("bmi", "id");
        frame.Drop("id", "sex").ColumnNames.Should().Equal("age", "bmi");
        var renamed = frame.Rename(("bmi", "body_mass_index"));
        renamed.ColumnNames.Should().Contain("body_mass_index").And.NotContain("bmi");
        frame.ColumnNames.Should().Contain("bmi", "the original frame is unchanged");
    }

    [Fact]
    public void Vectorized_masks_filter_rows()
    {
        var frame = Patients();
        var older = frame[frame["age"] > 40 & frame["sex"] == "F"];
        older["id"].Should().BeOfType<StringColumn>();
        ((StringColumn)older["id"]).Values.ToArray().Should().Equal("p1");
        var notMissing = frame[frame["bmi"].IsPresent()];
        notMissing.RowCount.Should().Be(5);
        var wrongLength = () => frame.Filter(new RowMask([true]));
        wrongLength.Should().Throw<ArgumentException>().WithMessage("*1 rows but the frame has 6*");
    }

    [Fact]
    public void Predicate_filter_reads_typed_cells()
    {
        var frame = Patients();
        var filtered = frame.Filter(row => row.Double("bmi") > 30 && row.String("sex") == "F");
        filtered.RowCount.Should().Be(2);
        filtered.Row(1).String("id").Should().Be("p6");
        filtered.Row(0).Int64("age").Should().Be(61);
        filtered.Row(0).IsNull("bmi").Should().BeFalse();
        var wrong = () => frame.Filter(row => row.Int64("bmi") > 3);
        wrong.Should().Throw<InvalidCastException>().WithMessage("*'bmi' is float64, not int64*");
    }

    [Fact]
    public void Head_tail_take_and_rows()
    {
        var frame = Patients();
        frame.Head(2).Row(1).String("id").Should().Be("p2");
        frame.Tail(2).Row(0).String("id").Should().Be("p5");
        frame.Head(100).RowCount.Should().Be(6);
        frame.Take([5, -1]).Row(1).IsNull("id").Should().BeTrue();
        var outside = () => frame.Take([6]);
        outside.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*row 6 is outside the frame's 6 rows*");
        frame.Rows().Count().Should().Be(6);
        frame.Row(2)["age"].Should().BeNull();
    }

    [Fact]
    public void Sample_is_deterministic_from_the_seed()
    {
        var frame = Patients();
        var a = frame.Sample(4, seed: 7);
        var b = frame.Sample(4, seed: 7);
        var c = frame.Sample(4, seed: 8);
        ((StringColumn)a["id"]).Values.ToArray().Should().Equal(((StringColumn)b["id"]).Values.ToArray());
        ((StringColumn)a["id"]).Values.ToArray().Should().OnlyHaveUniqueItems();
        ((StringColumn)a["id"]).Values.ToArray().Should().NotEqual(((StringColumn)c["id"]).Values.ToArray());
        frame.Sample(0.5, seed: 1).RowCount.Should().Be(3);
        frame.Sample(20, seed: 1, replace: true).RowCount.Should().Be(20);
        var tooMany = () => frame.Sample(7, seed: 1);
        tooMany.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*cannot draw 7 rows from 6*");
    }

    [Fact]
    public void Sort_is_stable_multi_key_with_missing_last_in_either_direction()
    {
        var frame = Patients();
        var byAge = frame.SortBy("age");
        ((StringColumn)byAge["id"]).Values.ToArray().Should().Equal("p6", "p2", "p5", "p1", "p4", "p3");
        var descending = frame.SortBy(SortKey.Desc("age"));
        ((StringColumn)descending["id"]).Values.ToArray().Should().Equal("p4", "p1", "p2", "p5", "p6", "p3");
        var twoKeys = frame.SortBy(SortKey.Asc("sex"), SortKey.Desc("bmi"));
        ((StringColumn)twoKeys["id"]).Values.ToArray().Should().Equal("p6", "p1", "p3", "p2", "p4", "p5");
        var empty = () => frame.SortBy(Array.Empty<SortKey>());
        empty.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Sort_puts_NaN_after_numbers_and_before_missing()
    {
        var frame = new Frame(new DoubleColumn("x", [3.0, null, double.NaN, -1.0, double.PositiveInfinity]));
        var sorted = frame.SortBy("x").Get<DoubleColumn>("x");
        sorted.Values[0].Should().Be(-1);
        sorted.Values[1].Should().Be(3);
        sorted.Values[2].Should().Be(double.PositiveInfinity);
        double.IsNaN(sorted.Values[3]).Should().BeTrue();
        sorted.IsNull(3).Should().BeFalse();
        sorted.IsNull(4).Should().BeTrue();
    }

    [Fact]
    public void Concat_unifies_types_and_checks_columns()
    {
        var a = Frame.FromArrays(("x", new[] { 1L, 2L }), ("c", new[] { "a", "b" }));
        var b = Frame.FromArrays(("x", new[] { 2.5 }), ("c", new[] { "z" }));
        b["c"] = ((StringColumn)b["c"]).ToCategorical();
        var both = Frame.Concat(a, b);
        both["x"].Type.Should().Be(ColumnType.Double);
        both["c"].Type.Should().Be(ColumnType.String);
        both.Get<DoubleColumn>("x").Values.ToArray().Should().Equal(1, 2, 2.5);

        var cats = Frame.Concat(
            new Frame(new CategoricalColumn("c", ["b", "a"])),
            new Frame(new CategoricalColumn("c", ["c", null])));
        cats.Get<CategoricalColumn>("c").Categories.Should().Equal("a", "b", "c");
        cats["c"].Format(2).Should().Be("c");
        cats["c"].IsNull(3).Should().BeTrue();

        var missing = () => Frame.Concat(a, new Frame(new DoubleColumn("x", [1.0])));
        missing.Should().Throw<ArgumentException>().WithMessage("*frame 1 has no column 'c'*");
        var filled = Frame.Concat([a, new Frame(new DoubleColumn("x", [1.0]))], fillMissingColumns: true);
        filled["c"].IsNull(2).Should().BeTrue();

        var clash = () => Frame.Concat(a, new Frame(new BooleanColumn("x", [true]), new StringColumn("c", ["q"])));
        clash.Should().Throw<InvalidOperationException>().WithMessage("*'x' is int64 in one part and bool in another*");
    }

    [Fact]
    public void Joins_match_keys_keep_order_and_suffix_clashes()
    {
        var left = Frame.FromArrays(("id", new[] { "a", "b", "c", null! }), ("v", new[] { 1L, 2L, 3L, 4L }));
        var right = Frame.FromArrays(("id", new[] { "b", "a", "a", "d", null! }), ("v", new[] { 20.0, 10.0, 11.0, 40.0, 99.0 }));

        var inner = left.Join(right, "id");
        inner.ColumnNames.Should().Equal("id", "v_x", "v_y");
        ((StringColumn)inner["id"]).Values.ToArray().Should().Equal("a", "a", "b");
        inner.Get<DoubleColumn>("v_y").Values.ToArray().Should().Equal(10, 11, 20);

        var leftJoin = left.Join(right, "id", JoinKind.Left);
        leftJoin.RowCount.Should().Be(5);
        leftJoin["v_y"].IsNull(3).Should().BeTrue("c has no match");
        leftJoin["v_y"].IsNull(4).Should().BeTrue("a missing key never matches");

        var outer = left.Join(right, "id", JoinKind.Outer);
        outer.RowCount.Should().Be(7);
        ((StringColumn)outer["id"]).Values.ToArray().Should().Equal("a", "a", "b", "c", null, "d", null);
        outer["v_x"].IsNull(5).Should().BeTrue();

        var rightJoin = left.Join(right, "id", JoinKind.Right);
        ((StringColumn)rightJoin["id"]).Values.ToArray().Should().Equal("b", "a", "a", "d", null);
        rightJoin.Get<Int64Column>("v_x")[0].Should().Be(2);
    }

    [Fact]
    public void Joins_on_several_and_differently_named_keys_and_mixed_numeric_types()
    {
        var left = Frame.FromArrays(("site", new[] { "n", "n", "s" }), ("year", new[] { 2023L, 2024L, 2024L }), ("x", new[] { 1.0, 2.0, 3.0 }));
        var right = Frame.FromArrays(("place", new[] { "n", "s" }), ("yr", new[] { 2024.0, 2024.0 }), ("y", new[] { "a", "b" }));
        var joined = left.Join(right, ["site", "year"], ["place", "yr"]);
        joined.RowCount.Should().Be(2);
        joined.ColumnNames.Should().Equal("site", "year", "x", "place", "yr", "y");
        ((StringColumn)joined["y"]).Values.ToArray().Should().Equal("a", "b");

        var bad = () => left.Join(right, ["site"], ["place", "yr"]);
        bad.Should().Throw<ArgumentException>().WithMessage("*same number of key columns*");
        var types = () => left.Join(Frame.FromArrays(("site", new[] { true })), "site");
        types.Should().Throw<InvalidOperationException>().WithMessage("*cannot join left 'site' (string) with right 'site' (bool)*");
    }

    [Fact]
    public void Group_by_aggregates_sorted_by_key_with_missing_keys_last()
    {
        var frame = Patients();
        var groups = frame.GroupBy("sex");
        groups.GroupCount.Should().Be(3);
        var result = groups.Aggregate(
            Aggregation.Count("age"), Aggregation.Mean("bmi"), Aggregation.Max("age", "oldest"),
            Aggregation.First("id"), Aggregation.Last("id"), Aggregation.NUnique("age"),
            Aggregation.Sum("age"), Aggregation.Median("bmi"), Aggregation.Std("bmi"), Aggregation.Min("id"));
        ((StringColumn)result["sex"]).Values.ToArray().Should().Equal("F", "M", null);
        result.Get<Int64Column>("age_count").Values.ToArray().Should().Equal(2, 2, 1);
        result.Get<DoubleColumn>("bmi_mean").Values[0].Should().BeApproximately((31.2 + 27.5 + 35.0) / 3, 1e-12);
        result.Get<DoubleColumn>("bmi_mean").IsNull(1).Should().BeFalse();
        result.Get<DoubleColumn>("oldest").Values.ToArray().Should().Equal(61, 72, 45);
        ((StringColumn)result["id_first"]).Values.ToArray().Should().Equal("p1", "p2", "p5");
        ((StringColumn)result["id_last"]).Values.ToArray().Should().Equal("p6", "p4", "p5");
        result.Get<Int64Column>("age_nunique").Values.ToArray().Should().Equal(2, 2, 1);
        result.Get<Int64Column>("age_sum").Values.ToArray().Should().Equal(91, 117, 45);
        result.Get<DoubleColumn>("bmi_median").Values[1].Should().Be(24.0, "the missing bmi of p4 is skipped");
        result.Get<DoubleColumn>("bmi_std").IsNull(2).Should().BeTrue("one value has no sample standard deviation");
        ((StringColumn)result["id_min"]).Values.ToArray().Should().Equal("p1", "p2", "p5");

        groups.Size().Get<Int64Column>("count").Values.ToArray().Should().Equal(3, 2, 1);
        groups.Mean().ColumnNames.Should().Equal("sex", "age", "bmi");
        groups.Groups().Select(g => g.Rows.RowCount).Should().Equal(3, 2, 1);
        var text = () => groups.Aggregate(Aggregation.Mean("id"));
        text.Should().Throw<InvalidOperationException>().WithMessage("*mean of column 'id'*string*");
    }

    [Fact]
    public void Group_by_several_keys()
    {
        var frame = Frame.FromArrays(("a", new[] { "x", "x", "y", "x" }), ("b", new[] { 1L, 2L, 1L, 1L }), ("v", new[] { 1.0, 2.0, 3.0, 4.0 }));
        var result = frame.GroupBy("a", "b").Sum("v");
        result.RowCount.Should().Be(3);
        result.Get<DoubleColumn>("v").Values.ToArray().Should().Equal(5, 2, 3);
    }

    [Fact]
    public void Value_counts_most_frequent_first_with_ties_in_value_order()
    {
        var frame = Patients();
        var counts = frame.ValueCounts("sex");
        ((StringColumn)counts["sex"]).Values.ToArray().Should().Equal("F", "M");
        counts.Get<Int64Column>("count").Values.ToArray().Should().Equal(3, 2);
        var withMissing = frame["sex"].ValueCounts(normalize: true, dropMissing: false);
        withMissing.Get<DoubleColumn>("proportion").Values.ToArray().Should().Equal(0.5, 2.0 / 6, 1.0 / 6);
        var ties = new Frame(new StringColumn("x", ["b", "a", "b", "a", "c"])).ValueCounts("x");
        ((StringColumn)ties["x"]).Values.ToArray().Should().Equal("a", "b", "c");
    }

    [Fact]
    public void Describe_matches_pandas_layout()
    {
        var described = Patients().Describe();
        described.ColumnNames.Should().Equal("statistic", "age", "bmi");
        ((StringColumn)described["statistic"]).Values.ToArray().Should().Equal("count", "mean", "std", "min", "25%", "50%", "75%", "max");
        described.Get<DoubleColumn>("age").Values.ToArray().Should().Equal(5, 50.6, Math.Sqrt(263.3), 30, 45, 45, 61, 72);
    }

    [Fact]
    public void To_matrix_is_row_major_float32_with_column_order_and_clear_errors()
    {
        var frame = Frame.FromArrays(("a", new[] { 1.0, 2.0 }), ("b", new[] { 10L, 20L }), ("flag", new[] { true, false }));
        var matrix = frame.ToMatrix();
        matrix.Rows.Should().Be(2);
        matrix.Columns.Should().Be(3);
        matrix.ColumnNames.Should().Equal("a", "b", "flag");
        matrix.Values.Should().Equal(1f, 10f, 1f, 2f, 20f, 0f);
        frame.ToMatrix("flag", "a").Values.Should().Equal(1f, 1f, 0f, 2f);

        var patients = Patients();
        var text = () => patients.ToMatrix("age", "sex");
        text.Should().Throw<InvalidOperationException>().WithMessage("*'sex' is string, not numeric: encode it first*");
        var missing = () => patients.ToMatrix("age", "bmi");
        missing.Should().Throw<InvalidOperationException>().WithMessage("*'age' has 1 missing values (the first at row 2)*");
        var nan = patients.ToMatrix(["age", "bmi"], MissingValuePolicy.NaN);
        float.IsNaN(nan[2, 0]).Should().BeTrue();
        var dropped = patients.ToMatrix(["age", "bmi"], MissingValuePolicy.DropRows);
        dropped.Rows.Should().Be(4);
        dropped[0, 0].Should().Be(61f);
    }

    [Fact]
    public void From_records_uses_declared_property_types()
    {
        var frame = Frame.FromRecords(new[]
        {
            new Admission("p1", 61, 31.5, true, new DateTime(2024, 1, 1), DayOfWeek.Monday),
            new Admission("p2", null, 24, false, new DateTime(2024, 1, 2), DayOfWeek.Friday),
        });
        frame.Schema.Should().Equal(
            ("Id", ColumnType.String), ("Age", ColumnType.Int64), ("Bmi", ColumnType.Double),
            ("Diabetic", ColumnType.Boolean), ("Admitted", ColumnType.DateTime), ("Day", ColumnType.Categorical));
        frame["Age"].IsNull(1).Should().BeTrue();
        frame["Bmi"].Format(1).Should().Be("24");
        var rows = Frame.FromRows(["a", "b"], [[1, "x"], [2.5, null]]);
        rows.Schema.Should().Equal(("a", ColumnType.Double), ("b", ColumnType.String));
        var ragged = () => Frame.FromRows(["a", "b"], [[1]]);
        ragged.Should().Throw<ArgumentException>().WithMessage("*row 0 has 1 values for 2 columns*");
    }

    [Fact]
    public void Text_rendering_shows_shape_types_and_elides_the_middle()
    {
        var frame = new Frame(new DoubleColumn("x", Enumerable.Range(0, 100).Select(i => (double)i).ToArray()));
        var text = frame.ToText(maxRows: 4);
        text.Should().StartWith("Frame: 100 rows x 1 columns");
        text.Should().Contain("float64").And.Contain("...").And.Contain("99").And.NotContain(" 50\n");
    }

    private sealed record Admission(string Id, int? Age, double Bmi, bool Diabetic, DateTime Admitted, DayOfWeek Day);
}
