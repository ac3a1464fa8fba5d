using Microsoft.Data.Sqlite;
using Workbench.Tracking.Storage;

namespace Workbench.Tracking;

/// <summary>What a run logs: metrics, parameters, tags, inputs and the artifact index.</summary>
public sealed partial class SqliteTrackingStore
{
    public void LogBatch(string runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        // Grouped, packed and validated before the write lock is taken, and not redone when a busy store retries.
        var chunks = MetricChunkCodec.Build(metrics);
        foreach (var parameter in parameters)
        {
            KeyRules.Validate(parameter.Key, "parameter");
        }

        foreach (var (key, value) in tags)
        {
            KeyRules.Validate(key, "tag");
            KeyRules.ValidateTagValue(key, value);
        }

        Database.Write((connection, transaction) =>
        {
            var runKey = ResolveRunKey(connection, transaction, runId);
            InsertParams(connection, transaction, runId, runKey, parameters);
            UpsertTags(connection, transaction, runKey, tags);
            InsertMetrics(connection, transaction, runKey, chunks);
        });
    }

    public void DeleteTag(string runId, string key) =>
        Database.Write((connection, transaction) =>
        {
            var runKey = ResolveRunKey(connection, transaction, runId);
            if (connection.Execute("DELETE FROM tags WHERE run_key = $run AND key = $key", transaction, ("$run", runKey), ("$key", key)) == 0)
            {
                throw new KeyNotFoundException($"Run {runId} has no tag '{key}'.");
            }
        });

    public void LogInputs(string runId, IReadOnlyList<DatasetInput> inputs) =>
        Database.Write((connection, transaction) =>
        {
            var runKey = ResolveRunKey(connection, transaction, runId);
            foreach (var input in inputs)
            {
                connection.Execute(
                    """
                    INSERT INTO inputs(run_key, fingerprint, context, name, source, rows, logged_at)
                    VALUES ($run, $fingerprint, $context, $name, $source, $rows, $at)
                    ON CONFLICT(run_key, fingerprint, context) DO UPDATE SET name = excluded.name, source = excluded.source, rows = excluded.rows
                    """,
                    transaction,
                    ("$run", runKey), ("$fingerprint", input.Fingerprint), ("$context", input.Context), ("$name", input.Name),
                    ("$source", input.Source), ("$rows", input.Rows), ("$at", UnixTime.Now()));
            }
        });

    public void RecordArtifacts(string runId, IReadOnlyList<ArtifactEntry> artifacts)
    {
        foreach (var artifact in artifacts)
        {
            KeyRules.ValidateArtifactPath(artifact.Path);
            ArtifactKind.Validate(artifact.Kind);
            Artifacts.Sha256Text.Require(artifact.Sha256);
        }

        Database.Write((connection, transaction) =>
        {
            var runKey = ResolveRunKey(connection, transaction, runId);
            foreach (var artifact in artifacts)
            {
                connection.Execute(
                    """
                    INSERT INTO artifacts(run_key, path, kind, sha256, size, logged_at) VALUES ($run, $path, $kind, $sha, $size, $at)
                    ON CONFLICT(run_key, path) DO UPDATE SET kind = excluded.kind, sha256 = excluded.sha256, size = excluded.size, logged_at = excluded.logged_at
                    """,
                    transaction,
                    ("$run", runKey), ("$path", artifact.Path), ("$kind", artifact.Kind), ("$sha", artifact.Sha256),
                    ("$size", artifact.Size), ("$at", UnixTime.ToMilliseconds(artifact.LoggedAt)));
            }
        });
    }

    public IReadOnlyList<ArtifactEntry> ListArtifacts(string runId) =>
        Database.Read(connection =>
        {
            var runKey = ResolveRunKey(connection, null, runId);
            return connection.Query(
                "SELECT run_key, path, kind, sha256, size, logged_at FROM artifacts WHERE run_key = $run ORDER BY path",
                ReadArtifact, null, ("$run", runKey));
        });

    public IReadOnlyList<Metric> GetMetricHistory(string runId, string key) =>
        Database.Read(connection =>
        {
            var runKey = ResolveRunKey(connection, null, runId);
            var points = new List<Metric>();
            using var command = connection.Command(
                "SELECT data FROM metric_chunks WHERE run_key = $run AND key = $key ORDER BY chunk_id", null, ("$run", runKey), ("$key", key));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                MetricChunkCodec.Decode(key, (byte[])reader.GetValue(0), points);
            }

            // Stable: points of one step and time keep the order they were logged in.
            return points.OrderBy(p => p.Step).ThenBy(p => p.Timestamp).ToList();
        });

    private static void InsertParams(SqliteConnection connection, SqliteTransaction transaction, string runId, long runKey, IReadOnlyList<Param> parameters)
    {
        var seen = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            if (seen.TryGetValue(key, out var earlier) && earlier != value)
            {
                throw new ParamChangedException(runId, key, earlier, value);
            }

            seen[key] = value;
            var stored = connection.Query(
                "SELECT value, type FROM params WHERE run_key = $run AND key = $key",
                r => ParamValue.Stored(ParamTypes.Parse(r.GetString(1)), r.GetString(0)),
                transaction, ("$run", runKey), ("$key", key));
            if (stored.Count == 1)
            {
                if (stored[0] != value)
                {
                    throw new ParamChangedException(runId, key, stored[0], value);
                }

                continue;
            }

            connection.Execute(
                "INSERT INTO params(run_key, key, value, type) VALUES ($run, $key, $value, $type)",
                transaction, ("$run", runKey), ("$key", key), ("$value", value.Text), ("$type", ParamTypes.ToText(value.Type)));
        }
    }

    private static void UpsertTags(SqliteConnection connection, SqliteTransaction transaction, long runKey, IEnumerable<KeyValuePair<string, string>> tags)
    {
        foreach (var (key, value) in tags)
        {
            connection.Execute(
                "INSERT INTO tags(run_key, key, value) VALUES ($run, $key, $value) ON CONFLICT(run_key, key) DO UPDATE SET value = excluded.value",
                transaction, ("$run", runKey), ("$key", key), ("$value", value));
        }
    }

    /// <summary>One chunk row per key of the batch (points in logging order), and each key's latest value.</summary>
    private static void InsertMetrics(SqliteConnection connection, SqliteTransaction transaction, long runKey, List<MetricChunk> chunks)
    {
        if (chunks.Count == 0)
        {
            return;
        }

        using var insert = connection.Command(
            """
            INSERT INTO metric_chunks(run_key, key, first_step, last_step, points, data)
            VALUES ($run, $key, $first, $last, $points, $data)
            """,
            transaction, ("$run", runKey), ("$key", ""), ("$first", 0L), ("$last", 0L), ("$points", 0), ("$data", Array.Empty<byte>()));
        // Keeps one row per (run, key) with the value at the highest step (then latest time), which search and sort read.
        using var upsert = connection.Command(
            """
            INSERT INTO latest_metrics(run_key, key, step, timestamp, value) VALUES ($run, $key, $step, $time, $value)
            ON CONFLICT(run_key, key) DO UPDATE SET step = excluded.step, timestamp = excluded.timestamp, value = excluded.value
            WHERE excluded.step > latest_metrics.step
               OR (excluded.step = latest_metrics.step AND excluded.timestamp >= latest_metrics.timestamp)
            """,
            transaction, ("$run", runKey), ("$key", ""), ("$step", 0L), ("$time", 0L), ("$value", 0.0));
        foreach (var chunk in chunks)
        {
            insert.Parameters["$key"].Value = chunk.Key;
            insert.Parameters["$first"].Value = chunk.FirstStep;
            insert.Parameters["$last"].Value = chunk.LastStep;
            insert.Parameters["$points"].Value = chunk.Points;
            insert.Parameters["$data"].Value = chunk.Data;
            insert.ExecuteNonQuery();
            upsert.Parameters["$key"].Value = chunk.Key;
            upsert.Parameters["$step"].Value = chunk.Latest.Step;
            upsert.Parameters["$time"].Value = UnixTime.ToMilliseconds(chunk.Latest.Timestamp);
            upsert.Parameters["$value"].Value = SqliteCommands.MetricParameter(chunk.Latest.Value);
            upsert.ExecuteNonQuery();
        }
    }
}
