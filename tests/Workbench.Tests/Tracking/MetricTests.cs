using Workbench.Tracking;

namespace Workbench.Tests.Tracking;

public sealed class MetricTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Every_logged_step_is_in_the_history_in_step_order()
    {
        using var run = _home.Tracker.StartRun("exp");
        for (var step = 9; step >= 0; step--)
        {
            run.LogMetric("loss", 1.0 / (step + 1), step);
        }

        run.End();

        var history = _home.Tracker.GetMetricHistory(run.RunId, "loss");
        history.Select(m => m.Step).Should().Equal(Enumerable.Range(0, 10).Select(i => (long)i));
        history.Select(m => m.Value).Should().Equal(Enumerable.Range(0, 10).Select(i => 1.0 / (i + 1)));
    }

    [Fact]
    public void The_latest_value_is_the_one_at_the_highest_step_whatever_the_logging_order()
    {
        using var run = _home.Tracker.StartRun("exp");
        run.LogMetric("auc", 0.8, step: 5);
        run.Flush();
        run.LogMetric("auc", 0.7, step: 2);
        run.End();

        _home.Tracker.GetRun(run.RunId).Metrics["auc"].Should().BeEquivalentTo(new { Value = 0.8, Step = 5L });
    }

    [Fact]
    public void NaN_and_infinities_survive_the_round_trip()
    {
        using var run = _home.Tracker.StartRun("exp");
        run.LogMetric("loss", double.NaN, 0);
        run.LogMetric("loss", double.PositiveInfinity, 1);
        run.LogMetric("loss", double.NegativeInfinity, 2);
        run.End();

        _home.Tracker.GetMetricHistory(run.RunId, "loss").Select(m => m.Value)
            .Should().Equal(double.NaN, double.PositiveInfinity, double.NegativeInfinity);
    }

    [Fact]
    public void Timestamps_are_kept_to_the_millisecond()
    {
        var at = new DateTimeOffset(2026, 3, 1, 12, 30, 45, 123, TimeSpan.Zero);
        using var run = _home.Tracker.StartRun("exp");
        run.LogMetric("loss", 0.1, 3, at);
        run.End();

        _home.Tracker.GetMetricHistory(run.RunId, "loss").Single().Timestamp.Should().Be(at);
    }

    [Fact]
    public void LogMetric_returns_before_the_write_and_Flush_makes_it_visible()
    {
        using var home = new TrackingHome(options: new TrackerOptions { FlushInterval = TimeSpan.FromHours(1) });
        using var run = home.Tracker.StartRun("exp");
        run.LogMetric("loss", 0.3, 1);

        home.Tracker.Store.GetMetricHistory(run.RunId, "loss").Should().BeEmpty("the writer has not run yet (interval of an hour)");
        run.Flush();
        home.Tracker.Store.GetMetricHistory(run.RunId, "loss").Should().ContainSingle();
    }

    [Fact]
    public void A_full_queue_applies_backpressure_and_loses_nothing()
    {
        using var home = new TrackingHome(options: new TrackerOptions { MetricQueueCapacity = 64, MetricBatchSize = 16 });
        using var run = home.Tracker.StartRun("exp");
        for (var step = 0; step < 20_000; step++)
        {
            run.LogMetric("loss", step, step);
        }

        run.End();

        home.Tracker.GetMetricHistory(run.RunId, "loss").Should().HaveCount(20_000);
    }

    [Fact]
    public void Several_threads_can_log_to_one_run()
    {
        using var run = _home.Tracker.StartRun("exp");

        Parallel.For(0, 8, worker =>
        {
            for (var step = 0; step < 2_500; step++)
            {
                run.LogMetric($"worker_{worker}", step, step);
            }
        });
        run.End();

        var stored = _home.Tracker.GetRun(run.RunId);
        stored.Metrics.Should().HaveCount(8);
        for (var worker = 0; worker < 8; worker++)
        {
            _home.Tracker.GetMetricHistory(run.RunId, $"worker_{worker}").Should().HaveCount(2_500);
        }
    }

    [Fact]
    public void Runs_logging_at_once_through_one_tracker_keep_their_own_points()
    {
        using var first = _home.Tracker.StartRun("exp", "first");
        using var second = first.StartChildRun("second");
        for (var step = 0; step < 3_000; step++)
        {
            first.LogMetric("loss", step, step);
            second.LogMetric("loss", -step, step);
        }

        second.End();
        first.End();

        _home.Tracker.GetMetricHistory(first.RunId, "loss").Select(m => m.Value).Should().Equal(Enumerable.Range(0, 3_000).Select(i => (double)i));
        _home.Tracker.GetMetricHistory(second.RunId, "loss").Select(m => m.Value).Should().Equal(Enumerable.Range(0, 3_000).Select(i => (double)-i));
    }

    [Fact]
    public void A_damaged_metric_chunk_is_reported_naming_the_metric()
    {
        using var run = _home.Tracker.StartRun("exp");
        run.LogMetric("loss", 1, 0);
        run.Flush();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_home.Home.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE metric_chunks SET data = x'0102'";
            damage.ExecuteNonQuery();
        }

        var read = () => _home.Tracker.GetMetricHistory(run.RunId, "loss");

        read.Should().Throw<InvalidDataException>().WithMessage("*metric 'loss' has 2 bytes*damaged*");
        run.End();
    }

    [Fact]
    public void Dict_logging_writes_one_step_for_all_keys()
    {
        using var run = _home.Tracker.StartRun("exp");
        run.LogMetrics(new Dictionary<string, double> { ["precision"] = 0.7, ["recall"] = 0.6 }, step: 4);
        run.End();

        var stored = _home.Tracker.GetRun(run.RunId);
        stored.Metrics.Values.Select(m => m.Step).Should().AllBeEquivalentTo(4L);
        stored.Metric("precision").Should().Be(0.7);
    }

    [Fact]
    public void Invalid_metric_names_fail_at_the_call_not_later()
    {
        using var run = _home.Tracker.StartRun("exp");

        var bad = () => run.LogMetric("val/loss;drop", 1);

        bad.Should().Throw<ArgumentException>().WithMessage("*'val/loss;drop' has ';' at position 9*");
    }

    [Fact]
    public void A_store_failure_in_the_background_is_reported_by_Flush_and_the_metrics_are_kept_queued()
    {
        var store = new FailingStore(_home.Tracker.Store);
        using var tracker = new Tracker(store, _home.Tracker.Artifacts, _home.Options);
        using var run = tracker.StartRun("exp");
        store.Fail = true;
        run.LogMetric("loss", 1, 0);

        var flush = () => run.Flush();

        flush.Should().Throw<MetricFlushException>().WithMessage("*disk full*").WithInnerException<IOException>();
        store.Fail = false;
        run.Flush();
        tracker.GetMetricHistory(run.RunId, "loss").Should().ContainSingle("the failed batch was retried, not dropped");
        run.End();
    }

    /// <summary>A real store whose metric writes fail on demand (the disk-full case cannot be produced on demand here).</summary>
    private sealed class FailingStore(ITrackingStore inner) : ITrackingStore
    {
        public volatile bool Fail;

        public void LogBatch(string runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<KeyValuePair<string, string>> tags)
        {
            if (Fail && metrics.Count > 0)
            {
                throw new IOException("disk full");
            }

            inner.LogBatch(runId, metrics, parameters, tags);
        }

        public Experiment CreateExperiment(string name, IReadOnlyDictionary<string, string>? tags = null) => inner.CreateExperiment(name, tags);

        public Experiment GetExperiment(long experimentId) => inner.GetExperiment(experimentId);

        public Experiment? GetExperimentByName(string name) => inner.GetExperimentByName(name);

        public Experiment GetOrCreateExperiment(string name) => inner.GetOrCreateExperiment(name);

        public IReadOnlyList<Experiment> ListExperiments() => inner.ListExperiments();

        public void SetExperimentTag(long experimentId, string key, string value) => inner.SetExperimentTag(experimentId, key, value);

        public RunInfo CreateRun(long experimentId, string name, string? parentRunId, DateTimeOffset startTime, IReadOnlyDictionary<string, string>? tags = null) =>
            inner.CreateRun(experimentId, name, parentRunId, startTime, tags);

        public RunInfo GetRunInfo(string runId) => inner.GetRunInfo(runId);

        public Run GetRun(string runId) => inner.GetRun(runId);

        public RunInfo EndRun(string runId, RunStatus status, DateTimeOffset endTime) => inner.EndRun(runId, status, endTime);

        public void DeleteTag(string runId, string key) => inner.DeleteTag(runId, key);

        public void LogInputs(string runId, IReadOnlyList<DatasetInput> inputs) => inner.LogInputs(runId, inputs);

        public void RecordArtifacts(string runId, IReadOnlyList<ArtifactEntry> artifacts) => inner.RecordArtifacts(runId, artifacts);

        public IReadOnlyList<ArtifactEntry> ListArtifacts(string runId) => inner.ListArtifacts(runId);

        public IReadOnlyList<Metric> GetMetricHistory(string runId, string key) => inner.GetMetricHistory(runId, key);

        public IReadOnlyList<Run> SearchRuns(RunQuery query) => inner.SearchRuns(query);
    }
}
