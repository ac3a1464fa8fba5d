using Workbench.Registry;
using Workbench.Tests.Tracking;
using Workbench.Tracking;

namespace Workbench.Tests.Registry;

/// <summary>A home with helpers to train (log) runs that carry a model, a feature pipeline, a schema and a signature.</summary>
public sealed class RegistryFixture : IDisposable
{
    public static readonly string HoldoutSet = "sha256:" + new string('e', 64);
    public static readonly string OtherSet = "sha256:" + new string('f', 64);
    public static readonly string TrainingSet = "sha256:" + new string('d', 64);

    public TrackingHome Home { get; } = new();

    public Tracker Tracker => Home.Tracker;

    public ModelRegistry Registry => Home.Registry;

    /// <summary>Logs a finished run with model files, pipeline, schema, signature, an AUC and its datasets.</summary>
    public string TrainRun(double auc, string? evaluationSet = null, string weights = "weights", ActiveRun? parent = null)
    {
        var folder = Path.Combine(Home.Folder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "model", "nested"));
        File.WriteAllText(Path.Combine(folder, "model", "weights.bin"), weights);
        File.WriteAllText(Path.Combine(folder, "model", "nested", "config.json"), "{\"layers\":2}");
        File.WriteAllText(Path.Combine(folder, "pipeline.json"), "{\"steps\":[\"impute\",\"scale\"]}");
        File.WriteAllText(Path.Combine(folder, "schema.json"), "{\"columns\":[\"age\"]}");
        File.WriteAllText(Path.Combine(folder, "signature.json"), "{\"inputs\":[\"age\"],\"outputs\":[\"p\"]}");
        var run = parent?.StartChildRun("trial") ?? Tracker.StartRun("readmission", "train");
        run.LogParam("lr", 0.01);
        run.LogMetric("auc", auc);
        run.LogMetric("log_loss", 1 - auc);
        run.LogInput(TrainingSet, "patients-train", "data-samples/patients.csv", 4000, DatasetInput.Training);
        run.LogInput(evaluationSet ?? HoldoutSet, "patients-holdout", "data-samples/patients.csv", 1000, DatasetInput.Evaluation);
        run.LogModel(Path.Combine(folder, "model"));
        run.LogArtifact(Path.Combine(folder, "pipeline.json"), "features/pipeline.json", ArtifactKind.FeaturePipeline);
        run.LogArtifact(Path.Combine(folder, "schema.json"), "schema.json", ArtifactKind.Schema);
        run.LogArtifact(Path.Combine(folder, "signature.json"), "signature.json", ArtifactKind.Signature);
        run.End();
        return run.RunId;
    }

    public ModelVersion Register(double auc, string? evaluationSet = null, string weights = "weights") =>
        Registry.RegisterModel("readmission", TrainRun(auc, evaluationSet, weights));

    public void Dispose() => Home.Dispose();
}
