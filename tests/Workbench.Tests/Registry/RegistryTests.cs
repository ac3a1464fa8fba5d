using Workbench.Registry;
using Workbench.Tracking;
using Workbench.Tracking.Artifacts;

namespace Workbench.Tests.Registry;

public sealed class RegistryTests : IDisposable
{
    private readonly RegistryFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_version_freezes_the_model_files_pipeline_schema_and_signature_from_its_run()
    {
        var runId = _f.TrainRun(0.9);

        var version = _f.Registry.RegisterModel("readmission", runId, description: "first try");

        version.Version.Should().Be(1);
        version.RunId.Should().Be(runId);
        version.ApprovalStatus.Should().Be(ApprovalStatus.PendingManualApproval);
        version.Description.Should().Be("first try");
        version.Files.Select(f => (f.Path, f.Role)).Should().BeEquivalentTo(new[]
        {
            ("weights.bin", ModelFileRole.Model),
            ("nested/config.json", ModelFileRole.Model),
            ("pipeline.json", ModelFileRole.FeaturePipeline),
            ("schema.json", ModelFileRole.Schema),
            ("signature.json", ModelFileRole.Signature),
        });
        var run = _f.Tracker.GetRun(runId);
        version.Files.Single(f => f.Path == "weights.bin").Sha256.Should().Be(run.Artifacts.Single(a => a.Path == "model/weights.bin").Sha256);
        version.Inputs.Select(i => i.Context).Should().BeEquivalentTo("training", "evaluation");
        _f.Registry.GetModel("readmission").Should().BeEquivalentTo(new { Name = "readmission", LatestVersion = 1, VersionCount = 1 });
    }

    [Fact]
    public void Versions_number_up_from_one_per_model()
    {
        _f.Register(0.8).Version.Should().Be(1);
        _f.Register(0.85).Version.Should().Be(2);
        _f.Registry.RegisterModel("sepsis", _f.TrainRun(0.7)).Version.Should().Be(1);

        _f.Registry.ListVersions("readmission").Select(v => v.Version).Should().Equal(1, 2);
        _f.Registry.ListModels().Select(m => m.Name).Should().Equal("readmission", "sepsis");
    }

    [Fact]
    public void Versions_resolve_by_number_v_number_latest_and_alias()
    {
        _f.Register(0.8);
        _f.Register(0.85);
        _f.Registry.SetAlias("readmission", "champion", 1);

        _f.Registry.ResolveVersion("readmission", "2").Version.Should().Be(2);
        _f.Registry.ResolveVersion("readmission", "v1").Version.Should().Be(1);
        _f.Registry.ResolveVersion("readmission", "latest").Version.Should().Be(2);
        _f.Registry.ResolveVersion("readmission", "champion").Version.Should().Be(1);
    }

    [Fact]
    public void A_run_without_a_model_is_refused_naming_its_artifacts_and_nothing_is_stored()
    {
        var runId = _f.Tracker.Run("readmission", run => run.LogText("notes", "notes.txt")).RunId;
        var before = _f.Home.Dump();

        var register = () => _f.Registry.RegisterModel("readmission", runId);

        register.Should().Throw<InvalidOperationException>().WithMessage($"*{runId} has no model at 'model'*notes.txt (text)*LogModel*");
        _f.Home.Dump().Should().Be(before);
    }

    [Fact]
    public void Unknown_runs_models_and_versions_are_clear_errors()
    {
        _f.Register(0.8);

        ((Action)(() => _f.Registry.RegisterModel("readmission", "no-such-run"))).Should().Throw<RunNotFoundException>();
        ((Action)(() => _f.Registry.GetModel("readmision"))).Should().Throw<ModelNotFoundException>().WithMessage("*'readmision'*Registered models: readmission*");
        ((Action)(() => _f.Registry.GetVersion("readmission", 7))).Should().Throw<ModelVersionNotFoundException>().WithMessage("*no version 7*1 to 1*");
        ((Action)(() => _f.Registry.ResolveVersion("readmission", "v9"))).Should().Throw<ModelVersionNotFoundException>();
        ((Action)(() => _f.Registry.CreateModel("bad name!"))).Should().Throw<ArgumentException>().WithMessage("*'bad name!'*");
    }

    [Fact]
    public void Two_files_with_one_place_in_the_layout_are_refused()
    {
        var runId = _f.Tracker.Run("readmission", run =>
        {
            run.LogText("w", "model/schema.json", ArtifactKind.Model);
            run.LogText("{}", "other/schema.json", ArtifactKind.Schema);
        }).RunId;

        var register = () => _f.Registry.RegisterModel("readmission", runId);

        register.Should().Throw<InvalidOperationException>().WithMessage("*'other/schema.json' and 'model/schema.json' would both be 'schema.json'*");
    }

    [Fact]
    public void A_model_file_named_metadata_json_is_refused()
    {
        var runId = _f.Tracker.Run("readmission", run => run.LogText("{}", "model/metadata.json", ArtifactKind.Model)).RunId;

        var register = () => _f.Registry.RegisterModel("readmission", runId);

        register.Should().Throw<InvalidOperationException>().WithMessage("*reserves*");
    }

    [Fact]
    public void A_corrupt_model_artifact_blocks_registration_and_nothing_is_stored()
    {
        var runId = _f.TrainRun(0.9);
        var weights = _f.Tracker.GetRun(runId).Artifacts.Single(a => a.Path == "model/weights.bin");
        File.WriteAllText(((LocalArtifactStore)_f.Tracker.Artifacts).ObjectPath(weights.Sha256), "bit rot");
        var before = _f.Home.Dump();

        var register = () => _f.Registry.RegisterModel("readmission", runId);

        register.Should().Throw<ArtifactCorruptedException>().WithMessage($"*{runId}/model/weights.bin*{weights.Sha256}*");
        _f.Home.Dump().Should().Be(before);
    }

    [Fact]
    public void Lineage_goes_from_version_to_run_parent_datasets_and_feature_pipeline()
    {
        using var sweep = _f.Tracker.StartRun("readmission", "sweep");
        var runId = _f.TrainRun(0.9, parent: sweep);
        sweep.End();
        var version = _f.Registry.RegisterModel("readmission", runId);

        var lineage = _f.Registry.GetLineage("readmission", version.Version);

        lineage.Run!.RunId.Should().Be(runId);
        lineage.Run.Param("lr").Should().Be("0.01");
        lineage.ParentRun!.RunId.Should().Be(sweep.RunId);
        lineage.Datasets.Select(d => d.Fingerprint).Should().BeEquivalentTo(RegistryFixture.TrainingSet, RegistryFixture.HoldoutSet);
        lineage.FeaturePipeline.Should().ContainSingle().Which.SourcePath.Should().Be("features/pipeline.json");
        _f.Registry.FindVersionsByDataset(RegistryFixture.TrainingSet).Should().ContainSingle().Which.Version.Should().Be(version.Version);
        _f.Registry.FindVersionsByDataset(RegistryFixture.OtherSet).Should().BeEmpty();
    }

    [Fact]
    public void Descriptions_and_tags_are_kept_on_models_and_versions()
    {
        _f.Register(0.8);
        _f.Registry.SetModelDescription("readmission", "30-day readmission risk");
        _f.Registry.SetModelTag("readmission", "owner", "care-analytics");
        _f.Registry.SetVersionDescription("readmission", 1, "gradient boosting");
        _f.Registry.SetVersionTag("readmission", 1, "validated_by", "dr-lee");

        _f.Registry.GetModel("readmission").Should().BeEquivalentTo(new { Description = "30-day readmission risk" });
        _f.Registry.GetModel("readmission").Tags.Should().Contain("owner", "care-analytics");
        var version = _f.Registry.GetVersion("readmission", 1);
        version.Description.Should().Be("gradient boosting");
        version.Tags.Should().Contain("validated_by", "dr-lee");
        ((Action)(() => _f.Registry.Store.DeleteModelTag("readmission", "nope"))).Should().Throw<KeyNotFoundException>();
        ((Action)(() => _f.Registry.SetVersionTag("readmission", 5, "x", "y"))).Should().Throw<ModelVersionNotFoundException>();
    }

    [Fact]
    public void Version_files_read_back_verified()
    {
        var version = _f.Register(0.8, weights: "the weights");

        using var reader = new StreamReader(_f.Registry.OpenFile(version, "weights.bin"));

        reader.ReadToEnd().Should().Be("the weights");
        ((Action)(() => _f.Registry.OpenFile(version, "missing.bin"))).Should().Throw<FileNotFoundException>().WithMessage("*its files:*weights.bin*");
    }
}
