using Microsoft.Data.Sqlite;
using Workbench.Tracking;
using Workbench.Tracking.Storage;

namespace Workbench.Registry;

/// <summary>Versions: race-free numbering, frozen files and inputs, descriptions and tags.</summary>
public sealed partial class SqliteModelRegistryStore
{
    private const string VersionSelect = """
        SELECT m.model_key, m.name, v.version, r.run_id, v.source_run_id, v.model_path, v.description, v.approval_status, v.created_at, v.created_by
        FROM model_versions v
        JOIN registered_models m ON m.model_key = v.model_key
        LEFT JOIN runs r ON r.run_key = v.run_key
        """;

    public ModelVersion CreateVersion(NewModelVersion request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RegistryNames.ValidateModelName(request.ModelName);
        if (request.Files.Count == 0)
        {
            throw new ArgumentException($"A version of '{request.ModelName}' needs at least one file.", nameof(request));
        }

        var tags = ValidTags(request.Tags);
        var version = Database.Write((connection, transaction) =>
        {
            var modelKey = FindModelKey(connection, transaction, request.ModelName) ?? InsertModel(connection, transaction, request.ModelName, string.Empty);
            long? runKey = request.RunId is null
                ? null
                : SqliteTrackingStore.ResolveRunKey(connection, transaction, request.RunId);
            // Read and insert under the same write lock: no other process can take this number.
            var number = Convert.ToInt32((long)connection.Scalar(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE model_key = $k", transaction, ("$k", modelKey))!);
            var now = UnixTime.Now();
            connection.Execute(
                """
                INSERT INTO model_versions(model_key, version, run_key, source_run_id, model_path, description, approval_status, created_at, created_by)
                VALUES ($k, $v, $run, $source, $path, $d, $status, $at, $by)
                """,
                transaction,
                ("$k", modelKey), ("$v", number), ("$run", runKey), ("$source", request.RunId), ("$path", request.ModelPath),
                ("$d", request.Description), ("$status", ApprovalStatus.PendingManualApproval.ToString()), ("$at", now), ("$by", request.CreatedBy));
            foreach (var file in request.Files)
            {
                connection.Execute(
                    """
                    INSERT INTO model_version_files(model_key, version, path, role, kind, sha256, size, source_path)
                    VALUES ($k, $v, $path, $role, $kind, $sha, $size, $source)
                    """,
                    transaction,
                    ("$k", modelKey), ("$v", number), ("$path", file.Path), ("$role", file.Role), ("$kind", file.Kind),
                    ("$sha", file.Sha256), ("$size", file.Size), ("$source", file.SourcePath));
            }

            foreach (var input in request.Inputs)
            {
                connection.Execute(
                    """
                    INSERT OR REPLACE INTO model_version_inputs(model_key, version, fingerprint, context, name, source, rows)
                    VALUES ($k, $v, $fp, $context, $name, $source, $rows)
                    """,
                    transaction,
                    ("$k", modelKey), ("$v", number), ("$fp", input.Fingerprint), ("$context", input.Context), ("$name", input.Name),
                    ("$source", input.Source), ("$rows", input.Rows));
            }

            foreach (var (key, value) in tags)
            {
                UpsertVersionTag(connection, transaction, modelKey, number, key, value);
            }

            InsertApprovalEvent(connection, transaction, modelKey, number, null, ApprovalStatus.PendingManualApproval, now, request.CreatedBy, "registered");
            connection.Execute("UPDATE registered_models SET updated_at = $at WHERE model_key = $k", transaction, ("$at", now), ("$k", modelKey));
            return number;
        });
        return GetVersion(request.ModelName, version);
    }

    public ModelVersion GetVersion(string name, int version) =>
        Database.Read(connection =>
        {
            var modelKey = ModelKey(connection, null, name);
            return LoadVersions(connection, null, "WHERE v.model_key = $k AND v.version = $v", ("$k", modelKey), ("$v", version)).SingleOrDefault()
                ?? throw new ModelVersionNotFoundException(name, version, LatestVersion(connection, null, modelKey));
        });

    public ModelVersion GetVersionByAlias(string name, string alias) =>
        Database.Read(connection =>
        {
            var modelKey = ModelKey(connection, null, name);
            var version = connection.Scalar("SELECT version FROM model_aliases WHERE model_key = $k AND alias = $a", null, ("$k", modelKey), ("$a", alias)) as long?
                ?? throw new AliasNotFoundException(name, alias, Aliases(connection, null, modelKey));
            return LoadVersions(connection, null, "WHERE v.model_key = $k AND v.version = $v", ("$k", modelKey), ("$v", version)).Single();
        });

    public IReadOnlyList<ModelVersion> ListVersions(string name) =>
        Database.Read(connection => LoadVersions(connection, null, "WHERE v.model_key = $k ORDER BY v.version", ("$k", ModelKey(connection, null, name))));

    public IReadOnlyList<ModelVersion> FindVersionsByDataset(string fingerprint) =>
        Database.Read(connection => LoadVersions(connection, null,
            """
            WHERE EXISTS (SELECT 1 FROM model_version_inputs i WHERE i.model_key = v.model_key AND i.version = v.version AND i.fingerprint = $fp)
            ORDER BY m.name, v.version
            """,
            ("$fp", fingerprint)));

    public void SetVersionDescription(string name, int version, string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Database.Write((connection, transaction) =>
        {
            var modelKey = VersionKey(connection, transaction, name, version);
            connection.Execute("UPDATE model_versions SET description = $d WHERE model_key = $k AND version = $v", transaction,
                ("$d", description), ("$k", modelKey), ("$v", version));
        });
    }

    public void SetVersionTag(string name, int version, string key, string value)
    {
        KeyRules.Validate(key, "tag");
        KeyRules.ValidateTagValue(key, value);
        Database.Write((connection, transaction) => UpsertVersionTag(connection, transaction, VersionKey(connection, transaction, name, version), version, key, value));
    }

    public void DeleteVersionTag(string name, int version, string key) =>
        Database.Write((connection, transaction) =>
        {
            var modelKey = VersionKey(connection, transaction, name, version);
            if (connection.Execute("DELETE FROM model_version_tags WHERE model_key = $k AND version = $v AND key = $key", transaction,
                    ("$k", modelKey), ("$v", version), ("$key", key)) == 0)
            {
                throw new KeyNotFoundException($"Version {version} of '{name}' has no tag '{key}'.");
            }
        });

    /// <summary>The model key after checking that <paramref name="version"/> exists.</summary>
    internal static long VersionKey(SqliteConnection connection, SqliteTransaction? transaction, string name, int version)
    {
        var modelKey = ModelKey(connection, transaction, name);
        if (connection.Scalar("SELECT 1 FROM model_versions WHERE model_key = $k AND version = $v", transaction, ("$k", modelKey), ("$v", version)) is null)
        {
            throw new ModelVersionNotFoundException(name, version, LatestVersion(connection, transaction, modelKey));
        }

        return modelKey;
    }

    private static int LatestVersion(SqliteConnection connection, SqliteTransaction? transaction, long modelKey) =>
        Convert.ToInt32((long)connection.Scalar("SELECT COALESCE(MAX(version), 0) FROM model_versions WHERE model_key = $k", transaction, ("$k", modelKey))!);

    private static List<string> Aliases(SqliteConnection connection, SqliteTransaction? transaction, long modelKey) =>
        connection.Query("SELECT alias FROM model_aliases WHERE model_key = $k ORDER BY alias", r => r.GetString(0), transaction, ("$k", modelKey));

    private static void UpsertVersionTag(SqliteConnection connection, SqliteTransaction transaction, long modelKey, int version, string key, string value) =>
        connection.Execute(
            """
            INSERT INTO model_version_tags(model_key, version, key, value) VALUES ($k, $v, $key, $value)
            ON CONFLICT(model_key, version, key) DO UPDATE SET value = excluded.value
            """,
            transaction, ("$k", modelKey), ("$v", version), ("$key", key), ("$value", value));

    internal static List<ModelVersion> LoadVersions(SqliteConnection connection, SqliteTransaction? transaction, string whereAndOrder, params (string, object?)[] parameters)
    {
        var rows = connection.Query($"{VersionSelect} {whereAndOrder}",
            r => (ModelKey: r.GetInt64(0), Name: r.GetString(1), Version: r.GetInt32(2), RunId: r.NullableString(3) ?? r.NullableString(4),
                  Path: r.GetString(5), Description: r.GetString(6), Status: Enum.Parse<ApprovalStatus>(r.GetString(7)),
                  Created: r.GetInt64(8), By: r.GetString(9)),
            transaction, parameters);
        var result = new List<ModelVersion>(rows.Count);
        foreach (var row in rows)
        {
            var key = new[] { ("$k", (object?)row.ModelKey), ("$v", row.Version) };
            var files = connection.Query(
                "SELECT path, role, kind, sha256, size, source_path FROM model_version_files WHERE model_key = $k AND version = $v ORDER BY role, path",
                r => new ModelFile(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5)), transaction, key);
            var inputs = connection.Query(
                "SELECT fingerprint, name, source, rows, context FROM model_version_inputs WHERE model_key = $k AND version = $v ORDER BY context, name",
                r => new DatasetInput(r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableInt64(3), r.GetString(4)), transaction, key);
            var tags = connection.Query("SELECT key, value FROM model_version_tags WHERE model_key = $k AND version = $v ORDER BY key",
                r => KeyValuePair.Create(r.GetString(0), r.GetString(1)), transaction, key);
            var aliases = connection.Query("SELECT alias FROM model_aliases WHERE model_key = $k AND version = $v ORDER BY alias",
                r => r.GetString(0), transaction, key);
            result.Add(new ModelVersion(
                row.Name, row.Version, row.RunId, row.Path, row.Description, row.Status, UnixTime.FromMilliseconds(row.Created), row.By,
                aliases, tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal), files, inputs));
        }

        return result;
    }
}
