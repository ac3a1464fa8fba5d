using Workbench.Tracking;

namespace Workbench.Registry;

/// <summary>What a store needs to create a version; the version number is assigned by the store.</summary>
public sealed record NewModelVersion(
    string ModelName,
    string? RunId,
    string ModelPath,
    IReadOnlyList<ModelFile> Files,
    IReadOnlyList<DatasetInput> Inputs,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    string CreatedBy);
