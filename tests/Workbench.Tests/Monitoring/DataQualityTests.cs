using System.Globalization;
using Workbench.Data;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.ModelMonitorFormat;
using Workbench.Monitoring.Quality;

namespace Workbench.Tests.Monitoring;

/// <summary>Every data-quality check on a batch built to fail it and on a clean one; Model Monitor's violations beside them.</summary>
public sealed class DataQualityTests
{
    private const int Rows = 300;
    private static readonly Baseline Reference = Baseline.Fit(Table(Rows, seed: 1));

    /// <summary>x and y normal in about [-3, 3], color three labels, visits 0..9, all complete.</summary>
    private static Frame Table(int rows, int seed) => Frame.FromArrays(
        ("x", MonitoringSamples.Normal(rows, 0, 1, seed)),
        ("y", MonitoringSamples.Normal(rows, 5, 1, seed + 1)),
        ("color", MonitoringSamples.Labels(rows, [("red", 0.5), ("green", 0.3), ("blue", 0.2)], seed + 2)),
        ("visits", Enumerable.Range(0, rows).Select(i => (long)((i * 7 + seed) % 10)).ToArray()));

    private static Frame Clean() => Table(200, seed: 50);

    private static DataQualityResult Check(Frame batch) => DataQuality.Check(Reference, batch);

    private static Frame Replace(Frame frame, Column column) => frame.Copy().Remove(column.Name).Add(column);

    [Fact]
    public void A_clean_batch_passes_every_check_and_violates_no_constraint()
    {
        var result = Check(Clean());

        result.Passed.Should().BeTrue(string.Join("\n", result.Failures));
        result.Violations.Where(v => v.ConstraintCheckType != ConstraintCheckTypes.BaselineDrift).Should().BeEmpty();
        result.Checks.Select(c => c.Kind).Should().Contain([QualityCheckKind.RowCount, QualityCheckKind.Completeness, QualityCheckKind.OutOfRange, QualityCheckKind.NewCategories, QualityCheckKind.DuplicatedRows]);
    }

    [Fact]
    public void A_missing_column_is_critical_and_a_missing_column_check()
    {
        var result = Check(Clean().Drop("y"));

        var failure = result.Failures.Should().ContainSingle().Which;
        failure.Kind.Should().Be(QualityCheckKind.MissingColumn);
        failure.Column.Should().Be("y");
        failure.Severity.Should().Be(QualitySeverity.Critical);
        var violation = result.Violations.Should().ContainSingle(v => v.ConstraintCheckType == "missing_column_check").Which;
        violation.FeatureName.Should().Be("y");
        violation.Description.Should().Be("There are missing columns in current dataset. Number of columns in current dataset: 3, Number of columns in baseline constraints: 4");
    }

    [Fact]
    public void An_extra_column_is_minor_and_an_extra_column_check()
    {
        var result = Check(Clean().Add(new StringColumn("ward", Enumerable.Repeat("w1", 200).ToArray())));

        var failure = result.Failures.Should().ContainSingle().Which;
        (failure.Kind, failure.Column, failure.Severity).Should().Be((QualityCheckKind.ExtraColumn, "ward", QualitySeverity.Minor));
        result.Violations.Should().ContainSingle(v => v.ConstraintCheckType == "extra_column_check" && v.FeatureName == "ward")
            .Which.Description.Should().Contain("Number of columns in current dataset: 5");
    }

    [Fact]
    public void Text_in_a_numeric_column_fails_the_type_check_with_the_share_that_reads_as_numbers()
    {
        var x = Clean()["x"];
        var text = Enumerable.Range(0, 200).Select(i => i < 20 ? "n/a-" + i : Convert.ToString(x[i], CultureInfo.InvariantCulture)).ToArray();

        var result = Check(Replace(Clean(), new StringColumn("x", text)));

        var failure = result.Failures.Should().ContainSingle(f => f.Kind == QualityCheckKind.DataType).Which;
        (failure.Column, failure.Severity).Should().Be(("x", QualitySeverity.Critical));
        failure.Description.Should().Contain("20 of 200");
        result.Violations.Should().ContainSingle(v => v.ConstraintCheckType == "data_type_check" && v.FeatureName == "x")
            .Which.Description.Should().Be(ConstraintViolation.ValueDescription(0.9));
    }

    [Fact]
    public void Missing_values_beyond_the_completeness_constraint_fail_as_major()
    {
        var x = Clean()["x"];
        var holes = Enumerable.Range(0, 200).Select(i => i % 10 == 0 ? null : (double?)Convert.ToDouble(x[i], CultureInfo.InvariantCulture)).ToArray();

        var result = Check(Replace(Clean(), new DoubleColumn("x", holes)));

        var failure = result.Failures.Should().ContainSingle().Which;
        (failure.Kind, failure.Column, failure.Severity).Should().Be((QualityCheckKind.Completeness, "x", QualitySeverity.Major));
        failure.Observed.Should().BeApproximately(0.1, 1e-12);
        result.Violations.Should().ContainSingle(v => v.ConstraintCheckType == "completeness_check")
            .Which.Description.Should().Be(ConstraintViolation.ValueDescription(0.9));
    }

    [Fact]
    public void An_emptied_column_is_critical()
    {
        var result = Check(Replace(Clean(), new DoubleColumn("y", new double?[200])));

        result.Failures.Should().Contain(f => f.Kind == QualityCheckKind.AllMissing && f.Column == "y" && f.Severity == QualitySeverity.Critical);
        result.Critical.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Values_outside_the_reference_range_fail_beyond_the_tolerated_share()
    {
        var few = Clean()["y"];
        var values = Enumerable.Range(0, 200).Select(i => Convert.ToDouble(few[i], CultureInfo.InvariantCulture)).ToArray();
        var ten = values.ToArray();
        for (var i = 0; i < 10; i++)
        {
            ten[i] = 1000;
        }

        var tolerant = DataQuality.Check(Reference, Replace(Clean(), new DoubleColumn("y", ten)), new QualityOptions { OutOfRangeShare = 0.1 });
        tolerant.Passed.Should().BeTrue("a tenth may lie outside: " + string.Join("; ", tolerant.Failures));
        var result = Check(Replace(Clean(), new DoubleColumn("y", ten)));

        var failure = result.Failures.Should().ContainSingle().Which;
        (failure.Kind, failure.Column, failure.Severity).Should().Be((QualityCheckKind.OutOfRange, "y", QualitySeverity.Major));
        failure.Observed.Should().BeGreaterThanOrEqualTo(0.05);
        failure.Description.Should().EndWith(", 1000]").And.Contain("reference range");
    }

    [Fact]
    public void Negative_numbers_fail_where_constraints_json_requires_non_negative_ones()
    {
        var clean = Clean();
        var values = Enumerable.Range(0, 200).Select(i => Convert.ToDouble(clean["y"][i], CultureInfo.InvariantCulture)).ToArray();
        values[0] = -0.5;

        // Even with a range tolerance that lets -0.5 pass the range check.
        var result = DataQuality.Check(Reference, Replace(clean, new DoubleColumn("y", values)), new QualityOptions { RangeTolerance = 1 });

        Reference.Constraints.Find("y")!.IsNonNegative.Should().BeTrue();
        result.Failures.Should().ContainSingle().Which.Description.Should().Be("1 negative values where constraints.json requires non-negative numbers (smallest -0.5)");
    }

    [Fact]
    public void Labels_the_reference_never_had_fail_as_new_categories()
    {
        var labels = MonitoringSamples.Labels(200, [("red", 0.4), ("green", 0.3), ("blue", 0.2), ("purple", 0.1)], 7);

        var result = Check(Replace(Clean(), new StringColumn("color", labels)));

        var failure = result.Failures.Should().ContainSingle(f => f.Kind == QualityCheckKind.NewCategories).Which;
        (failure.Column, failure.Severity).Should().Be(("color", QualitySeverity.Minor));
        failure.Description.Should().Contain("'purple'");
        var purple = labels.Count(l => l == "purple");
        result.Violations.Should().ContainSingle(v => v.ConstraintCheckType == "categorical_values_check" && v.FeatureName == "color")
            .Which.Description.Should().Be(ConstraintViolation.ValueDescription(1 - (purple / 200.0)));
    }

    [Fact]
    public void A_column_gone_constant_fails()
    {
        var result = Check(Replace(Clean(), new Int64Column("visits", Enumerable.Repeat(3L, 200).ToArray())));

        result.Failures.Should().Contain(f => f.Kind == QualityCheckKind.ConstantColumn && f.Column == "visits" && f.Severity == QualitySeverity.Minor);
    }

    [Fact]
    public void A_column_repeating_another_fails_as_duplicated()
    {
        var clean = Clean();
        var result = Check(Replace(clean, new DoubleColumn("y", Enumerable.Range(0, 200).Select(i => Convert.ToDouble(clean["x"][i], CultureInfo.InvariantCulture)).ToArray())));

        result.Failures.Should().Contain(f => f.Kind == QualityCheckKind.DuplicatedColumn && f.Column == "y" && f.Description.Contains("'x'"));
    }

    [Fact]
    public void Repeated_rows_beyond_the_reference_share_fail()
    {
        var clean = Clean();
        var repeated = clean.Take(Enumerable.Range(0, 200).Select(i => i % 150).ToArray());

        var result = Check(repeated);

        var failure = result.Failures.Should().ContainSingle(f => f.Kind == QualityCheckKind.DuplicatedRows).Which;
        failure.Observed.Should().BeApproximately(50 / 200.0, 1e-12);
    }

    [Fact]
    public void An_empty_batch_fails_the_row_count_critically_and_a_short_one_as_major()
    {
        var empty = Check(Clean().Take(Array.Empty<int>()));
        var few = DataQuality.Check(Reference, Clean().Head(10), new QualityOptions { MinimumRows = 50 });

        empty.Failures.Should().Contain(f => f.Kind == QualityCheckKind.RowCount && f.Severity == QualitySeverity.Critical);
        few.Failures.Should().ContainSingle(f => f.Kind == QualityCheckKind.RowCount).Which.Severity.Should().Be(QualitySeverity.Major);
    }

    [Fact]
    public void The_corrupt_sample_batch_writes_each_Model_Monitor_check_type_it_breaks()
    {
        var patients = Baseline.Fit(Frame.ReadCsv(Workbench.Testing.RepoPaths.Combine("data-samples", "patients.csv")),
            new BaselineOptions { Target = "readmitted_30d", Timestamp = "admitted_at" });
        var corrupt = DataQuality.Check(patients, Frame.ReadCsv(Workbench.Testing.RepoPaths.Combine("data-samples", "batches", "patients", "corrupt.csv")));

        corrupt.Violations.Should().Contain(v => v.FeatureName == "cholesterol" && v.ConstraintCheckType == "missing_column_check");
        corrupt.Violations.Should().Contain(v => v.FeatureName == "ward_code" && v.ConstraintCheckType == "extra_column_check");
        corrupt.Violations.Should().Contain(v => v.FeatureName == "age" && v.ConstraintCheckType == "data_type_check");
        corrupt.Violations.Should().Contain(v => v.FeatureName == "systolic_bp" && v.ConstraintCheckType == "data_type_check");
        corrupt.Failures.Should().Contain(f => f.Kind == QualityCheckKind.OutOfRange && f.Column == "bmi");
    }
}
