using Microsoft.Data.Sqlite;
using Workbench.Tracking.Storage;

namespace Workbench.Tracking;

/// <summary>
/// The embedded tracking store: one SQLite file in WAL mode, written through <c>BEGIN IMMEDIATE</c> transactions
/// retried on BUSY, so notebooks, scripts and the CLI can use the same store at once from several processes.
/// This file holds experiments; runs, logged data and search are in the other parts of this class.
/// </summary>
public sealed partial class SqliteTrackingStore : ITrackingStore
{
    public SqliteTrackingStore(SqliteDatabase database)
    {
        Database = database ?? throw new ArgumentNullException(nameof(database));
    }

    public SqliteDatabase Database { get; }

    /// <summary>Opens (creating if missing) the store at <paramref name="databasePath"/>.</summary>
    public static SqliteTrackingStore Open(string databasePath) => new(SqliteDatabase.Open(databasePath));

    /// <summary>Opens the store of <paramref name="home"/>; with <paramref name="createIfMissing"/> false, a missing store is an error naming the path.</summary>
    public static SqliteTrackingStore Open(WorkbenchHome home, bool createIfMissing)
    {
        ArgumentNullException.ThrowIfNull(home);
        return new SqliteTrackingStore(SqliteDatabase.Open(home.DatabasePath, createIfMissing));
    }

    public Experiment CreateExperiment(string name, IReadOnlyDictionary<string, string>? tags = null)
    {
        ValidateExperimentName(name);
        var id = Database.Write((connection, transaction) =>
        {
            if (connection.Scalar("SELECT experiment_id FROM experiments WHERE name = $name", transaction, ("$name", name)) is not null)
            {
                throw new InvalidOperationException($"An experiment called '{name}' already exists.");
            }

            var experimentId = InsertExperiment(connection, transaction, name);
            foreach (var (key, value) in tags ?? new Dictionary<string, string>())
            {
                UpsertExperimentTag(connection, transaction, experimentId, key, value);
            }

            return experimentId;
        });
        return GetExperiment(id);
    }

    public Experiment GetExperiment(long experimentId) =>
        Database.Read(connection => ReadExperiments(connection, "WHERE experiment_id = $id", ("$id", experimentId)).SingleOrDefault())
        ?? throw new ExperimentNotFoundException(experimentId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Experiment? GetExperimentByName(string name) =>
        Database.Read(connection => ReadExperiments(connection, "WHERE name = $name", ("$name", name)).SingleOrDefault());

    public Experiment GetOrCreateExperiment(string name)
    {
        ValidateExperimentName(name);
        var existing = GetExperimentByName(name);
        if (existing is not null)
        {
            return existing;
        }

        var id = Database.Write((connection, transaction) =>
            connection.Scalar("SELECT experiment_id FROM experiments WHERE name = $name", transaction, ("$name", name)) is long found
                ? found
                : InsertExperiment(connection, transaction, name));
        return GetExperiment(id);
    }

    public IReadOnlyList<Experiment> ListExperiments() => Database.Read(connection => ReadExperiments(connection, "ORDER BY experiment_id"));

    public void SetExperimentTag(long experimentId, string key, string value)
    {
        KeyRules.Validate(key, "tag");
        KeyRules.ValidateTagValue(key, value);
        Database.Write((connection, transaction) =>
        {
            if (connection.Scalar("SELECT 1 FROM experiments WHERE experiment_id = $id", transaction, ("$id", experimentId)) is null)
            {
                throw new ExperimentNotFoundException(experimentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            UpsertExperimentTag(connection, transaction, experimentId, key, value);
        });
    }

    private static void ValidateExperimentName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 500 || name.Any(char.IsControl))
        {
            throw new ArgumentException($"Experiment name '{name}' must be 1-500 printable characters.", nameof(name));
        }
    }

    private static long InsertExperiment(SqliteConnection connection, SqliteTransaction transaction, string name) =>
        (long)connection.Scalar(
            "INSERT INTO experiments(name, created_at) VALUES ($name, $at) RETURNING experiment_id",
            transaction, ("$name", name), ("$at", UnixTime.Now()))!;

    private static void UpsertExperimentTag(SqliteConnection connection, SqliteTransaction transaction, long experimentId, string key, string value) =>
        connection.Execute(
            "INSERT INTO experiment_tags(experiment_id, key, value) VALUES ($id, $key, $value) ON CONFLICT(experiment_id, key) DO UPDATE SET value = excluded.value",
            transaction, ("$id", experimentId), ("$key", key), ("$value", value));

    private static List<Experiment> ReadExperiments(SqliteConnection connection, string where, params (string, object?)[] parameters)
    {
        var rows = connection.Query(
            $"SELECT experiment_id, name, created_at FROM experiments {where}",
            r => (Id: r.GetInt64(0), Name: r.GetString(1), Created: r.GetInt64(2)), null, parameters);
        var tags = connection.Query("SELECT experiment_id, key, value FROM experiment_tags", r => (Id: r.GetInt64(0), Key: r.GetString(1), Value: r.GetString(2)))
            .GroupBy(t => t.Id)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)g.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));
        return rows.Select(r => new Experiment(
                r.Id, r.Name, UnixTime.FromMilliseconds(r.Created),
                tags.TryGetValue(r.Id, out var t) ? t : new Dictionary<string, string>()))
            .ToList();
    }
}
