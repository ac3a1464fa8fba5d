using Microsoft.Data.Sqlite;

namespace Workbench.Tracking.Storage;

/// <summary>
/// The ordered schema changes of the Workbench store. Each applied step is a row in <c>schema_version</c>;
/// opening a store applies the missing steps in one write transaction, and refuses a store whose version is
/// newer than <see cref="Latest"/> before writing anything.
/// </summary>
internal static class SchemaMigrations
{
    private static readonly (int Version, string Description, string Sql)[] Steps =
    [
        (1, "tracking: experiments, runs, params, metrics, tags, inputs, artifacts", TrackingSchema.Sql),
        (2, "registry: models, versions, files, aliases, approvals, promotions", RegistrySchema.Sql),
    ];

    public static int Latest => Steps[^1].Version;

    public static void Apply(SqliteDatabase database)
    {
        int current;
        try
        {
            current = database.Read(ReadVersion);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 26) // SQLITE_NOTADB
        {
            throw new InvalidDataException($"{database.Path} is not a SQLite database (it cannot be a Workbench store): {e.Message}", e);
        }

        if (current > Latest)
        {
            throw new SchemaVersionException(database.Path, current, Latest);
        }

        EnsureWriteAheadLog(database);
        if (current == Latest)
        {
            return;
        }

        database.Write((connection, transaction) =>
        {
            // Another process may have migrated between our read and taking the write lock.
            var locked = ReadVersion(connection, transaction);
            if (locked > Latest)
            {
                throw new SchemaVersionException(database.Path, locked, Latest);
            }

            foreach (var (version, description, sql) in Steps.Where(s => s.Version > locked))
            {
                connection.Execute(sql, transaction);
                connection.Execute(
                    "INSERT INTO schema_version(version, description, applied_at) VALUES ($version, $description, $at)",
                    transaction,
                    ("$version", version), ("$description", description), ("$at", UnixTime.Now()));
            }
        });
    }

    /// <summary>The highest applied version, 0 for an empty file.</summary>
    public static int ReadVersion(SqliteConnection connection) => ReadVersion(connection, null);

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var hasTable = connection.Scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", transaction) is not null;
        if (!hasTable)
        {
            return 0;
        }

        return Convert.ToInt32(connection.Scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction) ?? 0L);
    }

    private static void EnsureWriteAheadLog(SqliteDatabase database)
    {
        var deadline = DateTime.UtcNow + SqliteDatabase.WriteRetryLimit;
        while (true)
        {
            try
            {
                using var connection = database.OpenConnection();
                if (!string.Equals(connection.Scalar("PRAGMA journal_mode") as string, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    connection.Execute("PRAGMA journal_mode=WAL");
                }

                return;
            }
            catch (SqliteException e) when (SqliteDatabase.IsBusy(e) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(5, 50));
            }
        }
    }
}
