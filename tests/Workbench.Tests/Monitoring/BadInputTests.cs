using Workbench.Data;
using Workbench.Monitoring;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Drift;
using Workbench.Monitoring.Quality;

namespace Workbench.Tests.Monitoring;

/// <summary>Different columns, all-null columns, single rows, constant columns, empty data: defined results or clear errors.</summary>
public sealed class BadInputTests
{
    private static readonly Frame Reference = MonitoringSamples.Table(300, seed: 1);

    [Fact]
    public void Reference_and_current_with_different_columns_give_a_full_report()
    {
        var current = MonitoringSamples.Table(200, seed: 2).Drop("color").Add(new DoubleColumn("z", MonitoringSamples.Normal(200, 0, 1, 3)));

        var report = new ModelMonitor(Baseline.Fit(Reference)).Check(current);

        report.Drift["color"]!.NotTested.Should().Be("missing from the current data");
        report.Drift["z"].Should().BeNull("a column the baseline does not know is a quality finding, not a drift test");
        report.Drift.TestedFeatures.Should().HaveCount(2);
        report.Quality.Failures.Select(f => (f.Kind, f.Column)).Should().Contain([(QualityCheckKind.MissingColumn, "color"), (QualityCheckKind.ExtraColumn, "z")]);
        report.Tier.Should().Be(Workbench.Monitoring.Policy.RetrainingTier.Escalate, "a feature the model needs is gone");
    }

    [Fact]
    public void An_all_null_column_is_not_tested_for_drift_and_fails_quality_when_it_empties()
    {
        var reference = Reference.Copy().Add(new DoubleColumn("empty", new double?[300]));
        var baseline = Baseline.Fit(reference);
        var emptied = MonitoringSamples.Table(200, seed: 2).Copy().Remove("x").Add(new DoubleColumn("x", new double?[200])).Add(new DoubleColumn("empty", new double?[200]));

        var drift = DataDrift.Detect(baseline, emptied);
        var quality = DataQuality.Check(baseline, emptied);

        baseline["empty"].Missing.Should().Be(300);
        drift["empty"]!.NotTested.Should().Be("the reference has no values");
        drift["x"]!.NotTested.Should().Be("the current data has no values");
        quality.Failures.Should().Contain(f => f.Kind == QualityCheckKind.AllMissing && f.Column == "x");
        quality.Failures.Should().NotContain(f => f.Column == "empty", "a column empty in the reference may stay empty");
    }

    [Fact]
    public void A_single_row_on_either_side_is_tested_without_crashing()
    {
        var oneRow = Reference.Head(1);

        var fromOne = new ModelMonitor(Baseline.Fit(oneRow)).Check(MonitoringSamples.Table(200, seed: 2));
        var ofOne = new ModelMonitor(Baseline.Fit(Reference)).Check(MonitoringSamples.Table(1, seed: 2));
        var cvm = DataDrift.Detect(Reference, oneRow, new DriftOptions { Method = DriftMethod.CramerVonMises });

        fromOne.Rows.Should().Be(200);
        ofOne.Rows.Should().Be(1);
        ofOne.Drift["x"]!.Tested.Should().BeTrue();
        ofOne.Drift["x"]!.PValue.Should().BeInRange(0, 1);
        ofOne.Multivariate!.Tested.Should().BeFalse();
        ofOne.Multivariate.NotTested.Should().Contain("too few rows");
        cvm["x"]!.NotTested.Should().Contain("at least two values");
    }

    [Fact]
    public void Constant_columns_compare_by_value()
    {
        var reference = Frame.FromArrays(("dose", Enumerable.Repeat(5.0, 2000).ToArray()), ("site", Enumerable.Repeat("a", 2000).ToArray()));
        var same = Frame.FromArrays(("dose", Enumerable.Repeat(5.0, 500).ToArray()), ("site", Enumerable.Repeat("a", 500).ToArray()));
        var moved = Frame.FromArrays(("dose", Enumerable.Repeat(6.0, 500).ToArray()), ("site", Enumerable.Repeat("b", 500).ToArray()));

        foreach (var method in new[] { DriftMethod.Auto, DriftMethod.Psi, DriftMethod.Wasserstein, DriftMethod.KolmogorovSmirnov, DriftMethod.AndersonDarling, DriftMethod.CramerVonMises, DriftMethod.LInfinity })
        {
            var options = new DriftOptions { Method = method };
            var unchanged = DataDrift.Detect(reference, same, options);
            var changed = DataDrift.Detect(reference, moved, options);

            unchanged["dose"]!.Drifted.Should().BeFalse($"{method}: {unchanged["dose"]}");
            unchanged["site"]!.Drifted.Should().BeFalse($"{method}: {unchanged["site"]}");
            changed["dose"]!.Drifted.Should().BeTrue($"{method}: {changed["dose"]}");
            changed["site"]!.Drifted.Should().BeTrue($"{method}: {changed["site"]}");
            double.IsNaN(changed["dose"]!.Score).Should().BeFalse();
        }
    }

    [Fact]
    public void A_baseline_refuses_empty_data_and_unknown_role_columns_with_clear_errors()
    {
        var empty = () => Baseline.Fit(Reference.Take(Array.Empty<int>()));
        var unknown = () => Baseline.Fit(Reference, new BaselineOptions { Target = "outcome" });
        var notTime = () => Baseline.Fit(Reference, new BaselineOptions { Timestamp = "x" });
        var everything = () => Baseline.Fit(Reference, new BaselineOptions { Exclude = ["x", "color", "flag"] });

        empty.Should().Throw<ArgumentException>().WithMessage("*no rows*");
        unknown.Should().Throw<ColumnNotFoundException>().WithMessage("*outcome*");
        notTime.Should().Throw<ArgumentException>().WithMessage("*timestamp column 'x'*");
        everything.Should().Throw<ArgumentException>().WithMessage("*every column*excluded*");
    }

    [Fact]
    public void Bad_options_are_refused_before_any_work()
    {
        var baseline = Baseline.Fit(Reference);

        var share = () => new ModelMonitor(baseline, new MonitorOptions { Drift = new DriftOptions { DriftShare = 0 } });
        var threshold = () => DataDrift.Detect(baseline, Reference, new DriftOptions { Threshold = -1 });
        var quality = () => new ModelMonitor(baseline, new MonitorOptions { Quality = new QualityOptions { OutOfRangeShare = 2 } });
        var window = () => new ModelMonitor(baseline).Check(Reference.Copy().Add(new DateTimeColumn("t", Enumerable.Repeat<DateTime?>(DateTime.UnixEpoch, 300).ToArray())), "t", TimeSpan.Zero);

        share.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*drift share*");
        threshold.Should().Throw<ArgumentException>().WithMessage("*negative*");
        quality.Should().Throw<ArgumentException>();
        window.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*window*positive*");
    }
}
