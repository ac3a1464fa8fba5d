using Workbench.Data;
using Workbench.Monitoring;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Policy;
using Workbench.Tests.Tracking;

namespace Workbench.Tests.Monitoring;

/// <summary>Each tier of the retraining policy on batches built for it; the callbacks; the decision recorded in the tracker.</summary>
public sealed class RetrainingPolicyTests
{
    private static readonly Baseline Reference = Baseline.Fit(MonitoringSamples.Table(500, seed: 1));

    /// <summary>The reference's x column with one of the three features shifted: a third of the features drift.</summary>
    private static Frame OneThirdShifted()
    {
        var same = MonitoringSamples.Table(400, seed: 11);
        var shifted = MonitoringSamples.Table(400, seed: 21, shift: true);
        return same.Copy().Remove("x").Add(shifted["x"]);
    }

    private static ModelMonitor Monitor(RetrainingPolicy? policy = null) => new(Reference) { Policy = policy ?? new RetrainingPolicy() };

    [Fact]
    public void An_unchanged_batch_leads_to_none()
    {
        var report = Monitor().Check(MonitoringSamples.Table(400, seed: 11), "same");

        report.Tier.Should().Be(RetrainingTier.None);
        report.Decision.Evidence.Should().BeEmpty();
        report.Decision.Summary.Should().Be("every signal is below its threshold");
        report.ActionTaken.Should().StartWith("no action");
    }

    [Fact]
    public void A_moderate_drift_share_leads_to_retrain_and_a_wholesale_one_to_escalate()
    {
        var moderate = Monitor().Check(OneThirdShifted());
        var wholesale = Monitor().Check(MonitoringSamples.Table(400, seed: 21, shift: true));

        moderate.Drift.DriftShare.Should().BeApproximately(1.0 / 3, 1e-12);
        moderate.Tier.Should().Be(RetrainingTier.Retrain);
        moderate.Decision.Evidence.Should().Contain(e => e.Signal == "drift_share" && e.Tier == RetrainingTier.Retrain && e.Threshold == 0.25);
        wholesale.Tier.Should().Be(RetrainingTier.Escalate);
        wholesale.Decision.Evidence.Should().Contain(e => e.Signal == "drift_share" && e.Tier == RetrainingTier.Escalate && e.Observed == 1);
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        // The shifted column also puts 4 % of its values past the reference's maximum: tolerated here, so drift alone decides.
        var lenient = new ModelMonitor(Reference, new MonitorOptions { Quality = new() { OutOfRangeShare = 0.1 } })
        {
            Policy = new RetrainingPolicy { RetrainDriftShare = 0.5, RetrainOnMultivariateDrift = false },
        }.Check(OneThirdShifted());
        var strict = Monitor(new RetrainingPolicy { EscalateDriftShare = 0.3 }).Check(OneThirdShifted());

        lenient.Tier.Should().Be(RetrainingTier.None, string.Join("; ", lenient.Decision.Evidence));
        strict.Tier.Should().Be(RetrainingTier.Escalate);
    }

    [Fact]
    public void A_critical_quality_failure_escalates_and_a_minor_one_retrains()
    {
        var batch = MonitoringSamples.Table(400, seed: 11);
        var missingColumn = Monitor().Check(batch.Drop("color"));
        var newLabel = batch.Copy().Remove("color").Add(new StringColumn("color", MonitoringSamples.Labels(400, [("red", 0.48), ("green", 0.3), ("blue", 0.2), ("teal", 0.02)], 12)));
        var minor = Monitor(new RetrainingPolicy { RetrainDriftShare = 0.5 }).Check(newLabel);
        var ignored = Monitor(new RetrainingPolicy { RetrainDriftShare = 0.5, RetrainOnMinorFailures = false, RetrainOnMultivariateDrift = false }).Check(newLabel);

        missingColumn.Tier.Should().Be(RetrainingTier.Escalate);
        missingColumn.Decision.Evidence[0].Signal.Should().Be("quality_critical");
        missingColumn.Decision.Summary.Should().Contain("color");
        minor.Tier.Should().Be(RetrainingTier.Retrain);
        minor.Decision.Evidence.Should().Contain(e => e.Signal == "quality_minor" && e.Explanation.Contains("teal"));
        ignored.Tier.Should().Be(RetrainingTier.None, string.Join("; ", ignored.Decision.Evidence));
    }

    [Fact]
    public void Several_major_quality_failures_escalate_and_fewer_retrain()
    {
        var batch = MonitoringSamples.Table(400, seed: 11);
        Frame Holes(Frame frame, string column) => frame.Copy().Remove(column).Add(new StringColumn(column,
            Enumerable.Range(0, frame.RowCount).Select(i => i % 4 == 0 ? null : frame[column].Format(i)).ToArray()));
        var one = Holes(batch, "x");
        var three = Holes(Holes(one, "color"), "flag");

        Monitor(new RetrainingPolicy { RetrainOnMultivariateDrift = false }).Check(one).Tier.Should().Be(RetrainingTier.Retrain);
        var report = Monitor().Check(three);
        report.Quality.Major.Should().Be(3);
        report.Tier.Should().Be(RetrainingTier.Escalate);
        report.Decision.Evidence.Should().Contain(e => e.Signal == "quality_major" && e.Tier == RetrainingTier.Escalate);
    }

    [Fact]
    public void Model_metrics_degrading_retrain_a_little_and_escalate_a_lot()
    {
        // Large enough that the RMSE's sampling error (about 1 %) stays below the 2 % that retrains.
        var baseline = Baseline.Fit(Regression(8000, extraError: 0, seed: 1), new BaselineOptions { Target = "outcome", Prediction = "predicted" });
        var monitor = new ModelMonitor(baseline) { Policy = new RetrainingPolicy { RetrainOnPredictionDrift = false, RetrainOnMultivariateDrift = false } };

        var same = monitor.Check(Regression(8000, extraError: 0, seed: 2));
        // RMSE sqrt(0.5² + 0.15²) ≈ 0.522: 4 % worse, between 2 % (retrain) and 10 % (escalate).
        var worse = monitor.Check(Regression(8000, extraError: 0.15, seed: 2));
        var broken = monitor.Check(Regression(8000, extraError: 1.0, seed: 2));

        baseline.ModelMetrics["rmse"].Should().BeApproximately(0.5, 0.05);
        same.ModelQuality!["rmse"]!.Current.Should().BeApproximately(0.5, 0.05);
        same.Decision.Evidence.Should().NotContain(e => e.Signal.StartsWith("metric:", StringComparison.Ordinal), string.Join("; ", same.Decision.Evidence));
        worse.Decision.Evidence.Should().Contain(e => e.Signal == "metric:rmse" && e.Tier == RetrainingTier.Retrain, string.Join("; ", worse.Decision.Evidence));
        broken.Tier.Should().Be(RetrainingTier.Escalate);
        broken.Decision.Evidence.Should().Contain(e => e.Signal == "metric:rmse" && e.Tier == RetrainingTier.Escalate);
    }

    /// <summary>outcome = x + N(0, 0.5); predicted = x, plus N(0, extraError) of extra error.</summary>
    private static Frame Regression(int rows, double extraError, int seed)
    {
        var x = MonitoringSamples.Normal(rows, 0, 1, seed);
        var noise = MonitoringSamples.Normal(rows, 0, 0.5, seed + 1);
        var error = MonitoringSamples.Normal(rows, 0, 1, seed + 2);
        return Frame.FromArrays(
            ("x", x),
            ("outcome", x.Zip(noise, (a, b) => a + b).ToArray()),
            ("predicted", x.Zip(error, (a, e) => a + (extraError * e)).ToArray()));
    }

    [Fact]
    public void The_tier_s_callback_acts_and_a_failing_callback_is_recorded_not_thrown()
    {
        MonitoringReport? seen = null;
        var acting = new ModelMonitor(Reference) { OnRetrain = report => { seen = report; return "retraining job 42 queued"; } };
        var failing = new ModelMonitor(Reference) { OnEscalate = _ => throw new InvalidOperationException("pager unreachable") };

        var retrain = acting.Check(OneThirdShifted(), "moderate");
        var escalate = failing.Check(MonitoringSamples.Table(400, seed: 21, shift: true));
        var none = acting.Check(MonitoringSamples.Table(400, seed: 11));

        seen.Should().BeSameAs(retrain);
        retrain.ActionTaken.Should().Be("retraining job 42 queued");
        escalate.Tier.Should().Be(RetrainingTier.Escalate);
        escalate.ActionTaken.Should().Be("escalate callback failed: InvalidOperationException: pager unreachable");
        none.ActionTaken.Should().StartWith("no action");
        new ModelMonitor(Reference).Check(OneThirdShifted()).ActionTaken.Should().Be("retrain recommended; no retrain callback is registered");
    }

    [Fact]
    public void Each_decision_is_recorded_as_a_run_of_the_monitoring_experiment()
    {
        using var home = new TrackingHome();
        var monitor = new ModelMonitor(Reference) { Tracker = home.Tracker, OnRetrain = _ => "queued" };

        var report = monitor.Check(OneThirdShifted(), "2025-01-07");

        var run = home.Tracker.GetRun(report.RunId!);
        home.Tracker.SearchRuns(experiments: ["monitoring"]).Select(r => r.RunId).Should().Contain(report.RunId);
        run.Tag("monitoring.tier").Should().Be("retrain");
        run.Tag("monitoring.batch").Should().Be("2025-01-07");
        run.Tag("monitoring.action").Should().Be("queued");
        run.Tag("monitoring.decision").Should().Be(report.Decision.Summary);
        run.Tag("monitoring.evidence.1").Should().Be(report.Decision.Evidence[0].ToString());
        run.Metric("drift_share").Should().BeApproximately(1.0 / 3, 1e-12);
        run.Metric("tier").Should().Be(1);
        run.Param("policy_retrain_drift_share").Should().Be("0.25");
        run.Artifacts.Select(a => a.Path).Should().Contain(["report.json", "constraint_violations.json"]);
        home.Tracker.ReadArtifactText(run.RunId, "report.json").Should().Contain("\"tier\"");
    }
}
