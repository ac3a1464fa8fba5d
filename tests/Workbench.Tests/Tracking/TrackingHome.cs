using Microsoft.Data.Sqlite;
using Workbench.Registry;
using Workbench.Testing;
using Workbench.Tracking;

namespace Workbench.Tests.Tracking;

/// <summary>A fresh Workbench home in a temp folder with a tracker (environment capture off unless asked) and a registry.</summary>
public sealed class TrackingHome : IDisposable
{
    private readonly TempDirectory _directory = new("wb-tracking");
    private Tracker? _tracker;

    public TrackingHome(bool captureEnvironment = false, TrackerOptions? options = null)
    {
        Home = new WorkbenchHome(Path.Combine(_directory.Path, "home"));
        Options = (options ?? new TrackerOptions()) with { CaptureEnvironment = captureEnvironment };
    }

    public WorkbenchHome Home { get; }

    public TrackerOptions Options { get; }

    public string Folder => _directory.Path;

    public Tracker Tracker => _tracker ??= Tracker.Open(Home, Options);

    public ModelRegistry Registry => new(Tracker);

    /// <summary>Writes a file under the temp folder and returns its path.</summary>
    public string File(string relative, string contents) => _directory.Write(relative, contents);

    /// <summary>Every row of every table, as text: for asserting that a refused operation changed nothing.</summary>
    public string Dump()
    {
        Tracker.Flush();
        using var connection = new SqliteConnection($"Data Source={Home.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
            using var reader = select.ExecuteReader();
            dump.Append("## ").AppendLine(table);
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                dump.AppendLine();
            }
        }

        return dump.ToString();
    }

    public void Dispose()
    {
        _tracker?.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
