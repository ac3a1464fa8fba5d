using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Learning.Estimators;
using Workbench.Learning.Experiments;
using Workbench.Learning.Layers;
using Workbench.Registry;
using Workbench.Testing;
using Workbench.Tests.Tracking;
using Workbench.Tracking;

namespace Workbench.Tests.Learning.Experiments;

/// <summary>
/// A fitted estimator logged as a run's model travels through the registry and the model archive and predicts the
/// same afterwards: run artifacts, version files, <c>model.tar.gz</c> export, import into another store, load.
/// </summary>
public sealed class ModelLoggingTests : IDisposable
{
    private readonly TrackingHome _home = new();
    private readonly TrackingHome _otherHome = new();
    private readonly TempDirectory _folder = new("wb-models");

    public void Dispose()
    {
        _home.Dispose();
        _otherHome.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_logged_classifier_has_its_model_file_and_signature_and_loads_back_identically()
    {
        var data = ExperimentData.Cancer;
        var model = new LogisticRegression().Fit(data.TrainX, data.TrainLabels);
        LoggedModelArtifacts? logged = null;
        var info = _home.Tracker.Run("cancer", "logreg", run => logged = run.LogModel(model));

        var artifacts = _home.Tracker.GetRun(info.RunId).Artifacts.ToDictionary(a => a.Path);
        artifacts.Keys.Should().BeEquivalentTo("model/model.wbm", "model/signature.json");
        artifacts["model/model.wbm"].Kind.Should().Be(ArtifactKind.Model);
        artifacts["model/signature.json"].Kind.Should().Be(ArtifactKind.Signature);
        logged!.Model.Sha256.Should().Be(artifacts["model/model.wbm"].Sha256);

        var signature = JsonNode.Parse(_home.Tracker.ReadArtifactText(info.RunId, "model/signature.json"))!;
        signature["format"]!.GetValue<string>().Should().Be("workbench-signature");
        signature["model_file"]!.GetValue<string>().Should().Be("model.wbm");
        signature["model_kind"]!.GetValue<string>().Should().Be("logistic_regression");
        signature["task"]!.GetValue<string>().Should().Be("classification");
        signature["inputs"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal(data.TrainX.ColumnNames);
        signature["inputs"]!.AsArray().Should().OnlyContain(c => c!["type"]!.GetValue<string>() == "float32");
        signature["classes"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("benign", "malignant");
        signature["outputs"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("label", "probability:benign", "probability:malignant");

        var loaded = _home.Tracker.LoadModel(info.RunId);
        loaded.Model.Should().BeOfType<LogisticRegression>();
        loaded.Signature.Should().BeEquivalentTo(logged.Signature);
        loaded.Classifier.PredictProba(data.TestX).Should().BeEquivalentTo(model.PredictProba(data.TestX), o => o.WithStrictOrdering());
        loaded.Source.Should().Be($"run {info.RunId}, artifact model/");
        loaded.Invoking(l => l.Regressor).Should().Throw<InvalidOperationException>().WithMessage("*logistic_regression (classification), not a regressor*");
    }

    [Fact]
    public void A_registered_mlp_exports_as_model_tar_gz_imports_elsewhere_and_predicts_the_same()
    {
        var data = ExperimentData.Digits;
        var mlp = new MlpClassifier { HiddenLayerSizes = [32], BatchSize = 64, MaxEpochs = 5, RandomState = 2 }.Fit(data.TrainX, data.TrainIds);
        var info = _home.Tracker.Run("digits", "mlp", run => run.LogModel(mlp));

        var version = _home.Registry.RegisterModel("digits", info.RunId);
        version.Files.Select(f => (f.Path, f.Role)).Should().BeEquivalentTo(new[] { ("model.wbm", ModelFileRole.Model), ("signature.json", ModelFileRole.Signature) });

        var archive = _folder.File("model.tar.gz");
        _home.Registry.Export("digits", version.Version, archive);
        var imported = _otherHome.Registry.Import(archive);
        imported.ModelName.Should().Be("digits");
        imported.Files.Select(f => f.Sha256).Should().BeEquivalentTo(version.Files.Select(f => f.Sha256));

        var layout = _folder.File("opt-ml-model");
        _otherHome.Registry.Download(imported, layout);
        File.Exists(Path.Combine(layout, "metadata.json")).Should().BeTrue("the archive layout carries its manifest at the root");
        var loaded = LoggedModel.Load(layout);
        var reloaded = loaded.As<MlpClassifier>();
        reloaded.PredictProba(data.TestX).Should().BeEquivalentTo(mlp.PredictProba(data.TestX), o => o.WithStrictOrdering());
        reloaded.PredictIntegers(data.TestX).Should().Equal(mlp.PredictIntegers(data.TestX));
        loaded.Signature.ClassLabelsAreIntegers.Should().BeTrue();
        loaded.Signature.Outputs[0].Should().Be(new SignatureColumn("label", "int64"));
    }

    [Fact]
    public void A_model_logged_with_its_feature_pipeline_scores_raw_rows_after_export_and_import()
    {
        var data = ExperimentData.Cancer;
        var features = new FeaturePipeline().Add("measurements", ColumnSelector.Numeric(), new StandardScaler());
        var trainX = features.FitTransform(data.TrainFrame, target: "diagnosis").ToDense();
        var model = new LogisticRegression().Fit(trainX, data.TrainLabels);
        LoggedModelArtifacts? logged = null;
        var info = _home.Tracker.Run("cancer", "scaled", run => logged = run.LogModel(model, features));

        logged!.FeaturePipelineFile!.Path.Should().Be("model/feature-pipeline.json");
        logged.FeaturePipelineFile.Kind.Should().Be(ArtifactKind.FeaturePipeline);
        logged.Signature.FeaturePipelineFile.Should().Be("feature-pipeline.json");
        logged.Signature.PipelineInputs.Should().HaveCount(30).And.Contain(new SignatureColumn("mean_radius", "float64"));

        var version = _home.Registry.RegisterModel("cancer", info.RunId);
        version.Files.Single(f => f.Path == "feature-pipeline.json").Role.Should().Be(ModelFileRole.FeaturePipeline);
        _home.Registry.GetLineage("cancer", version.Version).FeaturePipeline.Select(f => f.Path).Should().Equal("feature-pipeline.json");

        var archive = _folder.File("cancer.tar.gz");
        _home.Registry.Export("cancer", version.Version, archive);
        var imported = _otherHome.Registry.Import(archive);
        var layout = _folder.File("served");
        _otherHome.Registry.Download(imported, layout);
        var served = LoggedModel.Load(layout);

        served.Features.Should().NotBeNull();
        var rawTest = data.TestFrame.Drop("diagnosis");
        served.Predict(rawTest).Should().Equal(model.Predict(features.Transform(data.TestFrame).ToDense()));
        served.PredictProba(rawTest).Should().BeEquivalentTo(model.PredictProba(features.Transform(data.TestFrame).ToDense()), o => o.WithStrictOrdering());
        served.Invoking(m => m.Predict(rawTest.Drop("mean_radius"))).Should().Throw<ArgumentException>().WithMessage("*'mean_radius'*");
    }

    [Fact]
    public void A_data_schema_logged_with_the_model_travels_through_the_registry_and_the_archive_and_checks_served_rows()
    {
        var data = ExperimentData.Cancer;
        var features = new FeaturePipeline().Add("measurements", ColumnSelector.Numeric(), new StandardScaler());
        var model = new LogisticRegression().Fit(features.FitTransform(data.TrainFrame, target: "diagnosis").ToDense(), data.TrainLabels);
        var schema = DataSchema.Infer(data.TrainFrame, new SchemaInferenceOptions { Label = "diagnosis" });
        LoggedModelArtifacts? logged = null;
        var info = _home.Tracker.Run("cancer", "with schema", run => logged = run.LogModel(model, features, schema: schema));

        logged!.SchemaFile!.Path.Should().Be("model/schema.json");
        logged.SchemaFile.Kind.Should().Be(ArtifactKind.Schema);
        logged.Signature.SchemaFile.Should().Be("schema.json");
        DataSchema.FromJson(_home.Tracker.ReadArtifactText(info.RunId, "model/schema.json")).ToJson().Should().Be(schema.ToJson());

        var version = _home.Registry.RegisterModel("cancer", info.RunId);
        version.Files.Single(f => f.Path == "schema.json").Role.Should().Be(ModelFileRole.Schema);
        var archive = _folder.File("cancer-schema.tar.gz");
        _home.Registry.Export("cancer", version.Version, archive);
        var layout = _folder.File("served-schema");
        _otherHome.Registry.Download(_otherHome.Registry.Import(archive), layout);
        var served = LoggedModel.Load(layout);

        served.Schema.Should().NotBeNull();
        served.Signature.ToString().Should().EndWith(", with data schema");
        served.Schema!.Validate(data.TrainFrame.Drop("diagnosis"), SchemaEnvironments.Serving).Errors.Should().BeEmpty("serving rows come without the label");
        var unseen = served.Schema.Validate(data.TestFrame.Drop("diagnosis").Drop("mean_radius"), SchemaEnvironments.Serving);
        unseen.Errors.Select(a => (a.Column, a.Kind)).Should().Contain([("mean_radius", AnomalyKind.MissingColumn), ("mean_texture", AnomalyKind.OutOfRange)]);

        File.Delete(Path.Combine(layout, "schema.json"));
        FluentActions.Invoking(() => LoggedModel.Load(layout)).Should().Throw<FileNotFoundException>().WithMessage("*names the data schema 'schema.json', which is not there*");
    }

    [Fact]
    public void A_schema_that_lacks_a_column_the_model_reads_is_refused_before_anything_is_stored()
    {
        var data = ExperimentData.Cancer;
        var model = new LogisticRegression().Fit(data.TrainX, data.TrainLabels);
        var schema = DataSchema.Infer(data.TrainFrame.Drop("worst_symmetry"), new SchemaInferenceOptions { Label = "diagnosis" });
        var info = _home.Tracker.Run("cancer", run =>
            run.Invoking(r => r.LogModel(model, schema: schema)).Should().Throw<ArgumentException>()
                .WithMessage("The data schema lacks 1 of the 30 columns the logistic_regression reads: worst_symmetry.*"));
        _home.Tracker.GetRun(info.RunId).Artifacts.Should().BeEmpty();
    }

    [Fact]
    public void A_pipeline_that_does_not_produce_the_models_inputs_is_refused()
    {
        var data = ExperimentData.Cancer;
        var features = new FeaturePipeline().Add("some", ColumnSelector.Names("mean_radius", "mean_texture"), new StandardScaler());
        features.Fit(data.TrainFrame);
        var model = new LogisticRegression().Fit(data.TrainX, data.TrainLabels);
        var info = _home.Tracker.Run("cancer", run =>
            run.Invoking(r => r.LogModel(model, features)).Should().Throw<ArgumentException>()
                .WithMessage("the feature pipeline produces 2 features (mean_radius, mean_texture) but the logistic_regression reads 30 (mean_radius, mean_texture, mean_perimeter, *"));
        _home.Tracker.GetRun(info.RunId).Artifacts.Should().BeEmpty();
    }

    [Fact]
    public void A_model_without_features_scores_a_frame_by_its_input_columns()
    {
        var data = ExperimentData.Digits;
        var features = data.TrainFrame.ColumnNames.Where(c => c != "label").ToArray();
        var model = new LogisticRegression { MaxIterations = 200 }.Fit(data.TrainFrame.ToMatrix(features), data.TrainIds);
        var info = _home.Tracker.Run("digits", run => run.LogModel(model));
        var loaded = _home.Tracker.LoadModel(info.RunId);
        loaded.Features.Should().BeNull();
        loaded.Predict(data.TestFrame).Should().Equal(model.Predict(data.TestFrame.ToMatrix(features)), "the label column is ignored and the inputs are taken by name");
        loaded.Invoking(m => m.Prepare(data.TestFrame.Drop("pixel_0_0"))).Should().Throw<ArgumentException>().WithMessage("*lacks 1 of the model's 64 input columns: pixel_0_0*");
    }

    [Fact]
    public void Two_models_in_one_run_register_separately_each_with_its_own_signature()
    {
        var data = ExperimentData.Cancer;
        var logistic = new LogisticRegression().Fit(data.TrainX, data.TrainLabels);
        var ridge = new Ridge().Fit(data.TrainX, data.TrainLabels.Select(l => l == "malignant" ? 1.0 : 0.0).ToArray());
        var info = _home.Tracker.Run("cancer", "both", run =>
        {
            run.LogModel(logistic, "classifier");
            run.LogModel(ridge, "scorer");
        });

        var first = _home.Registry.RegisterModel("cancer-classifier", info.RunId, "classifier");
        var second = _home.Registry.RegisterModel("cancer-scorer", info.RunId, "scorer");
        first.Files.Single(f => f.Role == ModelFileRole.Signature).SourcePath.Should().Be("classifier/signature.json");
        second.Files.Single(f => f.Role == ModelFileRole.Signature).SourcePath.Should().Be("scorer/signature.json");

        var scorer = _home.Tracker.LoadModel(info.RunId, "scorer");
        scorer.Signature.Task.Should().Be("regression");
        scorer.Signature.Outputs.Should().Equal(new SignatureColumn("prediction", "float64"));
        scorer.Regressor.Predict(data.TestX).Should().Equal(ridge.Predict(data.TestX));
    }

    [Fact]
    public void A_network_is_logged_with_positional_inputs()
    {
        var network = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        var info = _home.Tracker.Run("nets", run => run.LogModel(network, "net"));
        var loaded = _home.Tracker.LoadModel(info.RunId, "net");
        loaded.Signature.Task.Should().Be("network");
        loaded.Signature.Inputs.Select(c => c.Name).Should().Equal("x0", "x1", "x2", "x3");
        loaded.As<Sequential>().StateDictionary()["2.weight"].ToArray().Should().Equal(network.StateDictionary()["2.weight"].ToArray());
    }

    [Fact]
    public void A_signature_that_does_not_describe_its_model_or_a_missing_model_file_is_refused_naming_the_file()
    {
        var data = ExperimentData.Cancer;
        var model = new LogisticRegression().Fit(data.TrainX, data.TrainLabels);
        var info = _home.Tracker.Run("cancer", run => run.LogModel(model));
        var folder = _folder.File("downloaded");
        _home.Tracker.DownloadArtifacts(info.RunId, folder, "model");
        var modelFolder = Path.Combine(folder, "model");
        var signaturePath = Path.Combine(modelFolder, "signature.json");
        var original = File.ReadAllText(signaturePath);

        File.WriteAllText(signaturePath, original.Replace("\"malignant\"", "\"cancerous\"", StringComparison.Ordinal));
        FluentActions.Invoking(() => LoggedModel.Load(modelFolder)).Should().Throw<InvalidDataException>()
            .WithMessage("*signature.json lists classes [benign, cancerous], but*model.wbm has [benign, malignant]*");

        File.WriteAllText(signaturePath, original.Replace("\"mean_radius\"", "\"radius\"", StringComparison.Ordinal));
        FluentActions.Invoking(() => LoggedModel.Load(modelFolder)).Should().Throw<InvalidDataException>().WithMessage("*lists 30 inputs (radius,*");

        File.WriteAllText(signaturePath, original.Replace("\"model.wbm\"", "\"../model.wbm\"", StringComparison.Ordinal));
        FluentActions.Invoking(() => LoggedModel.Load(modelFolder)).Should().Throw<InvalidDataException>().WithMessage("*'model_file' must name a file beside the signature*");

        File.WriteAllText(signaturePath, original.Replace("\"format_version\": 1", "\"format_version\": 2", StringComparison.Ordinal));
        FluentActions.Invoking(() => LoggedModel.Load(modelFolder)).Should().Throw<InvalidDataException>().WithMessage("*signature format version 2*");

        File.WriteAllText(signaturePath, original);
        File.Move(Path.Combine(modelFolder, "model.wbm"), Path.Combine(modelFolder, "weights.wbm"));
        FluentActions.Invoking(() => LoggedModel.Load(modelFolder)).Should().Throw<FileNotFoundException>().WithMessage("*names the model file 'model.wbm', which is not there*");

        File.Delete(signaturePath);
        LoggedModel.Load(modelFolder).Classifier.Predict(data.TestX).Should().Equal(model.Predict(data.TestX), "a lone .wbm file loads without a signature");
        FluentActions.Invoking(() => LoggedModel.Load(_folder.File("nowhere"))).Should().Throw<DirectoryNotFoundException>();
    }

    [Fact]
    public void A_model_without_a_workbench_format_is_refused_before_anything_is_stored()
    {
        var info = _home.Tracker.Run("cancer", run =>
            run.Invoking(r => r.LogModel(new ConstantClassifier())).Should().Throw<NotSupportedException>().WithMessage("ConstantClassifier has no Workbench model format*"));
        _home.Tracker.GetRun(info.RunId).Artifacts.Should().BeEmpty();
        _home.Tracker.Invoking(t => t.LoadModel(info.RunId)).Should().Throw<ArtifactNotFoundException>();
    }

    private sealed class ConstantClassifier : IClassifier
    {
        public IReadOnlyList<string> Classes => ["a", "b"];

        public IReadOnlyList<string> FeatureNames => ["x"];

        public double[,] PredictProba(DenseMatrix x) => new double[x.Rows, 2];

        public string[] Predict(DenseMatrix x) => new string[x.Rows];

        public int[] PredictClassIds(DenseMatrix x) => new int[x.Rows];
    }
}
