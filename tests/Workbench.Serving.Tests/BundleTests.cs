using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

public sealed class BundleTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Theory]
    [InlineData("registry")]
    [InlineData("alias")]
    [InlineData("archive")]
    [InlineData("folder")]
    public void Loads_every_reference_kind_and_predicts_like_the_training_data(string kind)
    {
        var reference = kind switch
        {
            "registry" => "models:/cancer/1",
            "alias" => "models:/cancer@champion",
            "archive" => Models.CancerArchive,
            _ => Models.CancerFolder,
        };
        using var bundle = ModelBundle.Load(reference, new ModelLoadOptions { WorkbenchHome = Models.Home });
        bundle.Layout.Count.Should().Be(30);
        var body = string.Join("\n", Enumerable.Range(0, 100).Select(Models.CancerCsvRow));
        var frame = RequestReader.Read(bundle, System.Text.Encoding.UTF8.GetBytes(body), DataFormat.Csv);
        var predictions = bundle.Predict(frame);
        var correct = Enumerable.Range(0, 100).Count(i => predictions.Label(i) == Models.CancerLabel(i));
        correct.Should().BeGreaterThan(90, "a logistic regression on breast cancer is above 95 % accurate on its training rows");
    }
}

public sealed class BundleIntegrityTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Fact]
    public void A_model_folder_with_a_changed_file_is_refused_naming_the_file()
    {
        using var copy = new Workbench.Testing.TempDirectory("tampered");
        foreach (var file in Directory.GetFiles(Models.CancerFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(Models.CancerFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var pipeline = Directory.GetFiles(copy.Path, "pipeline.json", SearchOption.AllDirectories).Single();
        File.AppendAllText(pipeline, " ");
        var act = () => ModelBundle.Load(copy.Path);
        act.Should().Throw<Workbench.Registry.Archive.ModelArchiveException>().WithMessage("*pipeline.json*does not match the manifest*Nothing was loaded*");
    }

    [Fact]
    public void A_corrupt_archive_is_refused_and_leaves_no_scratch_folder()
    {
        using var scratch = new Workbench.Testing.TempDirectory("scratch");
        using var bad = new Workbench.Testing.TempDirectory("bad-archive");
        var archive = Path.Combine(bad.Path, "model.tar.gz");
        var bytes = File.ReadAllBytes(Models.CancerArchive);
        File.WriteAllBytes(archive, bytes[..(bytes.Length / 2)]);
        var act = () => ModelBundle.Load(archive, new ModelLoadOptions { ScratchRoot = scratch.Path });
        act.Should().Throw<Exception>().WithMessage("*model.tar.gz*");
        Directory.GetDirectories(scratch.Path).Should().BeEmpty();
    }

    [Fact]
    public void Unknown_registry_references_name_what_exists()
    {
        var act = () => ModelBundle.Load("models:/cancer/9", new ModelLoadOptions { WorkbenchHome = Models.Home });
        act.Should().Throw<Exception>().WithMessage("*9*");
        var alias = () => ModelBundle.Load("models:/cancer@nobody", new ModelLoadOptions { WorkbenchHome = Models.Home });
        alias.Should().Throw<Exception>().WithMessage("*nobody*");
        var format = () => ModelReference.Parse("models:/cancer");
        format.Should().Throw<FormatException>().WithMessage("*models:/<name>/<version>*");
    }
}

/// <summary>A model folder without metadata.json (files found by content) holding an MLP, which keeps per-call state.</summary>
public sealed class MlpFolderTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Fact]
    public async Task An_mlp_in_a_plain_folder_is_found_by_content_and_serves_concurrent_requests_correctly()
    {
        using var folder = new Workbench.Testing.TempDirectory("mlp-folder");
        var pipeline = new Workbench.Features.FeaturePipeline().Add("scaled", Workbench.Features.ColumnSelector.Numeric(), new Workbench.Features.StandardScaler());
        var matrix = pipeline.FitTransform(Models.Cancer, "diagnosis");
        var labels = Enumerable.Range(0, Models.Cancer.RowCount).Select(Models.CancerLabel).ToArray();
        var mlp = new Workbench.Learning.Estimators.MlpClassifier { HiddenLayerSizes = [16], MaxEpochs = 30 }.Fit(matrix.Dense!, labels);
        Workbench.Learning.Persistence.ModelFile.Save(mlp, folder.File("classifier.wbm"));
        pipeline.Save(folder.File("features.json"));

        using var bundle = ModelBundle.Load(folder.Path);
        bundle.Predictor.IsThreadSafe.Should().BeFalse();
        bundle.Metadata.Should().BeNull();
        bundle.Pipeline.Should().NotBeNull();
        var rows = Enumerable.Range(0, 40).Select(Models.CancerCsvRow).ToArray();
        var expected = bundle.Predict(RequestReader.Read(bundle, System.Text.Encoding.UTF8.GetBytes(string.Join("\n", rows)), DataFormat.Csv)).Probabilities!;

        await using var live = await LiveEndpoint.StartAsync(new Workbench.Serving.Hosting.VariantOptions("mlp", folder.Path));
        await Parallel.ForEachAsync(Enumerable.Range(0, 120), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
        {
            var start = i % 30;
            var (status, body, _) = await live.CallAsync(string.Join("\n", rows.Skip(start).Take(10)), accept: "text/csv", path: "/invocations?probabilities=true");
            status.Should().Be(200, body);
            var lines = body.TrimEnd('\n').Split('\n');
            for (var r = 0; r < 10; r++)
            {
                double.Parse(lines[r].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(expected[((start + r) * 2) + 1], 1e-6);
            }
        });
    }
}

/// <summary>A model served without a schema: the pipeline's own refusal becomes a 400 naming the column.</summary>
public sealed class PipelineRejectionTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Fact]
    public async Task An_unseen_category_refused_by_the_pipeline_is_a_400_in_the_endpoint_and_a_failed_line_in_batch()
    {
        using var folder = new Workbench.Testing.TempDirectory("strict-folder");
        var frame = Models.Patients;
        var pipeline = new Workbench.Features.FeaturePipeline()
            .Add("numeric", Workbench.Features.ColumnSelector.Numeric(), new Workbench.Features.SimpleImputer(Workbench.Features.ImputeStrategy.Median))
            .Add("categorical", Workbench.Features.ColumnSelector.Categorical(), new Workbench.Features.OneHotEncoder { HandleUnknown = Workbench.Features.UnknownCategoryPolicy.Error });
        var matrix = pipeline.FitTransform(frame, "readmitted_30d");
        var labels = Enumerable.Range(0, frame.RowCount).Select(i => int.Parse(frame["readmitted_30d"].Format(i)!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        new Workbench.Learning.Estimators.LogisticRegression().Fit(matrix.Dense!, labels).Save(folder.File("model.wbm"));
        pipeline.Save(folder.File("pipeline.json"));

        await using var live = await LiveEndpoint.StartAsync(new Workbench.Serving.Hosting.VariantOptions("strict", folder.Path));
        var row = new { age = 63, sex = "X", bmi = 30.1, smoker = "never", systolic_bp = 120, admission_type = "urgent", num_prior_admissions = 1 };
        var (status, body, _) = await live.CallAsync(System.Text.Json.JsonSerializer.Serialize(new { instances = new[] { row } }), "application/json");
        status.Should().Be(400, body);
        body.Should().Contain("rejected_by_model").And.Contain("'sex'");
        (await live.CallAsync(System.Text.Json.JsonSerializer.Serialize(new { instances = new[] { row with { sex = "F" } } }), "application/json")).Status.Should().Be(200);

        using var batch = new Workbench.Testing.TempDirectory("strict-batch");
        Directory.CreateDirectory(batch.File("in"));
        File.WriteAllLines(batch.File("in/rows.jsonl"), [System.Text.Json.JsonSerializer.Serialize(row with { sex = "F" }), System.Text.Json.JsonSerializer.Serialize(row)]);
        var result = await Workbench.Serving.Batch.BatchTransform.RunAsync(new Workbench.Serving.Batch.BatchTransformOptions(folder.Path, batch.File("in"), batch.File("out"))
        {
            ContentType = "application/jsonlines",
            Strategy = Workbench.Serving.Batch.BatchStrategy.SingleRecord,
        });
        result.Failed.Should().Be(1);
        result.Files[0].Error.Should().Contain("rows.jsonl, line 2").And.Contain("'sex'");
    }
}

/// <summary>A model logged the way notebook 03 logs it (run.LogModel with its pipeline and schema) serves as registered.</summary>
public sealed class LoggedModelServingTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Fact]
    public async Task A_version_logged_with_LogModel_pipeline_and_schema_is_served_with_both()
    {
        using var home = new Workbench.Testing.TempDirectory("logged-home");
        var pipeline = new Workbench.Features.FeaturePipeline().Add("scaled", Workbench.Features.ColumnSelector.Numeric(), new Workbench.Features.StandardScaler());
        var matrix = pipeline.FitTransform(Models.Cancer, "diagnosis");
        var labels = Enumerable.Range(0, Models.Cancer.RowCount).Select(Models.CancerLabel).ToArray();
        var model = new Workbench.Learning.Estimators.LogisticRegression().Fit(matrix.Dense!, labels);
        var schema = Workbench.Features.Validation.DataSchema.Infer(Models.Cancer, new Workbench.Features.Validation.SchemaInferenceOptions { Label = "diagnosis" });
        using (var tracker = Workbench.Tracking.Tracker.Open(home.Path))
        {
            using var run = tracker.StartRun("logged", "lr");
            Workbench.Learning.Experiments.ModelLogging.LogModel(run, model, pipeline, schema: schema);
            run.End();
            Workbench.Registry.ModelRegistry.Open(home.Path).RegisterModel("logged", run.RunId);
        }

        using var bundle = ModelBundle.Load("models:/logged/1", new ModelLoadOptions { WorkbenchHome = home.Path });
        bundle.Pipeline.Should().NotBeNull();
        bundle.HasSchema.Should().BeTrue();
        await using var live = await LiveEndpoint.StartAsync(o => o with
        {
            Variants = [new Workbench.Serving.Hosting.VariantOptions("logged", "models:/logged/1")],
            LoadOptions = new ModelLoadOptions { WorkbenchHome = home.Path },
        });
        var (status, body, _) = await live.CallAsync(string.Join("\n", Enumerable.Range(0, 50).Select(Models.CancerCsvRow)));
        status.Should().Be(200, body);
        EndpointRouteTests.Labels(body).Zip(labels).Count(p => p.First == p.Second).Should().BeGreaterThan(45);
        var (refused, error, _) = await live.CallAsync(Models.CancerCsvRow(0).Replace(Models.CancerCsvRow(0).Split(',')[0], "1e9", StringComparison.Ordinal));
        refused.Should().Be(400, "the logged schema's ranges guard the endpoint");
        error.Should().Contain("mean_radius");
    }
}
