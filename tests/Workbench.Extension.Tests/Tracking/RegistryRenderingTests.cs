using Workbench.Registry;

namespace Workbench.Extension.Tests.Tracking;

public sealed class RegistryRenderingTests : IDisposable
{
    private readonly TrackingRenderingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_model_version_shows_approval_aliases_lineage_and_files()
    {
        var runId = _f.Train("gbm", 0.05, 0.2);
        var version = _f.Registry.RegisterModel("readmission", runId);
        _f.Registry.Approve("readmission", version.Version, "reviewed");
        _f.Registry.SetAlias("readmission", "champion", version.Version);

        var document = _f.Document(_f.Registry.GetVersion("readmission", 1));

        document.QuerySelector(".wb-badge.wb-good")!.TextContent.Should().Be("Approved");
        document.QuerySelector(".wb-alias")!.TextContent.Should().Be("@champion");
        var lineage = document.QuerySelector(".wb-lineage")!.TextContent;
        lineage.Should().Contain(runId).And.Contain("evaluation data holdout").And.Contain("feature pipeline pipeline.json");
        document.QuerySelectorAll("tbody tr").Select(r => r.Children[0].TextContent).Should().BeEquivalentTo("model.bin", "pipeline.json");
    }

    [Fact]
    public void The_lineage_view_adds_the_producing_run()
    {
        var runId = _f.Train("gbm", 0.05, 0.2);
        var version = _f.Registry.RegisterModel("readmission", runId);

        var document = _f.Document(_f.Registry.GetLineage("readmission", version.Version));

        document.QuerySelectorAll("caption").Select(c => c.TextContent).Should().Contain(["Parameters", "Metrics (latest)", "Datasets"]);
        document.Body!.TextContent.Should().Contain("gbm");
    }

    [Fact]
    public void The_registry_overview_lists_every_model_and_its_versions()
    {
        var first = _f.Train("a", 0.05, 0.2);
        _f.Registry.RegisterModel("readmission", first);
        _f.Registry.RegisterModel("readmission", _f.Train("b", 0.01, 0.1));
        _f.Registry.RegisterModel("sepsis", first);
        _f.Registry.Reject("readmission", 1, "leak");
        _f.Registry.SetAlias("readmission", "champion", 2);

        var document = _f.Document(_f.Registry.Overview());

        var models = document.QuerySelectorAll(".wb-model");
        models.Should().HaveCount(2);
        models[0].QuerySelectorAll("tbody tr").Select(r => r.Children[0].TextContent).Should().Equal("v2", "v1");
        models[0].QuerySelector("tbody tr:last-child .wb-bad")!.TextContent.Should().Be("Rejected");
        models[0].TextContent.Should().Contain("champion → v2");
        models[1].QuerySelectorAll("tbody tr").Should().ContainSingle();
    }
}
