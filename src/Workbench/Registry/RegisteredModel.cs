namespace Workbench.Registry;

/// <summary>A named model (a SageMaker model package group / MLflow registered model) with its aliases.</summary>
public sealed record RegisteredModel(
    string Name,
    string Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, int> Aliases,
    int LatestVersion,
    int VersionCount);
