using Microsoft.Data.Sqlite;

namespace Workbench.Tracking.Storage;

/// <summary>
/// One Workbench SQLite file: opens pooled connections with the pragmas every connection needs, checks and
/// migrates the schema once, and runs writes as <c>BEGIN IMMEDIATE</c> transactions retried on
/// <c>SQLITE_BUSY</c>, so several processes can write to the same file at once.
/// </summary>
/// <remarks>
/// A connection is not thread-safe; each operation opens its own (cheap: connections are pooled). WAL mode lets
/// readers run while one writer commits; taking the write lock up front (IMMEDIATE) avoids the deadlock of two
/// readers upgrading to writers at once, which SQLite reports as BUSY without waiting.
/// </remarks>
public sealed class SqliteDatabase
{
    /// <summary>How long one statement waits for another process's lock before SQLite reports BUSY.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long a write keeps retrying after BUSY before giving up with a clear error.</summary>
    public static readonly TimeSpan WriteRetryLimit = TimeSpan.FromMinutes(2);

    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly string _connectionString;

    private SqliteDatabase(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The schema version this build of Workbench writes.</summary>
    public static int SupportedSchemaVersion => SchemaMigrations.Latest;

    /// <summary>
    /// Opens (and with <paramref name="createIfMissing"/>, creates) the database at <paramref name="path"/>,
    /// refusing one written by a newer Workbench before anything in it is touched.
    /// </summary>
    /// <exception cref="SchemaVersionException">The file's schema is newer than this build understands.</exception>
    /// <exception cref="FileNotFoundException">The file is missing and <paramref name="createIfMissing"/> is false.</exception>
    public static SqliteDatabase Open(string path, bool createIfMissing = true)
    {
        _ = NativeLibrary.Value;
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            if (!createIfMissing)
            {
                throw new FileNotFoundException($"No Workbench store at {fullPath} (set --home or {WorkbenchHome.EnvironmentVariable}).", fullPath);
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        var database = new SqliteDatabase(fullPath, builder.ToString());
        SchemaMigrations.Apply(database);
        return database;
    }

    /// <summary>An open connection with busy timeout and foreign keys on; dispose it when done.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> on a fresh connection without a write lock (WAL readers see the last commit).</summary>
    public T Read<T>(Func<SqliteConnection, T> work)
    {
        using var connection = OpenConnection();
        return work(connection);
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside <c>BEGIN IMMEDIATE</c> and commits; on BUSY / LOCKED the whole unit is
    /// rolled back and retried with backoff, so <paramref name="work"/> must only touch the database.
    /// Any other exception rolls back and propagates: nothing of a failed unit is stored.
    /// </summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var started = DateTime.UtcNow;
        var delay = TimeSpan.FromMilliseconds(5);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = OpenConnection();
                using var transaction = connection.BeginTransaction(deferred: false);
                var result = work(connection, transaction);
                transaction.Commit();
                return result;
            }
            catch (SqliteException e) when (IsBusy(e))
            {
                if (DateTime.UtcNow - started > WriteRetryLimit)
                {
                    throw new TimeoutException(
                        $"The Workbench store {Path} stayed locked by another writer for {WriteRetryLimit.TotalSeconds:0} s ({attempt} attempts); nothing was written.", e);
                }

                Thread.Sleep(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 5)));
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
            }
        }
    }

    /// <summary><see cref="Write{T}"/> for work with no result.</summary>
    public void Write(Action<SqliteConnection, SqliteTransaction> work) =>
        Write<bool>((connection, transaction) =>
        {
            work(connection, transaction);
            return true;
        });

    internal static bool IsBusy(SqliteException e) => e.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    public override string ToString() => Path;
}
