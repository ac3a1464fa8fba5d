using Workbench.Registry;

namespace Workbench.Cli.Tests.Tracking;

public sealed class ModelsCommandsTests : IDisposable
{
    private readonly StoreCliFixture _f = new();

    public void Dispose() => _f.Dispose();

    private ModelRegistry Registry => ModelRegistry.Open(_f.Home, createIfMissing: false);

    [Fact]
    public void Register_approve_and_reject_keep_the_audit_trail()
    {
        _f.Cli("models", "register", "readmission", "--run", _f.RunIds["mid"], "--description", "mid lr").ExitCode.Should().Be(0);

        _f.Cli("models", "approve", "readmission", "-v", "2", "--reason", "review ok", "--by", "dr-lee").Output.Should().Contain("PendingManualApproval -> Approved by dr-lee");
        _f.Cli("models", "reject", "readmission", "--version", "v2", "--reason", "drift", "--by", "ops").ExitCode.Should().Be(0);

        Registry.GetApprovalHistory("readmission", 2).Select(e => (e.Status, e.By, e.Reason)).Should().Equal(
            (ApprovalStatus.PendingManualApproval, Environment.UserName, "registered"),
            (ApprovalStatus.Approved, "dr-lee", "review ok"),
            (ApprovalStatus.Rejected, "ops", "drift"));
        Registry.GetVersion("readmission", 2).Description.Should().Be("mid lr");
    }

    [Fact]
    public void Approve_without_a_reason_is_a_usage_error_and_a_missing_version_changes_nothing()
    {
        _f.Cli("models", "approve", "readmission", "-v", "1").ExitCode.Should().NotBe(0);
        var (exit, _, error) = _f.Cli("models", "approve", "readmission", "-v", "9", "--reason", "x");

        exit.Should().Be(1);
        error.Should().Contain("no version 9");
        Registry.GetApprovalHistory("readmission").Should().ContainSingle();
    }

    [Fact]
    public void Promote_records_the_decision_and_can_gate_CI()
    {
        _f.Cli("models", "register", "readmission", "--run", _f.RunIds["mid"]).ExitCode.Should().Be(0);
        _f.Cli("models", "register", "readmission", "--run", _f.RunIds["fast"]).ExitCode.Should().Be(0);
        var args = new[] { "models", "promote", "readmission", "--metric", "auc", "--evaluation-set", StoreCliFixture.Holdout, "--min-delta", "0.01" };

        _f.Cli([.. args, "-v", "1"]).Output.Should().StartWith("promoted: readmission v1 -> champion");
        _f.Cli([.. args, "-v", "2"]).Output.Should().Contain("promoted: readmission v2").And.Contain("0.86 vs 0.84");
        var refused = _f.Cli([.. args, "-v", "3", "--fail-if-not-promoted"]);

        refused.ExitCode.Should().Be(2);
        refused.Output.Should().StartWith("not promoted: readmission v3");
        Registry.GetVersionByAlias("readmission", "champion").Version.Should().Be(2);
        Registry.GetPromotionHistory("readmission").Select(d => d.Promoted).Should().Equal(true, true, false);
        var json = _f.Json("models", "show", "readmission");
        json.GetProperty("promotions").GetArrayLength().Should().Be(3);
        json.GetProperty("alias_history").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public void Aliases_are_set_moved_and_deleted_with_reasons()
    {
        _f.Cli("models", "register", "readmission", "--run", _f.RunIds["mid"]).ExitCode.Should().Be(0);

        _f.Cli("models", "alias", "set", "readmission", "challenger", "1", "--reason", "shadow").Output.Should().Contain("(none) -> v1");
        _f.Cli("models", "alias", "set", "readmission", "challenger", "latest").Output.Should().Contain("v1 -> v2");
        _f.Cli("models", "alias", "delete", "readmission", "challenger", "--reason", "done").ExitCode.Should().Be(0);

        Registry.GetAliasHistory("readmission").Select(e => e.Reason).Should().Equal("shadow", "", "done");
        var (exit, _, error) = _f.Cli("models", "show", "readmission", "-v", "challenger");
        exit.Should().Be(1);
        error.Should().Contain("no alias 'challenger'");
    }

    [Fact]
    public void Show_a_version_gives_its_lineage()
    {
        var version = _f.Json("models", "show", "readmission", "-v", "latest");

        version.GetProperty("lineage").GetProperty("run_id").GetString().Should().Be(_f.RunIds["slow"]);
        version.GetProperty("lineage").GetProperty("params").GetProperty("lr").GetString().Should().Be("0.001");
        version.GetProperty("lineage").GetProperty("datasets")[0].GetProperty("fingerprint").GetString().Should().Be(StoreCliFixture.Holdout);
        version.GetProperty("approval_history").GetArrayLength().Should().Be(1);
        _f.Cli("models", "show", "readmission", "-v", "1").Output.Should().Contain("lineage").And.Contain("holdout");
    }

    [Fact]
    public void Export_then_import_into_another_home_verifies_and_registers()
    {
        var archive = Path.Combine(_f.Folder, "out", "model.tar.gz");
        var other = Path.Combine(_f.Folder, "other-home");

        _f.Cli("models", "export", "readmission", "-v", "1", "-o", archive).ExitCode.Should().Be(0);
        var imported = Workbench.Cli.Program.BuildRootCommand().Parse(["models", "import", archive, "--name", "readmission-prod", "--home", other])
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });

        imported.Should().Be(0);
        File.Exists(archive).Should().BeTrue();
        var version = ModelRegistry.Open(other, createIfMissing: false).GetVersion("readmission-prod", 1);
        version.Files.Single().Path.Should().Be("model.bin");
    }

    [Fact]
    public void List_shows_models_with_aliases()
    {
        _f.Cli("models", "alias", "set", "readmission", "champion", "1").ExitCode.Should().Be(0);

        var (exit, output, _) = _f.Cli("models", "list");

        exit.Should().Be(0);
        output.Should().Contain("readmission").And.Contain("champion -> v1").And.Contain("1 model(s)");
    }
}
