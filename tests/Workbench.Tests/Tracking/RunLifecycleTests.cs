using Workbench.Tracking;

namespace Workbench.Tests.Tracking;

public sealed class RunLifecycleTests : IDisposable
{
    private readonly TrackingHome _home = new();

    private Tracker Tracker => _home.Tracker;

    public void Dispose() => _home.Dispose();

    [Fact]
    public void A_run_that_reaches_End_is_finished_with_an_end_time()
    {
        using var run = Tracker.StartRun("readmission", "baseline");
        Tracker.GetRun(run.RunId).Info.Status.Should().Be(RunStatus.Running);

        var info = run.End();

        info.Status.Should().Be(RunStatus.Finished);
        info.EndTime.Should().NotBeNull().And.BeOnOrAfter(info.StartTime);
        Tracker.GetRun(run.RunId).Info.Should().Be(info);
        info.ExperimentName.Should().Be("readmission");
        info.Name.Should().Be("baseline");
    }

    [Fact]
    public void A_run_disposed_without_End_because_the_code_threw_is_failed()
    {
        string runId = string.Empty;
        var training = () =>
        {
            using var run = Tracker.StartRun("readmission");
            runId = run.RunId;
            run.LogMetric("loss", 0.5, 0);
            throw new InvalidOperationException("diverged");
        };

        training.Should().Throw<InvalidOperationException>();

        var stored = Tracker.GetRun(runId);
        stored.Info.Status.Should().Be(RunStatus.Failed);
        stored.Tag(RunEnvironment.Failure).Should().Contain("without End()");
        stored.Metric("loss").Should().Be(0.5, "metrics logged before the failure are kept");
    }

    [Fact]
    public void The_Run_wrapper_finishes_on_return_and_records_the_exception_on_failure()
    {
        var ok = Tracker.Run("exp", "ok", run => run.LogMetric("auc", 0.9));
        ok.Status.Should().Be(RunStatus.Finished);

        var failing = () => Tracker.Run("exp", "broken", _ => throw new ArgumentException("bad feature 'age'"));

        failing.Should().Throw<ArgumentException>().WithMessage("bad feature 'age'");
        var broken = Tracker.SearchRuns("attributes.run_name = 'broken'").Should().ContainSingle().Subject;
        broken.Info.Status.Should().Be(RunStatus.Failed);
        broken.Tag(RunEnvironment.Failure).Should().Be("System.ArgumentException: bad feature 'age'");
    }

    [Fact]
    public void A_cancelled_run_is_killed()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var cancelled = () => Tracker.Run("exp", "cancelled", _ => cancellation.Token.ThrowIfCancellationRequested());

        cancelled.Should().Throw<OperationCanceledException>();
        Tracker.SearchRuns("attributes.run_name = 'cancelled'").Single().Info.Status.Should().Be(RunStatus.Killed);
    }

    [Fact]
    public async Task The_async_wrapper_marks_the_outcome_too()
    {
        var info = await Tracker.RunAsync("exp", "async", async run =>
        {
            await Task.Yield();
            run.LogMetric("loss", 1.0);
        });
        info.Status.Should().Be(RunStatus.Finished);

        var failing = () => Tracker.RunAsync("exp", "async-broken", async _ =>
        {
            await Task.Yield();
            throw new IOException("disk gone");
        });

        await failing.Should().ThrowAsync<IOException>();
        Tracker.SearchRuns("attributes.run_name = 'async-broken'").Single().Info.Status.Should().Be(RunStatus.Failed);
    }

    [Fact]
    public void The_Run_wrapper_returns_the_body_result_beside_the_run()
    {
        var info = Tracker.Run("exp", "valued", run =>
        {
            run.LogMetric("auc", 0.87);
            return 0.87;
        }, out var auc);

        auc.Should().Be(0.87);
        Tracker.GetRun(info.RunId).Metric("auc").Should().Be(0.87);
    }

    [Fact]
    public void End_twice_keeps_the_first_status()
    {
        using var run = Tracker.StartRun("exp");
        run.End(RunStatus.Killed);

        run.End(RunStatus.Finished).Status.Should().Be(RunStatus.Killed);
        Tracker.GetRun(run.RunId).Info.Status.Should().Be(RunStatus.Killed);
    }

    [Fact]
    public void Nested_runs_record_their_parent_and_share_the_experiment()
    {
        using var sweep = Tracker.StartRun("tuning", "sweep");
        using var trial = sweep.StartChildRun("trial-1");
        trial.End();
        sweep.End();

        var stored = Tracker.GetRun(trial.RunId);
        stored.Info.ParentRunId.Should().Be(sweep.RunId);
        stored.Info.ExperimentName.Should().Be("tuning");
        Tracker.SearchRuns($"attributes.parent_run_id = '{sweep.RunId}'").Select(r => r.RunId).Should().Equal(trial.RunId);
    }

    [Fact]
    public void Unknown_run_ids_are_clear_errors()
    {
        var get = () => Tracker.GetRun("0123456789abcdef");
        get.Should().Throw<RunNotFoundException>().WithMessage("*'0123456789abcdef'*");

        var history = () => Tracker.GetMetricHistory("nope", "loss");
        history.Should().Throw<RunNotFoundException>();

        var end = () => Tracker.Store.EndRun("nope", RunStatus.Finished, DateTimeOffset.UtcNow);
        end.Should().Throw<RunNotFoundException>();

        var child = () => Tracker.Store.CreateRun(Tracker.Store.GetOrCreateExperiment("exp").Id, "orphan", "no-such-parent", DateTimeOffset.UtcNow);
        child.Should().Throw<RunNotFoundException>().WithMessage("*no-such-parent*");
    }

    [Fact]
    public void Writes_to_an_unknown_run_change_nothing()
    {
        Tracker.Run("exp", run => run.LogParam("lr", 0.1));
        var before = _home.Dump();
        var now = DateTimeOffset.UtcNow;

        ((Action)(() => Tracker.Store.LogBatch("nope", [new Metric("loss", 1, 0, now)], [new Param("lr", 0.2)], [KeyValuePair.Create("t", "v")])))
            .Should().Throw<RunNotFoundException>();
        ((Action)(() => Tracker.Store.LogInputs("nope", [new DatasetInput("sha256:" + new string('1', 64), "d")]))).Should().Throw<RunNotFoundException>();
        ((Action)(() => Tracker.Store.RecordArtifacts("nope", [new ArtifactEntry("a.txt", "file", new string('2', 64), 1, now)]))).Should().Throw<RunNotFoundException>();
        ((Action)(() => Tracker.Store.DeleteTag("nope", "t"))).Should().Throw<RunNotFoundException>();

        _home.Dump().Should().Be(before);
    }

    [Fact]
    public void Experiments_are_created_once_and_listed_with_tags()
    {
        var first = Tracker.Store.GetOrCreateExperiment("exp-a");
        Tracker.Store.GetOrCreateExperiment("exp-a").Id.Should().Be(first.Id);
        Tracker.Store.SetExperimentTag(first.Id, "team", "cardiology");

        Tracker.Store.ListExperiments().Should().ContainSingle(e => e.Name == "exp-a")
            .Which.Tags.Should().Contain("team", "cardiology");
        var duplicate = () => Tracker.Store.CreateExperiment("exp-a");
        duplicate.Should().Throw<InvalidOperationException>().WithMessage("*'exp-a' already exists*");
        var missing = () => Tracker.Store.GetExperiment(999);
        missing.Should().Throw<ExperimentNotFoundException>();
    }

    [Fact]
    public void Tags_can_be_set_replaced_and_deleted()
    {
        using var run = Tracker.StartRun("exp", tags: new Dictionary<string, string> { ["team"] = "a" });
        run.SetTag("team", "b").SetTags(new Dictionary<string, string> { ["stage"] = "dev" });
        run.DeleteTag("stage");

        var stored = Tracker.GetRun(run.RunId);
        stored.Tag("team").Should().Be("b");
        stored.Tags.Should().NotContainKey("stage");
        var missing = () => run.DeleteTag("stage");
        missing.Should().Throw<KeyNotFoundException>().WithMessage("*no tag 'stage'*");
        var invalid = () => run.SetTag("bad\nkey", "x");
        invalid.Should().Throw<ArgumentException>().WithMessage("*position 4*");
    }

    [Fact]
    public void Dataset_inputs_are_recorded_and_bad_fingerprints_refused()
    {
        var fingerprint = "sha256:" + new string('0', 63) + "1";
        using var run = Tracker.StartRun("exp");
        run.LogInput(fingerprint, "patients", "data-samples/patients.csv", 5000, DatasetInput.Evaluation);

        Tracker.GetRun(run.RunId).Inputs.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Fingerprint = fingerprint, Name = "patients", Rows = 5000L, Context = "evaluation" });
        var bad = () => run.LogInput("md5:abc", "patients");
        bad.Should().Throw<ArgumentException>().WithMessage("*'md5:abc' is not a fingerprint*");
    }

    [Fact]
    public void A_dataset_file_is_fingerprinted_like_sha256sum()
    {
        var path = Path.Combine(Workbench.Testing.RepoPaths.DataSamples, "wine.csv");
        var expected = Workbench.Testing.ChildProcess.Run("sha256sum", [path]).StandardOutput.Split(' ')[0];

        var input = DatasetInput.FromFile(path, DatasetInput.Evaluation);

        input.Fingerprint.Should().Be("sha256:" + expected);
        input.Name.Should().Be("wine.csv");
        input.Source.Should().Be(path);
        ((Action)(() => DatasetInput.FromFile("missing.csv"))).Should().Throw<FileNotFoundException>().WithMessage("*missing.csv*");
    }
}
