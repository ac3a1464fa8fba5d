using Workbench.Registry;

namespace Workbench.Tests.Registry;

public sealed class AliasAndApprovalTests : IDisposable
{
    private readonly RegistryFixture _f = new();

    public AliasAndApprovalTests()
    {
        _f.Register(0.8);
        _f.Register(0.85);
    }

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Moving_an_alias_is_recorded_with_the_previous_version_who_and_why()
    {
        _f.Registry.SetAlias("readmission", "champion", 1, "first model", by: "ana");
        _f.Registry.SetAlias("readmission", "champion", 2, "better AUC", by: "ben");
        _f.Registry.SetAlias("readmission", "challenger", 1, by: "ben");
        _f.Registry.DeleteAlias("readmission", "challenger", "experiment over", by: "ana");

        _f.Registry.GetVersionByAlias("readmission", "champion").Version.Should().Be(2);
        _f.Registry.GetModel("readmission").Aliases.Should().Equal(new Dictionary<string, int> { ["champion"] = 2 });
        _f.Registry.GetVersion("readmission", 2).Aliases.Should().Equal("champion");
        _f.Registry.GetAliasHistory("readmission").Select(e => (e.Alias, e.PreviousVersion, e.Version, e.By, e.Reason)).Should().Equal(
            ("champion", (int?)null, (int?)1, "ana", "first model"),
            ("champion", 1, 2, "ben", "better AUC"),
            ("challenger", null, 1, "ben", ""),
            ("challenger", 1, null, "ana", "experiment over"));
    }

    [Fact]
    public void An_alias_pointing_nowhere_is_a_clear_error_listing_the_aliases()
    {
        _f.Registry.SetAlias("readmission", "champion", 1);

        var get = () => _f.Registry.GetVersionByAlias("readmission", "prod");

        get.Should().Throw<AliasNotFoundException>().WithMessage("*no alias 'prod'*Its aliases: champion*");
        ((Action)(() => _f.Registry.DeleteAlias("readmission", "prod"))).Should().Throw<AliasNotFoundException>();
    }

    [Fact]
    public void An_alias_to_a_missing_version_changes_nothing()
    {
        _f.Registry.SetAlias("readmission", "champion", 1);
        var before = _f.Home.Dump();

        var set = () => _f.Registry.SetAlias("readmission", "champion", 9);

        set.Should().Throw<ModelVersionNotFoundException>();
        _f.Home.Dump().Should().Be(before);
    }

    [Fact]
    public void Operations_on_an_unknown_model_change_nothing()
    {
        var before = _f.Home.Dump();

        ((Action)(() => _f.Registry.SetAlias("unknown", "champion", 1))).Should().Throw<ModelNotFoundException>().WithMessage("*'unknown'*Registered models: readmission*");
        ((Action)(() => _f.Registry.SetModelTag("unknown", "k", "v"))).Should().Throw<ModelNotFoundException>();
        ((Action)(() => _f.Registry.SetModelDescription("unknown", "d"))).Should().Throw<ModelNotFoundException>();
        ((Action)(() => _f.Registry.Promote("unknown", 1, new PromotionRule("auc", RegistryFixture.HoldoutSet)))).Should().Throw<ModelNotFoundException>();

        _f.Home.Dump().Should().Be(before);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v3")]
    [InlineData("9lives")]
    [InlineData("has space")]
    public void Reserved_or_malformed_aliases_are_refused(string alias)
    {
        var set = () => _f.Registry.SetAlias("readmission", alias, 1);

        set.Should().Throw<ArgumentException>().WithMessage($"*'{alias}'*");
    }

    [Fact]
    public void Approval_changes_keep_an_audit_trail_of_who_when_and_why()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        _f.Registry.Approve("readmission", 1, "passed clinical review", by: "dr-lee");
        _f.Registry.Reject("readmission", 1, "drift on the new site", by: "ops");

        _f.Registry.GetVersion("readmission", 1).ApprovalStatus.Should().Be(ApprovalStatus.Rejected);
        var history = _f.Registry.GetApprovalHistory("readmission", 1);
        history.Select(e => (e.PreviousStatus, e.Status, e.By, e.Reason)).Should().Equal(
            ((ApprovalStatus?)null, ApprovalStatus.PendingManualApproval, Environment.UserName, "registered"),
            (ApprovalStatus.PendingManualApproval, ApprovalStatus.Approved, "dr-lee", "passed clinical review"),
            (ApprovalStatus.Approved, ApprovalStatus.Rejected, "ops", "drift on the new site"));
        history.Should().OnlyContain(e => e.At >= before && e.At <= DateTimeOffset.UtcNow.AddSeconds(1));
        _f.Registry.GetApprovalHistory("readmission").Should().HaveCount(4, "version 2's registration is in the model's history too");
    }

    [Fact]
    public void Setting_the_same_status_again_records_nothing()
    {
        _f.Registry.Approve("readmission", 1, "ok").Should().NotBeNull();

        _f.Registry.Approve("readmission", 1, "ok again").Should().BeNull();
        _f.Registry.GetApprovalHistory("readmission", 1).Should().HaveCount(2);
    }

    [Fact]
    public void An_approval_change_needs_a_reason_and_an_existing_version_and_otherwise_changes_nothing()
    {
        var before = _f.Home.Dump();

        ((Action)(() => _f.Registry.Approve("readmission", 1, " "))).Should().Throw<ArgumentException>().WithMessage("*reason*who, when and why*");
        ((Action)(() => _f.Registry.Approve("readmission", 3, "ok"))).Should().Throw<ModelVersionNotFoundException>();
        ((Action)(() => _f.Registry.Approve("unknown", 1, "ok"))).Should().Throw<ModelNotFoundException>();

        _f.Home.Dump().Should().Be(before);
    }

    [Fact]
    public void Approval_status_text_parses_as_users_type_it()
    {
        ApprovalStatusText.Parse("approved").Should().Be(ApprovalStatus.Approved);
        ApprovalStatusText.Parse("Pending").Should().Be(ApprovalStatus.PendingManualApproval);
        ((Action)(() => ApprovalStatusText.Parse("maybe"))).Should().Throw<FormatException>().WithMessage("*'maybe'*");
    }
}
