using Microsoft.Data.Sqlite;
using Workbench.Testing;
using Workbench.Tracking;
using Workbench.Tracking.Artifacts;
using Workbench.Tracking.Storage;

namespace Workbench.Tests.Tracking;

[Collection(ProcessStateCollection.Name)]
public sealed class SchemaTests
{
    [Fact]
    public void A_new_store_is_at_the_latest_schema_version_in_WAL_mode()
    {
        using var home = new TrackingHome();
        _ = home.Tracker;
        using var connection = new SqliteConnection($"Data Source={home.Home.DatabasePath};Pooling=False");
        connection.Open();
        using var version = connection.CreateCommand();
        version.CommandText = "SELECT MAX(version), COUNT(*) FROM schema_version";
        using (var reader = version.ExecuteReader())
        {
            reader.Read();
            reader.GetInt32(0).Should().Be(SqliteDatabase.SupportedSchemaVersion);
            reader.GetInt32(1).Should().Be(SqliteDatabase.SupportedSchemaVersion, "every step is recorded");
        }

        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        ((string)mode.ExecuteScalar()!).Should().Be("wal");
    }

    [Fact]
    public void Reopening_a_store_keeps_its_data_and_applies_nothing_twice()
    {
        using var home = new TrackingHome();
        var info = home.Tracker.Run("exp", "first", run => run.LogParam("lr", 0.1));
        SqliteConnection.ClearAllPools();
        var before = home.Dump();

        using var again = Tracker.Open(home.Home, home.Options);
        again.GetRun(info.RunId).Param("lr").Should().Be("0.1");
        home.Dump().Should().Be(before);
    }

    [Fact]
    public void A_store_from_a_newer_schema_is_refused_and_left_byte_for_byte_unchanged()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "workbench.db");
        SqliteDatabase.Open(path);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = "INSERT INTO schema_version(version, description, applied_at) VALUES (99, 'from the future', 0); PRAGMA wal_checkpoint(TRUNCATE);";
            bump.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var hashBefore = Sha256Text.OfFile(path);

        var open = () => SqliteDatabase.Open(path);

        open.Should().Throw<SchemaVersionException>()
            .Where(e => e.FoundVersion == 99 && e.SupportedVersion == SqliteDatabase.SupportedSchemaVersion)
            .WithMessage($"*{path}*schema version 99*upgrade Workbench*");
        SqliteConnection.ClearAllPools();
        Sha256Text.OfFile(path).Should().Be(hashBefore);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_named_in_the_error()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("workbench.db", new string('x', 4096));

        var open = () => SqliteDatabase.Open(path);

        open.Should().Throw<InvalidDataException>().WithMessage($"*{path}*not a SQLite database*");
    }

    [Fact]
    public void Opening_a_missing_store_without_create_names_the_path_and_creates_nothing()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "nested", "workbench.db");

        var open = () => SqliteDatabase.Open(path, createIfMissing: false);

        open.Should().Throw<FileNotFoundException>().WithMessage($"*{path}*WORKBENCH_HOME*");
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void The_home_comes_from_the_argument_then_WORKBENCH_HOME_then_the_current_folder()
    {
        using var directory = new TempDirectory();
        WorkbenchHome.Resolve(directory.Path).Path.Should().Be(directory.Path);
        var previous = Environment.GetEnvironmentVariable(WorkbenchHome.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(WorkbenchHome.EnvironmentVariable, directory.File("from-env"));
            WorkbenchHome.Resolve().Path.Should().Be(directory.File("from-env"));
            Environment.SetEnvironmentVariable(WorkbenchHome.EnvironmentVariable, null);
            WorkbenchHome.Resolve().Path.Should().Be(Path.Combine(Environment.CurrentDirectory, ".workbench"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(WorkbenchHome.EnvironmentVariable, previous);
        }
    }
}
