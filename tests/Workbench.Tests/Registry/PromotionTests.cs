using Workbench.Registry;

namespace Workbench.Tests.Registry;

public sealed class PromotionTests : IDisposable
{
    private readonly RegistryFixture _f = new();

    public void Dispose() => _f.Dispose();

    private PromotionRule Rule(double delta = 0.01, bool higherIsBetter = true, string metric = "auc") =>
        new(metric, RegistryFixture.HoldoutSet, delta, higherIsBetter);

    [Fact]
    public void The_first_candidate_takes_the_alias_when_nobody_holds_it()
    {
        var v1 = _f.Register(0.80);

        var decision = _f.Registry.Promote("readmission", v1.Version, Rule());

        decision.Promoted.Should().BeTrue();
        decision.ChampionVersion.Should().BeNull();
        decision.CandidateValue.Should().Be(0.80);
        _f.Registry.GetVersionByAlias("readmission", "champion").Version.Should().Be(1);
    }

    [Fact]
    public void A_candidate_better_by_at_least_delta_on_the_same_set_is_promoted_with_its_evidence()
    {
        _f.Registry.Promote("readmission", _f.Register(0.80).Version, Rule());
        var v2 = _f.Register(0.83);

        var decision = _f.Registry.Promote("readmission", v2.Version, Rule(delta: 0.02), by: "ci");

        decision.Should().BeEquivalentTo(new
        {
            Promoted = true, CandidateVersion = 2, ChampionVersion = (int?)1, CandidateValue = (double?)0.83, ChampionValue = (double?)0.80,
            Metric = "auc", MinImprovement = 0.02, EvaluationFingerprint = RegistryFixture.HoldoutSet, DecidedBy = "ci", Alias = "champion",
        });
        _f.Registry.GetVersionByAlias("readmission", "champion").Version.Should().Be(2);
        _f.Registry.GetAliasHistory("readmission").Last().Reason.Should().StartWith($"promotion decision #{decision.Id}:");
        _f.Registry.GetPromotionHistory("readmission").Should().HaveCount(2);
    }

    [Fact]
    public void A_candidate_not_better_by_delta_is_refused_and_the_refusal_recorded()
    {
        _f.Registry.Promote("readmission", _f.Register(0.80).Version, Rule());
        var v2 = _f.Register(0.805);

        var decision = _f.Registry.Promote("readmission", v2.Version, Rule(delta: 0.01));

        decision.Promoted.Should().BeFalse();
        decision.Reason.Should().Contain("< required 0.01");
        decision.ChampionValue.Should().Be(0.80);
        _f.Registry.GetVersionByAlias("readmission", "champion").Version.Should().Be(1);
        _f.Registry.GetPromotionHistory("readmission").Last().Should().Be(decision);
    }

    [Fact]
    public void Lower_is_better_metrics_promote_on_a_decrease()
    {
        _f.Registry.Promote("readmission", _f.Register(0.80).Version, Rule(metric: "log_loss", higherIsBetter: false));
        var v2 = _f.Register(0.90);

        var decision = _f.Registry.Promote("readmission", v2.Version, Rule(delta: 0.05, metric: "log_loss", higherIsBetter: false));

        decision.Promoted.Should().BeTrue("log loss fell from 0.2 to 0.1");
    }

    [Fact]
    public void Values_measured_on_different_evaluation_sets_are_not_compared()
    {
        _f.Registry.Promote("readmission", _f.Register(0.80, evaluationSet: RegistryFixture.OtherSet).Version,
            new PromotionRule("auc", RegistryFixture.OtherSet));
        var v2 = _f.Register(0.99);

        var decision = _f.Registry.Promote("readmission", v2.Version, Rule());

        decision.Promoted.Should().BeFalse();
        decision.ChampionValue.Should().BeNull();
        decision.Reason.Should().Contain("no value of 'auc' on the same evaluation set");
        _f.Registry.GetVersionByAlias("readmission", "champion").Version.Should().Be(1);
    }

    [Fact]
    public void A_candidate_without_the_metric_or_not_evaluated_on_the_set_is_refused()
    {
        var v1 = _f.Register(0.8, evaluationSet: RegistryFixture.OtherSet);

        var decision = _f.Registry.Promote("readmission", v1.Version, Rule());

        decision.Promoted.Should().BeFalse();
        decision.Reason.Should().Contain("candidate v1 has no value of 'auc'");
        var missing = () => _f.Registry.GetVersionByAlias("readmission", "champion");
        missing.Should().Throw<AliasNotFoundException>();
    }

    [Fact]
    public void Rejected_candidates_and_unapproved_ones_under_RequireApproval_are_refused()
    {
        var v1 = _f.Register(0.9);
        _f.Registry.Reject("readmission", v1.Version, "leaks the label");
        _f.Registry.Promote("readmission", v1.Version, Rule()).Reason.Should().Contain("is Rejected");

        var v2 = _f.Register(0.9);
        var strict = Rule() with { RequireApproval = true };
        _f.Registry.Promote("readmission", v2.Version, strict).Reason.Should().Contain("requires Approved");
        _f.Registry.Approve("readmission", v2.Version, "reviewed");
        _f.Registry.Promote("readmission", v2.Version, strict).Promoted.Should().BeTrue();
    }

    [Fact]
    public void Any_alias_can_be_the_target_of_a_rule()
    {
        var v1 = _f.Register(0.9);

        _f.Registry.Promote("readmission", v1.Version, Rule() with { Alias = "challenger" });

        _f.Registry.GetVersionByAlias("readmission", "challenger").Version.Should().Be(1);
    }

    [Fact]
    public void Bad_rules_are_refused_up_front()
    {
        ((Action)(() => new PromotionRule("auc", "holdout"))).Should().Throw<ArgumentException>().WithMessage("*evaluation set: 'holdout' is not a fingerprint*");
        ((Action)(() => new PromotionRule("auc", RegistryFixture.HoldoutSet, -0.1))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => _f.Registry.Promote("readmission", 1, Rule()))).Should().Throw<ModelNotFoundException>();
    }
}
