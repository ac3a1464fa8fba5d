using Workbench.Data;
using Workbench.Data.Profiling;
using Workbench.Testing;

namespace Workbench.Tests.Data.Profiling;

public sealed class ProfileTests
{
    [Fact]
    public void Numeric_column_profile_has_moments_quartiles_histogram_and_top_values()
    {
        var frame = new Frame(new DoubleColumn("x", [1.0, 2.0, 2.0, null, 10.0, double.NaN]));
        var x = frame.Profile()["x"];
        x.Type.Should().Be(ColumnType.Double);
        x.Count.Should().Be(5);
        x.Missing.Should().Be(1);
        x.NaNCount.Should().Be(1);
        x.Distinct.Should().Be(4, "1, 2, 10 and NaN");
        x.Mean.Should().Be(3.75);
        x.Min.Should().Be(1);
        x.Max.Should().Be(10);
        x.Median.Should().Be(2);
        x.Q75.Should().Be(4);
        x.TopValues.Select(t => (t.Value, t.Count)).Should().Equal(("2", 2L), ("1", 1L), ("10", 1L), ("NaN", 1L));
        x.Histogram!.Counts.Sum().Should().Be(4);
        x.Histogram.Edges[0].Should().Be(0.5, "whole numbers in a small range get one bin per value");
        x.Histogram.Edges[^1].Should().Be(10.5);
        x.MissingFraction.Should().BeApproximately(1.0 / 6, 1e-12);
    }

    [Fact]
    public void Continuous_columns_get_sturges_bins_from_min_to_max_with_the_last_bin_closed()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i / 10.0 + 0.05).ToArray();
        var histogram = new Frame(new DoubleColumn("x", values)).Profile()["x"].Histogram!;
        histogram.BinCount.Should().Be(11, "ceil(log2(1000)) + 1");
        histogram.Edges[0].Should().Be(0.05);
        histogram.Edges[^1].Should().Be(99.95);
        histogram.Counts.Sum().Should().Be(1000);
    }

    [Fact]
    public void Integer_columns_with_a_small_range_get_one_bin_per_value()
    {
        var frame = new Frame(new Int64Column("visits", [0L, 1, 1, 2, 2, 2, 5]));
        var histogram = frame.Profile()["visits"].Histogram!;
        histogram.Edges.Should().Equal(-0.5, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5);
        histogram.Counts.Should().Equal(1, 2, 3, 0, 0, 1);
    }

    [Fact]
    public void Text_categorical_boolean_and_date_columns_are_profiled()
    {
        var frame = new Frame(
            new StringColumn("note", ["a", "b", "a", null]),
            new CategoricalColumn("sex", ["F", "M", "F", "F"]),
            new BooleanColumn("flag", [true, false, true, true]),
            new DateTimeColumn("when", [new DateTime(2024, 1, 2), new DateTime(2024, 1, 1), null, new DateTime(2024, 1, 2)]));
        var profile = frame.Profile();
        profile["note"].TopValues.First().Should().Be(new ValueCount("a", 2));
        profile["note"].Distinct.Should().Be(2);
        profile["note"].Mean.Should().BeNull();
        profile["sex"].TopValues.Select(t => t.Value).Should().Equal("F", "M");
        profile["flag"].Mean.Should().Be(0.75, "booleans are profiled as 0 / 1");
        profile["flag"].TopValues.First().Should().Be(new ValueCount("true", 3));
        profile["when"].FirstDate.Should().Be(new DateTime(2024, 1, 1));
        profile["when"].LastDate.Should().Be(new DateTime(2024, 1, 2));
        profile["when"].Distinct.Should().Be(2);
        profile["when"].Histogram.Should().NotBeNull();
        profile.Pearson.Names.Should().Equal("flag");
        var missing = () => profile["nope"];
        missing.Should().Throw<ColumnNotFoundException>();
    }

    [Fact]
    public void Warnings_flag_constant_mostly_missing_identifier_skewed_correlated_nan_and_duplicate_data()
    {
        var n = 200;
        var random = new Random(3);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var frame = new Frame(
            new DoubleColumn("x", x),
            new DoubleColumn("x_copy", x.Select(v => (2 * v) + 1).ToArray()),
            new Int64Column("constant", Enumerable.Repeat(7L, n).ToArray()),
            new DoubleColumn("sparse", Enumerable.Range(0, n).Select(i => i % 10 == 0 ? (double?)i : null).ToArray()),
            new StringColumn("id", Enumerable.Range(0, n).Select(i => $"id{i % 190}").ToArray()),
            new DoubleColumn("skewed", Enumerable.Range(0, n).Select(i => Math.Exp(i / 20.0)).ToArray()),
            new DoubleColumn("with_nan", Enumerable.Range(0, n).Select(i => i == 5 ? double.NaN : i).ToArray()));
        var duplicated = Frame.Concat(frame, frame.Head(3));
        var profile = duplicated.Profile();
        var kinds = profile.Warnings.Select(w => (w.Kind, string.Join("+", w.Columns))).ToArray();
        kinds.Should().Contain((ProfileWarningKind.Constant, "constant"));
        kinds.Should().Contain((ProfileWarningKind.MostlyMissing, "sparse"));
        kinds.Should().Contain((ProfileWarningKind.HighCardinality, "id"));
        kinds.Should().Contain((ProfileWarningKind.Skewed, "skewed"));
        kinds.Should().Contain((ProfileWarningKind.HighCorrelation, "x+x_copy"));
        kinds.Should().Contain((ProfileWarningKind.NaNValues, "with_nan"));
        kinds.Should().Contain((ProfileWarningKind.DuplicateRows, string.Empty));
        profile.DuplicateRows.Should().Be(3);
        profile.Pearson["x", "x_copy"].Should().BeApproximately(1, 1e-12);
        profile.Spearman!["x", "x_copy"].Should().BeApproximately(1, 1e-12);
        double.IsNaN(profile.Pearson["constant", "x"]).Should().BeTrue("a constant column has no correlation");
        profile.Warnings.First(w => w.Kind == ProfileWarningKind.Skewed).Message.Should().Contain("log transform");
    }

    [Fact]
    public void Duplicate_rows_count_exact_equality_including_missing_values()
    {
        var frame = new Frame(
            new DoubleColumn("a", [1.0, 1.0, null, null, 0.0, -0.0]),
            new StringColumn("b", ["x", "x", null, null, "y", "y"]));
        frame.Profile().DuplicateRows.Should().Be(3, "rows 1, 3 and 5 repeat rows 0, 2 and 4 (-0 equals 0)");
    }

    [Fact]
    public void Categorical_target_gets_class_balance_means_and_associations()
    {
        var frame = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "breast_cancer.csv"));
        var profile = frame.Profile(new ProfileOptions { Target = "diagnosis" });
        var target = profile.Target!;
        target.IsCategorical.Should().BeTrue();
        target.ClassBalance.Should().Equal(new ValueCount("benign", 357), new ValueCount("malignant", 212));
        target.ClassMeans!.RowCount.Should().Be(2);
        target.Features.Should().HaveCount(30);
        target.Features.Should().OnlyContain(f => f.Measure == "correlation_ratio" && f.Strength >= 0 && f.Strength <= 1);
        target.Features[0].Column.Should().Be("worst_concave_points", "the strongest single separator of the classes in this data set");
        target.Features.Select(f => f.Strength).Should().BeInDescendingOrder();
    }

    [Fact]
    public void Numeric_target_uses_correlations_and_correlation_ratio()
    {
        var frame = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv"));
        var profile = frame.Profile(new ProfileOptions { Target = "length_of_stay_days" });
        var target = profile.Target!;
        target.IsCategorical.Should().BeFalse();
        target.Features.Should().NotContain(f => f.Column == "patient_id" || f.Column == "admitted_at", "identifiers and dates are left out");
        var age = target.Features.Single(f => f.Column == "age");
        age.Measure.Should().Be("pearson");
        age.Correlation.Should().Be(profile.Pearson["age", "length_of_stay_days"]);
        age.Spearman.Should().Be(profile.Spearman!["age", "length_of_stay_days"]);
        target.Features.Single(f => f.Column == "admission_type").Measure.Should().Be("correlation_ratio");
    }

    [Fact]
    public void Integer_label_with_few_values_is_a_categorical_target()
    {
        var frame = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv"));
        var target = frame.Profile("readmitted_30d").Target!;
        target.IsCategorical.Should().BeTrue();
        target.ClassBalance.Sum(c => c.Count).Should().Be(5000);
        target.Features.Single(f => f.Column == "smoker").Measure.Should().Be("cramers_v");
        target.Features.Single(f => f.Column == "diabetes").Measure.Should().Be("cramers_v");
    }

    [Fact]
    public void Cramers_v_and_correlation_ratio_take_known_values()
    {
        // Perfect association gives 1; independence gives 0.
        var frame = new Frame(
            new StringColumn("y", ["a", "a", "b", "b", "a", "a", "b", "b"]),
            new StringColumn("same", ["p", "p", "q", "q", "p", "p", "q", "q"]),
            new StringColumn("independent", ["p", "q", "p", "q", "p", "q", "p", "q"]),
            new DoubleColumn("separates", [1, 1, 5, 5, 1, 1, 5, 5]),
            new DoubleColumn("unrelated", [1, 2, 1, 2, 2, 1, 2, 1]));
        var features = frame.Profile("y").Target!.Features.ToDictionary(f => f.Column, f => f.Strength);
        features["same"].Should().BeApproximately(1, 1e-12);
        features["independent"].Should().BeApproximately(0, 1e-12);
        features["separates"].Should().BeApproximately(1, 1e-12);
        features["unrelated"].Should().BeApproximately(0, 1e-12);
    }

    [Fact]
    public void Summary_frame_and_figures()
    {
        var frame = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv"));
        var profile = frame.Profile();
        var summary = profile.ToFrame();
        summary.RowCount.Should().Be(19);
        summary.ColumnNames.Should().StartWith(["column", "type", "count", "missing", "distinct", "mean"]);
        profile["age"].ToFigure().ToJson().Should().Contain("\"type\":\"bar\"");
        profile["admitted_at"].ToFigure().ToJson().Should().Contain("\"type\":\"date\"");
        profile["smoker"].ToFigure().ToJson().Should().Contain("\"orientation\":\"h\"");
        profile.Pearson.ToFigure().ToJson().Should().Contain("\"heatmap\"");
        profile.Pearson.ToFrame().RowCount.Should().Be(profile.Pearson.Names.Count);
        profile.Pearson.Pairs().First().R.Should().BeGreaterThan(0.5);
        profile.ToString().Should().Contain("5000 rows x 19 columns");
    }

    [Fact]
    public void Profiles_are_the_same_with_one_thread_or_many()
    {
        var frame = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "batches", "patients", "missing_values.csv"));
        var one = frame.Profile(new ProfileOptions { DegreeOfParallelism = 1 });
        var many = frame.Profile(new ProfileOptions { DegreeOfParallelism = 4 });
        many.Pearson.Values.SelectMany(r => r).Should().Equal(one.Pearson.Values.SelectMany(r => r), (a, b) => a.Equals(b) || Math.Abs(a - b) < 1e-12);
        many.Spearman!.Values.SelectMany(r => r).Should().Equal(one.Spearman!.Values.SelectMany(r => r));
        many.Columns.Select(c => c.Mean).Should().Equal(one.Columns.Select(c => c.Mean));
    }

    [Fact]
    public void An_empty_frame_profiles_without_error()
    {
        var profile = new Frame(new DoubleColumn("x", ReadOnlySpan<double>.Empty), new StringColumn("s", ReadOnlySpan<string?>.Empty)).Profile();
        profile["x"].Mean.Should().BeNull();
        profile["x"].Histogram.Should().BeNull();
        profile.Warnings.Should().BeEmpty();
        double.IsNaN(profile.Pearson["x", "x"]).Should().BeTrue();
    }
}
