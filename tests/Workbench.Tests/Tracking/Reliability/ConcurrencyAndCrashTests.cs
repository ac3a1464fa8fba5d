using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Workbench.Registry;
using Workbench.Tracking;
using Workbench.Tracking.Artifacts;
using Workbench.Tracking.Storage;

namespace Workbench.Tests.Tracking.Reliability;

/// <summary>Real processes on a real SQLite file: concurrent writers, a writer killed mid-batch, racing registrations, SIGTERM.</summary>
[Trait("Category", "Reliability")]
public sealed class ConcurrencyAndCrashTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    private string HomePath => _home.Home.Path;

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_home.Home.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [Fact]
    public void Eight_processes_logging_5000_metrics_and_50_artifacts_each_lose_nothing()
    {
        const int processes = 8, metrics = 5_000, artifacts = 50;
        var go = Path.Combine(_home.Folder, "go");
        Directory.CreateDirectory(HomePath);

        var outputs = StressProcess.RunTogether(go,
            Enumerable.Range(0, processes).Select(p => new[] { "log", HomePath, $"writer-{p}", $"{metrics}", $"{artifacts}", go }).ToList());

        var runIds = outputs.Select(o => o.Trim()).ToList();
        runIds.Distinct().Should().HaveCount(processes);
        Count("SELECT COALESCE(SUM(points), 0) FROM metric_chunks").Should().Be(processes * metrics);
        Count("SELECT COUNT(*) FROM artifacts").Should().Be(processes * artifacts);
        var tracker = _home.Tracker;
        foreach (var runId in runIds)
        {
            var run = tracker.GetRun(runId);
            run.Info.Status.Should().Be(RunStatus.Finished);
            run.Metrics.Should().HaveCount(10);
            for (var key = 0; key < 10; key++)
            {
                var history = tracker.GetMetricHistory(runId, $"m{key}");
                history.Select(m => m.Step).Should().Equal(Enumerable.Range(0, metrics / 10).Select(i => (long)i));
                history.Select(m => m.Value).Should().Equal(Enumerable.Range(0, metrics / 10).Select(i => (double)((i * 10) + key)));
            }

            run.Artifacts.Should().HaveCount(artifacts);
            foreach (var artifact in run.Artifacts)
            {
                tracker.Artifacts.Verify(artifact.Sha256, $"{runId}/{artifact.Path}");
            }

            tracker.ReadArtifactText(runId, "files/file_1.txt").Should().Be($"{run.Info.Name} artifact 1");
            tracker.ReadArtifactText(runId, "files/file_5.txt").Should().Be("shared content 5");
        }

        var objects = Directory.GetFiles(Path.Combine(_home.Home.ArtifactsPath, "objects"), "*", SearchOption.AllDirectories);
        objects.Should().HaveCount((processes * artifacts * 4 / 5) + (artifacts / 5), "shared contents are stored once");
        Directory.GetFiles(Path.Combine(_home.Home.ArtifactsPath, "tmp")).Should().BeEmpty();
    }

    [Fact]
    public void A_writer_killed_mid_batch_leaves_a_clean_store_with_earlier_data_and_the_run_not_finished()
    {
        var (victim, runId) = StressProcess.StartWithRun("crash", HomePath);
        using var _ = victim;
        // Wait until the background writer is committing beyond the flushed 1,000 points: it is mid-stream.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (Count("SELECT COALESCE(SUM(points), 0) FROM metric_chunks") < 20_000 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        victim.Kill(); // SIGKILL: no handler, no flush, no cleanup
        victim.WaitForExit();

        SqliteConnection.ClearAllPools();
        var database = SqliteDatabase.Open(_home.Home.DatabasePath);
        database.Read(c =>
        {
            using var check = c.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            return (string)check.ExecuteScalar()!;
        }).Should().Be("ok");
        var tracker = _home.Tracker;
        var run = tracker.GetRun(runId);
        run.Info.Status.Should().Be(RunStatus.Running);
        run.Info.IsEnded.Should().BeFalse();
        run.Param("lr").Should().Be("0.01");
        RunEnvironment.IsProcessGone(run.Tags).Should().BeTrue("the writer process is dead");
        var history = tracker.GetMetricHistory(runId, "loss");
        history.Count.Should().BeGreaterThanOrEqualTo(20_000);
        history.Select(m => m.Step).Should().Equal(Enumerable.Range(0, history.Count).Select(i => (long)i), "committed batches are whole and in order");
        history[999].Value.Should().Be(1.0 / 1000);
        tracker.Run("after-crash", r => r.LogMetric("ok", 1)).Status.Should().Be(RunStatus.Finished, "the store still takes writes");
    }

    [Fact]
    public void Two_processes_racing_to_register_versions_get_distinct_numbers()
    {
        var model = Path.Combine(_home.Folder, "model.bin");
        File.WriteAllText(model, "weights");
        var runId = _home.Tracker.Run("race", r => r.LogModel(model)).RunId;
        _home.Tracker.Dispose();
        var go = Path.Combine(_home.Folder, "go-register");

        var outputs = StressProcess.RunTogether(go, [
            ["register", HomePath, "raced", runId, "25", go],
            ["register", HomePath, "raced", runId, "25", go],
        ]);

        var versions = outputs.SelectMany(o => o.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).ToList();
        versions.Should().HaveCount(50).And.OnlyHaveUniqueItems();
        versions.Order().Should().Equal(Enumerable.Range(1, 50));
        ModelRegistry.Open(HomePath).ListVersions("raced").Select(v => v.Version).Should().Equal(Enumerable.Range(1, 50));
    }

    [Fact]
    public void A_process_terminated_with_SIGTERM_marks_its_run_killed()
    {
        var (process, runId) = StressProcess.StartWithRun("linger", HomePath);
        using var _ = process;

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        process.WaitForExit(60_000).Should().BeTrue();
        var run = _home.Tracker.GetRun(runId);
        run.Info.Status.Should().Be(RunStatus.Killed);
        run.Tag(RunEnvironment.Failure).Should().Be("the process exited before the run ended");
        run.Metric("loss").Should().Be(0.5);
    }

    [Fact]
    public void A_process_that_exits_without_ending_its_run_marks_it_killed()
    {
        Directory.CreateDirectory(HomePath);

        var runId = StressProcess.Run("abandon", HomePath).Trim();

        var run = _home.Tracker.GetRun(runId);
        run.Info.Status.Should().Be(RunStatus.Killed);
        _home.Tracker.GetMetricHistory(runId, "loss").Should().HaveCount(100, "queued metrics are flushed on the way out");
    }
}
