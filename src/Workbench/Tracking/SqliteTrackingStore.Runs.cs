using Microsoft.Data.Sqlite;
using Workbench.Tracking.Storage;

namespace Workbench.Tracking;

/// <summary>Runs: creation, status, and reading a run back with its data.</summary>
public sealed partial class SqliteTrackingStore
{
    private const string RunInfoSelect = """
        SELECT r.run_key, r.run_id, r.name, r.experiment_id, e.name, p.run_id, r.status, r.start_time, r.end_time
        FROM runs r
        JOIN experiments e ON e.experiment_id = r.experiment_id
        LEFT JOIN runs p ON p.run_key = r.parent_run_key
        """;

    public RunInfo CreateRun(long experimentId, string name, string? parentRunId, DateTimeOffset startTime, IReadOnlyDictionary<string, string>? tags = null)
    {
        var runId = Guid.NewGuid().ToString("N");
        var runName = string.IsNullOrWhiteSpace(name) ? runId[..8] : name;
        if (runName.Length > 250 || runName.Any(char.IsControl))
        {
            throw new ArgumentException($"Run name '{runName}' must be 1-250 printable characters.", nameof(name));
        }

        var validTags = (tags ?? new Dictionary<string, string>())
            .Select(t => KeyValuePair.Create(KeyRules.Validate(t.Key, "tag"), KeyRules.ValidateTagValue(t.Key, t.Value)))
            .ToList();
        Database.Write((connection, transaction) =>
        {
            if (connection.Scalar("SELECT 1 FROM experiments WHERE experiment_id = $id", transaction, ("$id", experimentId)) is null)
            {
                throw new ExperimentNotFoundException(experimentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            long? parentKey = parentRunId is null ? null : ResolveRunKey(connection, transaction, parentRunId);
            var runKey = (long)connection.Scalar(
                """
                INSERT INTO runs(run_id, experiment_id, name, parent_run_key, status, start_time)
                VALUES ($run_id, $experiment_id, $name, $parent, $status, $start) RETURNING run_key
                """,
                transaction,
                ("$run_id", runId), ("$experiment_id", experimentId), ("$name", runName), ("$parent", parentKey),
                ("$status", RunStatus.Running.ToText()), ("$start", UnixTime.ToMilliseconds(startTime)))!;
            UpsertTags(connection, transaction, runKey, validTags);
        });
        return GetRunInfo(runId);
    }

    public RunInfo GetRunInfo(string runId) =>
        Database.Read(connection => ReadRunInfos(connection, "WHERE r.run_id = $id", ("$id", runId)).SingleOrDefault().Info)
        ?? throw new RunNotFoundException(runId);

    public Run GetRun(string runId) =>
        Database.Read(connection =>
        {
            var found = ReadRunInfos(connection, "WHERE r.run_id = $id", ("$id", runId));
            return found.Count == 0 ? null : LoadRuns(connection, found).Single();
        })
        ?? throw new RunNotFoundException(runId);

    public RunInfo EndRun(string runId, RunStatus status, DateTimeOffset endTime)
    {
        if (status == RunStatus.Running)
        {
            throw new ArgumentException("A run ends as Finished, Failed or Killed, not Running.", nameof(status));
        }

        Database.Write((connection, transaction) =>
        {
            var runKey = ResolveRunKey(connection, transaction, runId);
            connection.Execute(
                "UPDATE runs SET status = $status, end_time = $end WHERE run_key = $key",
                transaction, ("$status", status.ToText()), ("$end", UnixTime.ToMilliseconds(endTime)), ("$key", runKey));
        });
        return GetRunInfo(runId);
    }

    internal static long ResolveRunKey(SqliteConnection connection, SqliteTransaction? transaction, string runId) =>
        connection.Scalar("SELECT run_key FROM runs WHERE run_id = $id", transaction, ("$id", runId)) as long?
        ?? throw new RunNotFoundException(runId);

    private static List<(long Key, RunInfo Info)> ReadRunInfos(SqliteConnection connection, string whereAndOrder, params (string, object?)[] parameters) =>
        connection.Query($"{RunInfoSelect} {whereAndOrder}", ReadRunInfo, null, parameters);

    private static (long Key, RunInfo Info) ReadRunInfo(SqliteDataReader r) =>
        (r.GetInt64(0), new RunInfo(
            RunId: r.GetString(1),
            Name: r.GetString(2),
            ExperimentId: r.GetInt64(3),
            ExperimentName: r.GetString(4),
            ParentRunId: r.NullableString(5),
            Status: RunStatusText.Parse(r.GetString(6)),
            StartTime: UnixTime.FromMilliseconds(r.GetInt64(7)),
            EndTime: UnixTime.FromMilliseconds(r.NullableInt64(8))));

    /// <summary>Loads params, latest metrics, tags, inputs and artifacts of <paramref name="runs"/> with a few set queries.</summary>
    private static List<Run> LoadRuns(SqliteConnection connection, IReadOnlyList<(long Key, RunInfo Info)> runs)
    {
        var keys = runs.Select(r => r.Key).ToList();
        var parameters = ByRun(connection, keys, "SELECT run_key, key, value, type FROM params WHERE run_key IN ({0}) ORDER BY key",
            r => (r.GetString(1), ParamValue.Stored(ParamTypes.Parse(r.GetString(3)), r.GetString(2))));
        var metrics = ByRun(connection, keys, "SELECT run_key, key, value, step, timestamp FROM latest_metrics WHERE run_key IN ({0}) ORDER BY key",
            r => new Metric(r.GetString(1), r.MetricValue(2), r.GetInt64(3), UnixTime.FromMilliseconds(r.GetInt64(4))));
        var tags = ByRun(connection, keys, "SELECT run_key, key, value FROM tags WHERE run_key IN ({0}) ORDER BY key",
            r => (r.GetString(1), r.GetString(2)));
        var inputs = ByRun(connection, keys, "SELECT run_key, fingerprint, name, source, rows, context FROM inputs WHERE run_key IN ({0}) ORDER BY logged_at, name",
            r => new DatasetInput(r.GetString(1), r.GetString(2), r.NullableString(3), r.NullableInt64(4), r.GetString(5)));
        var artifacts = ByRun(connection, keys, "SELECT run_key, path, kind, sha256, size, logged_at FROM artifacts WHERE run_key IN ({0}) ORDER BY path",
            ReadArtifact);
        return runs.Select(run => new Run(
                run.Info,
                parameters.Get(run.Key).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
                metrics.Get(run.Key).ToDictionary(m => m.Key, StringComparer.Ordinal),
                tags.Get(run.Key).ToDictionary(t => t.Item1, t => t.Item2, StringComparer.Ordinal),
                inputs.Get(run.Key),
                artifacts.Get(run.Key)))
            .ToList();
    }

    private static ArtifactEntry ReadArtifact(SqliteDataReader r) =>
        new(r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), UnixTime.FromMilliseconds(r.GetInt64(5)));

    /// <summary>Runs one query per chunk of run keys (bound as parameters) and groups the rows by run.</summary>
    private static ILookup<long, T> ByRun<T>(SqliteConnection connection, IReadOnlyList<long> runKeys, string sqlWithInList, Func<SqliteDataReader, T> map)
    {
        var rows = new List<(long, T)>();
        foreach (var chunk in runKeys.Chunk(500))
        {
            var names = chunk.Select((_, i) => $"$k{i}").ToArray();
            using var command = connection.Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, sqlWithInList, string.Join(',', names)));
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.AddWithValue(names[i], chunk[i]);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), map(reader)));
            }
        }

        return rows.ToLookup(r => r.Item1, r => r.Item2);
    }
}

internal static class LookupExtensions
{
    public static List<T> Get<T>(this ILookup<long, T> lookup, long key) => lookup[key].ToList();
}
