using Microsoft.Data.Sqlite;
using Workbench.Tracking;
using Workbench.Tracking.Storage;

namespace Workbench.Registry;

/// <summary>
/// The embedded registry, in the same SQLite file as the runs (so a version references its run). Version numbers
/// come from <c>MAX(version) + 1</c> read inside the <c>BEGIN IMMEDIATE</c> transaction that inserts the version,
/// so two processes registering at once get distinct numbers. This file holds models; versions, aliases,
/// approvals and promotions are in the other parts of the class.
/// </summary>
public sealed partial class SqliteModelRegistryStore : IModelRegistryStore
{
    public SqliteModelRegistryStore(SqliteDatabase database)
    {
        Database = database ?? throw new ArgumentNullException(nameof(database));
    }

    public SqliteDatabase Database { get; }

    public RegisteredModel CreateModel(string name, string description = "", IReadOnlyDictionary<string, string>? tags = null)
    {
        RegistryNames.ValidateModelName(name);
        ArgumentNullException.ThrowIfNull(description);
        var validTags = ValidTags(tags);
        Database.Write((connection, transaction) =>
        {
            if (FindModelKey(connection, transaction, name) is not null)
            {
                throw new InvalidOperationException($"A model called '{name}' is already registered.");
            }

            var key = InsertModel(connection, transaction, name, description);
            foreach (var (tagKey, value) in validTags)
            {
                UpsertModelTag(connection, transaction, key, tagKey, value);
            }
        });
        return GetModel(name);
    }

    public RegisteredModel GetModel(string name) =>
        Database.Read(connection => ReadModels(connection, "WHERE m.name = $name", ("$name", name)).SingleOrDefault())
        ?? throw new ModelNotFoundException(name, ListModels().Select(m => m.Name));

    public IReadOnlyList<RegisteredModel> ListModels() => Database.Read(connection => ReadModels(connection, "ORDER BY m.name"));

    public void SetModelDescription(string name, string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Database.Write((connection, transaction) =>
        {
            var key = ModelKey(connection, transaction, name);
            connection.Execute("UPDATE registered_models SET description = $d, updated_at = $at WHERE model_key = $k", transaction,
                ("$d", description), ("$at", UnixTime.Now()), ("$k", key));
        });
    }

    public void SetModelTag(string name, string key, string value)
    {
        KeyRules.Validate(key, "tag");
        KeyRules.ValidateTagValue(key, value);
        Database.Write((connection, transaction) => UpsertModelTag(connection, transaction, ModelKey(connection, transaction, name), key, value));
    }

    public void DeleteModelTag(string name, string key) =>
        Database.Write((connection, transaction) =>
        {
            if (connection.Execute("DELETE FROM model_tags WHERE model_key = $k AND key = $key", transaction,
                    ("$k", ModelKey(connection, transaction, name)), ("$key", key)) == 0)
            {
                throw new KeyNotFoundException($"Model '{name}' has no tag '{key}'.");
            }
        });

    internal static long? FindModelKey(SqliteConnection connection, SqliteTransaction? transaction, string name) =>
        connection.Scalar("SELECT model_key FROM registered_models WHERE name = $name", transaction, ("$name", name)) as long?;

    internal static long ModelKey(SqliteConnection connection, SqliteTransaction? transaction, string name) =>
        FindModelKey(connection, transaction, name)
        ?? throw new ModelNotFoundException(name, connection.Query("SELECT name FROM registered_models ORDER BY name", r => r.GetString(0), transaction));

    private static long InsertModel(SqliteConnection connection, SqliteTransaction transaction, string name, string description)
    {
        var now = UnixTime.Now();
        return (long)connection.Scalar(
            "INSERT INTO registered_models(name, description, created_at, updated_at) VALUES ($name, $d, $at, $at) RETURNING model_key",
            transaction, ("$name", name), ("$d", description), ("$at", now))!;
    }

    private static void UpsertModelTag(SqliteConnection connection, SqliteTransaction transaction, long modelKey, string key, string value) =>
        connection.Execute(
            "INSERT INTO model_tags(model_key, key, value) VALUES ($k, $key, $value) ON CONFLICT(model_key, key) DO UPDATE SET value = excluded.value",
            transaction, ("$k", modelKey), ("$key", key), ("$value", value));

    private static List<KeyValuePair<string, string>> ValidTags(IReadOnlyDictionary<string, string>? tags) =>
        (tags ?? new Dictionary<string, string>())
            .Select(t => KeyValuePair.Create(KeyRules.Validate(t.Key, "tag"), KeyRules.ValidateTagValue(t.Key, t.Value)))
            .ToList();

    private static List<RegisteredModel> ReadModels(SqliteConnection connection, string whereAndOrder, params (string, object?)[] parameters)
    {
        var models = connection.Query(
            $"""
            SELECT m.model_key, m.name, m.description, m.created_at, m.updated_at,
                   (SELECT COALESCE(MAX(version), 0) FROM model_versions v WHERE v.model_key = m.model_key),
                   (SELECT COUNT(*) FROM model_versions v WHERE v.model_key = m.model_key)
            FROM registered_models m {whereAndOrder}
            """,
            r => (Key: r.GetInt64(0), Name: r.GetString(1), Description: r.GetString(2), Created: r.GetInt64(3), Updated: r.GetInt64(4),
                  Latest: r.GetInt32(5), Count: r.GetInt32(6)),
            null, parameters);
        var tags = connection.Query("SELECT model_key, key, value FROM model_tags", r => (r.GetInt64(0), r.GetString(1), r.GetString(2)))
            .ToLookup(t => t.Item1);
        var aliases = connection.Query("SELECT model_key, alias, version FROM model_aliases", r => (r.GetInt64(0), r.GetString(1), r.GetInt32(2)))
            .ToLookup(a => a.Item1);
        return models.Select(m => new RegisteredModel(
                m.Name, m.Description, UnixTime.FromMilliseconds(m.Created), UnixTime.FromMilliseconds(m.Updated),
                tags[m.Key].ToDictionary(t => t.Item2, t => t.Item3, StringComparer.Ordinal),
                aliases[m.Key].OrderBy(a => a.Item2, StringComparer.Ordinal).ToDictionary(a => a.Item2, a => a.Item3, StringComparer.Ordinal),
                m.Latest, m.Count))
            .ToList();
    }
}
