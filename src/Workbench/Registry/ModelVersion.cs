using Workbench.Tracking;

namespace Workbench.Registry;

/// <summary>
/// One registered version: the run it came from, its frozen files, the datasets its run used, approval status,
/// aliases pointing at it, tags and description.
/// </summary>
public sealed record ModelVersion(
    string ModelName,
    int Version,
    string? RunId,
    string ModelPath,
    string Description,
    ApprovalStatus ApprovalStatus,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<ModelFile> Files,
    IReadOnlyList<DatasetInput> Inputs)
{
    /// <summary>Files with the given role.</summary>
    public IEnumerable<ModelFile> FilesWithRole(string role) => Files.Where(f => f.Role == role);

    public override string ToString() => $"{ModelName} v{Version} ({ApprovalStatus})";
}
