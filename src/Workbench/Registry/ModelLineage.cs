using Workbench.Tracking;

namespace Workbench.Registry;

/// <summary>
/// Where a version came from, in one call: the version, the run that produced it (null for a version imported
/// from another store), the run's parent (a sweep, say), the datasets by fingerprint, and the feature pipeline
/// files that must travel with the model.
/// </summary>
public sealed record ModelLineage(
    ModelVersion Version,
    Run? Run,
    RunInfo? ParentRun,
    IReadOnlyList<DatasetInput> Datasets,
    IReadOnlyList<ModelFile> FeaturePipeline);
