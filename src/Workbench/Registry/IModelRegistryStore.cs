namespace Workbench.Registry;

/// <summary>
/// Where the registry is kept. Version numbers are assigned by the store, race-free across processes; every
/// alias move and approval change is recorded as an event. <see cref="SqliteModelRegistryStore"/> is the embedded one.
/// </summary>
public interface IModelRegistryStore
{
    RegisteredModel CreateModel(string name, string description = "", IReadOnlyDictionary<string, string>? tags = null);

    /// <exception cref="ModelNotFoundException">No such model.</exception>
    RegisteredModel GetModel(string name);

    IReadOnlyList<RegisteredModel> ListModels();

    void SetModelDescription(string name, string description);

    void SetModelTag(string name, string key, string value);

    void DeleteModelTag(string name, string key);

    /// <summary>Creates the next version (creating the model when missing) in one transaction.</summary>
    ModelVersion CreateVersion(NewModelVersion request);

    /// <exception cref="ModelVersionNotFoundException">No such version.</exception>
    ModelVersion GetVersion(string name, int version);

    /// <exception cref="AliasNotFoundException">The alias points nowhere.</exception>
    ModelVersion GetVersionByAlias(string name, string alias);

    IReadOnlyList<ModelVersion> ListVersions(string name);

    void SetVersionDescription(string name, int version, string description);

    void SetVersionTag(string name, int version, string key, string value);

    void DeleteVersionTag(string name, int version, string key);

    AliasEvent SetAlias(string name, string alias, int version, string by, string reason);

    AliasEvent DeleteAlias(string name, string alias, string by, string reason);

    IReadOnlyList<AliasEvent> GetAliasHistory(string name);

    /// <summary>Changes the approval status; returns null when it already had that status (nothing is recorded).</summary>
    ApprovalEvent? SetApprovalStatus(string name, int version, ApprovalStatus status, string by, string reason);

    IReadOnlyList<ApprovalEvent> GetApprovalHistory(string name, int? version = null);

    /// <summary>Decides and records a promotion, moving the alias when it passes, in one transaction.</summary>
    PromotionDecision Promote(string name, int candidateVersion, PromotionRule rule, string by);

    IReadOnlyList<PromotionDecision> GetPromotionHistory(string name);

    /// <summary>Versions whose run read the dataset <paramref name="fingerprint"/>.</summary>
    IReadOnlyList<ModelVersion> FindVersionsByDataset(string fingerprint);
}
