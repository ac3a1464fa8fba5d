using Workbench.Registry.Archive;
using Workbench.Tracking;
using Workbench.Tracking.Artifacts;
using Workbench.Tracking.Storage;

namespace Workbench.Registry;

/// <summary>
/// The model registry: MLflow's registered models, versions and aliases with SageMaker's approval status,
/// plus an audit trail, lineage and an evidence-recording promotion rule.
/// <code>
/// var registry = new ModelRegistry(tracker);
/// var v = registry.RegisterModel("readmission", run.RunId);        // from the run's "model/" artifacts
/// registry.Approve("readmission", v.Version, "validated on the Q3 holdout");
/// registry.Promote("readmission", v.Version, new PromotionRule("auc", evalFingerprint, minImprovement: 0.005));
/// </code>
/// </summary>
public sealed class ModelRegistry
{
    public ModelRegistry(IModelRegistryStore store, ITrackingStore tracking, IArtifactStore artifacts)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        Artifacts = artifacts ?? throw new ArgumentNullException(nameof(artifacts));
    }

    /// <summary>The registry beside <paramref name="tracker"/>'s runs (same SQLite file, same artifact store).</summary>
    public ModelRegistry(Tracker tracker)
        : this(StoreBeside(tracker), tracker.Store, tracker.Artifacts)
    {
        _tracker = tracker;
    }

    private readonly Tracker? _tracker;

    public IModelRegistryStore Store { get; }

    public ITrackingStore Tracking { get; }

    public IArtifactStore Artifacts { get; }

    /// <summary>Opens the registry under <paramref name="home"/>, else <c>WORKBENCH_HOME</c>, else <c>./.workbench</c>.</summary>
    public static ModelRegistry Open(string? home = null, bool createIfMissing = true)
    {
        var resolved = WorkbenchHome.Resolve(home);
        var database = SqliteDatabase.Open(resolved.DatabasePath, createIfMissing);
        return new ModelRegistry(new SqliteModelRegistryStore(database), new SqliteTrackingStore(database), new LocalArtifactStore(resolved.ArtifactsPath));
    }

    /// <summary>
    /// Registers the next version of <paramref name="name"/> (creating the model) from a run's model artifacts:
    /// the files at or under <paramref name="modelPath"/>, plus the run's feature pipeline, schema and signature
    /// artifacts (by kind). The files are verified and frozen with their hashes; the run's dataset inputs are
    /// copied into the version's lineage. The version starts PendingManualApproval.
    /// </summary>
    /// <exception cref="RunNotFoundException">Unknown run.</exception>
    /// <exception cref="InvalidOperationException">The run has no model at <paramref name="modelPath"/>, or two files would share a name.</exception>
    public ModelVersion RegisterModel(string name, string runId, string modelPath = "model", string? description = null,
        IReadOnlyDictionary<string, string>? tags = null, string? by = null)
    {
        RegistryNames.ValidateModelName(name);
        _tracker?.Flush();
        var run = Tracking.GetRun(runId);
        var files = ModelFiles.FromRun(run, modelPath);
        foreach (var file in files)
        {
            Artifacts.Verify(file.Sha256, $"{runId}/{file.SourcePath}");
        }

        return Store.CreateVersion(new NewModelVersion(
            name, runId, modelPath.TrimEnd('/'), files, run.Inputs, description ?? string.Empty,
            tags ?? new Dictionary<string, string>(), by ?? Environment.UserName));
    }

    /// <summary>Registers from a run's attributes (see <see cref="RegisterModel(string, string, string, string?, IReadOnlyDictionary{string, string}?, string?)"/>).</summary>
    public ModelVersion RegisterModel(string name, RunInfo run, string modelPath = "model", string? description = null) =>
        RegisterModel(name, run.RunId, modelPath, description);

    public RegisteredModel CreateModel(string name, string description = "", IReadOnlyDictionary<string, string>? tags = null) =>
        Store.CreateModel(name, description, tags);

    public RegisteredModel GetModel(string name) => Store.GetModel(name);

    public IReadOnlyList<RegisteredModel> ListModels() => Store.ListModels();

    public IReadOnlyList<ModelVersion> ListVersions(string name) => Store.ListVersions(name);

    public ModelVersion GetVersion(string name, int version) => Store.GetVersion(name, version);

    /// <exception cref="AliasNotFoundException">The alias points nowhere.</exception>
    public ModelVersion GetVersionByAlias(string name, string alias) => Store.GetVersionByAlias(name, alias);

    /// <summary>A version named as users write it: <c>3</c>, <c>v3</c>, <c>latest</c>, or an alias such as <c>champion</c>.</summary>
    public ModelVersion ResolveVersion(string name, string versionOrAlias)
    {
        if (RegistryNames.TryParseVersion(versionOrAlias, out var number))
        {
            return Store.GetVersion(name, number);
        }

        if (versionOrAlias.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            var model = Store.GetModel(name);
            return model.LatestVersion == 0 ? throw new ModelVersionNotFoundException(name, 1, 0) : Store.GetVersion(name, model.LatestVersion);
        }

        return Store.GetVersionByAlias(name, versionOrAlias);
    }

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/>, recording the move (from which version, who, why).</summary>
    public AliasEvent SetAlias(string name, string alias, int version, string? reason = null, string? by = null) =>
        Store.SetAlias(name, alias, version, by ?? Environment.UserName, reason ?? string.Empty);

    public AliasEvent DeleteAlias(string name, string alias, string? reason = null, string? by = null) =>
        Store.DeleteAlias(name, alias, by ?? Environment.UserName, reason ?? string.Empty);

    public IReadOnlyList<AliasEvent> GetAliasHistory(string name) => Store.GetAliasHistory(name);

    /// <summary>Marks a version Approved (deployable), recording who and why.</summary>
    public ApprovalEvent? Approve(string name, int version, string reason, string? by = null) =>
        Store.SetApprovalStatus(name, version, ApprovalStatus.Approved, by ?? Environment.UserName, reason);

    /// <summary>Marks a version Rejected, recording who and why.</summary>
    public ApprovalEvent? Reject(string name, int version, string reason, string? by = null) =>
        Store.SetApprovalStatus(name, version, ApprovalStatus.Rejected, by ?? Environment.UserName, reason);

    public ApprovalEvent? SetApprovalStatus(string name, int version, ApprovalStatus status, string reason, string? by = null) =>
        Store.SetApprovalStatus(name, version, status, by ?? Environment.UserName, reason);

    /// <summary>Every approval change of the model (or of one version): who, when, from what, to what, why.</summary>
    public IReadOnlyList<ApprovalEvent> GetApprovalHistory(string name, int? version = null) => Store.GetApprovalHistory(name, version);

    public void SetModelDescription(string name, string description) => Store.SetModelDescription(name, description);

    public void SetModelTag(string name, string key, string value) => Store.SetModelTag(name, key, value);

    public void SetVersionDescription(string name, int version, string description) => Store.SetVersionDescription(name, version, description);

    public void SetVersionTag(string name, int version, string key, string value) => Store.SetVersionTag(name, version, key, value);

    /// <summary>
    /// Applies <paramref name="rule"/> to <paramref name="candidateVersion"/>: moves the alias when the candidate beats
    /// the holder on the same evaluation set by the required margin. The decision is recorded either way, with both values.
    /// </summary>
    public PromotionDecision Promote(string name, int candidateVersion, PromotionRule rule, string? by = null)
    {
        _tracker?.Flush();
        return Store.Promote(name, candidateVersion, rule, by ?? Environment.UserName);
    }

    public IReadOnlyList<PromotionDecision> GetPromotionHistory(string name) => Store.GetPromotionHistory(name);

    /// <summary>Version → run (and its parent) → datasets by fingerprint → feature pipeline files.</summary>
    public ModelLineage GetLineage(string name, int version)
    {
        var modelVersion = Store.GetVersion(name, version);
        var run = modelVersion.RunId is { } runId ? Tracking.GetRun(runId) : null;
        var parent = run?.Info.ParentRunId is { } parentId ? Tracking.GetRunInfo(parentId) : null;
        return new ModelLineage(modelVersion, run, parent, modelVersion.Inputs, modelVersion.FilesWithRole(ModelFileRole.FeaturePipeline).ToList());
    }

    /// <summary>Versions whose training or evaluation read the dataset with <paramref name="fingerprint"/>.</summary>
    public IReadOnlyList<ModelVersion> FindVersionsByDataset(string fingerprint) => Store.FindVersionsByDataset(fingerprint);

    /// <summary>A verified read of one file of a version (by its path in the model layout).</summary>
    public Stream OpenFile(ModelVersion version, string path)
    {
        var file = version.Files.FirstOrDefault(f => f.Path == path)
            ?? throw new FileNotFoundException($"{version.ModelName} v{version.Version} has no file '{path}'; its files: {string.Join(", ", version.Files.Select(f => f.Path))}.");
        return Artifacts.OpenRead(file.Sha256, $"{version.ModelName} v{version.Version}/{file.Path}");
    }

    /// <summary>Writes the version as SageMaker's <c>/opt/ml/model</c> expects it (files at their paths plus <c>metadata.json</c>) into <paramref name="destination"/>.</summary>
    public IReadOnlyList<string> Download(ModelVersion version, string destination) => ModelArchive.WriteLayout(this, version, destination);

    /// <summary>Exports a version as <c>model.tar.gz</c> for a SageMaker inference container (see <see cref="ModelArchive"/>).</summary>
    public ModelArchiveMetadata Export(string name, int version, string outputPath) => ModelArchive.Export(this, Store.GetVersion(name, version), outputPath);

    /// <summary>Imports a <c>model.tar.gz</c> made by <see cref="Export"/> as the next version of <paramref name="name"/> (default: the archived name), verifying every checksum first.</summary>
    public ModelVersion Import(string archivePath, string? name = null, string? by = null) => ModelArchive.Import(this, archivePath, name, by ?? Environment.UserName);

    /// <summary>All models with their versions, for an overview.</summary>
    public RegistryOverview Overview() =>
        new(Store.ListModels().Select(m => (m, Store.ListVersions(m.Name))).Select(x => new RegistryOverviewEntry(x.m, x.Item2)).ToList());

    private static SqliteModelRegistryStore StoreBeside(Tracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        return tracker.Store is SqliteTrackingStore sqlite
            ? new SqliteModelRegistryStore(sqlite.Database)
            : throw new NotSupportedException("This tracker does not use the SQLite store; construct ModelRegistry with an IModelRegistryStore for its backend.");
    }
}

/// <summary>One model with all its versions.</summary>
public sealed record RegistryOverviewEntry(RegisteredModel Model, IReadOnlyList<ModelVersion> Versions);

/// <summary>Every registered model with its versions: what the registry overview renders.</summary>
public sealed record RegistryOverview(IReadOnlyList<RegistryOverviewEntry> Models);
