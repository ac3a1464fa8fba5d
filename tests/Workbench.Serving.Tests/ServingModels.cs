using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Learning.Estimators;
using Workbench.Registry;
using Workbench.Testing;
using Workbench.Tracking;

namespace Workbench.Serving.Tests;

/// <summary>
/// Real models for the server to serve, trained once per test run: breast-cancer logistic regressions (v1 strong,
/// v2 heavily regularised, alias champion = v1) with a scaler pipeline and an inferred schema, and a patients
/// model with categoricals, missing values and integer labels. Registered in a Workbench home, exported as
/// model.tar.gz, and extracted into an /opt/ml/model-style folder.
/// </summary>
public sealed class ServingModels : IDisposable
{
    private static readonly Lazy<ServingModels> Shared = new(() => new ServingModels());

    private readonly TempDirectory _root = new("serving-models");

    private ServingModels()
    {
        Home = _root.File("home");
        Cancer = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "breast_cancer.csv"));
        CancerFeatures = Cancer.ColumnNames.Where(n => n != "diagnosis").ToArray();
        Patients = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv")).Select(PatientColumns);
        using var tracker = Tracker.Open(Home);
        var registry = ModelRegistry.Open(Home);
        Register(tracker, registry, "cancer", Cancer, "diagnosis", new FeaturePipeline().Add("scaled", ColumnSelector.Numeric(), new StandardScaler()), c: 1.0);
        Register(tracker, registry, "cancer", Cancer, "diagnosis", new FeaturePipeline().Add("scaled", ColumnSelector.Numeric(), new StandardScaler()), c: 0.001);
        registry.SetAlias("cancer", "champion", 1);
        Register(tracker, registry, "patients", Patients, "readmitted_30d", new FeaturePipeline()
            .Add("numeric", ColumnSelector.Numeric(), new SimpleImputer(ImputeStrategy.Median), new StandardScaler())
            .Add("categorical", ColumnSelector.Categorical(), new SimpleImputer(ImputeStrategy.MostFrequent), new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.Ignore }), c: 1.0);
        CancerArchive = _root.File("cancer-v1.tar.gz");
        registry.Export("cancer", 1, CancerArchive);
        OptMl = _root.File("opt-ml");
        CancerFolder = Path.Combine(OptMl, "model");
        Registry.Archive.ModelArchive.Extract(CancerArchive, CancerFolder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public static ServingModels Instance => Shared.Value;

    public static readonly string[] PatientColumns = ["age", "sex", "bmi", "smoker", "systolic_bp", "admission_type", "num_prior_admissions", "readmitted_30d"];

    /// <summary>The Workbench home holding the registry.</summary>
    public string Home { get; }

    public Frame Cancer { get; }

    public IReadOnlyList<string> CancerFeatures { get; }

    public Frame Patients { get; }

    /// <summary>cancer v1 exported as model.tar.gz.</summary>
    public string CancerArchive { get; }

    /// <summary>A SageMaker root whose model/ holds cancer v1, extracted.</summary>
    public string OptMl { get; }

    public string CancerFolder { get; }

    /// <summary>Row <paramref name="row"/> of breast_cancer.csv as a headerless CSV line of its 30 features.</summary>
    public string CancerCsvRow(int row) => string.Join(",", CancerFeatures.Select(n => Cancer[n].Format(row)));

    /// <summary>The diagnosis of row <paramref name="row"/>.</summary>
    public string CancerLabel(int row) => Cancer["diagnosis"].Format(row)!;

    /// <summary>Loads a model of this run's registry.</summary>
    public Models.ModelBundle ModelBundle(string reference) => Models.ModelBundle.Load(reference, new Models.ModelLoadOptions { WorkbenchHome = Home });

    public void Dispose() => _root.Dispose();

    private void Register(Tracker tracker, ModelRegistry registry, string name, Frame frame, string target, FeaturePipeline pipeline, double c)
    {
        var folder = _root.File($"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var matrix = pipeline.FitTransform(frame, target);
        var labels = Enumerable.Range(0, frame.RowCount).Select(i => frame[target].Format(i)!).ToArray();
        var model = new LogisticRegression { C = c, MaxIterations = 500 };
        if (frame[target].IsNumeric)
        {
            model.Fit(matrix.Dense!, labels.Select(l => int.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
        else
        {
            model.Fit(matrix.Dense!, labels);
        }

        model.Save(Path.Combine(folder, "model.wbm"));
        pipeline.Save(Path.Combine(folder, "pipeline.json"));
        DataSchema.Infer(frame, new SchemaInferenceOptions { Label = target }).Save(Path.Combine(folder, "schema.json"));
        using var run = tracker.StartRun(name, "train");
        run.LogModel(Path.Combine(folder, "model.wbm"));
        run.LogArtifact(Path.Combine(folder, "pipeline.json"), "features/pipeline.json", ArtifactKind.FeaturePipeline);
        run.LogArtifact(Path.Combine(folder, "schema.json"), "schema.json", ArtifactKind.Schema);
        run.End();
        registry.RegisterModel(name, run.RunId);
    }
}
