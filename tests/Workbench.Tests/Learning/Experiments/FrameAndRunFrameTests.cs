using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Learning.Experiments;
using Workbench.Testing;
using Workbench.Tests.Tracking;
using Workbench.Tracking;

namespace Workbench.Tests.Learning.Experiments;

/// <summary>Frames as run artifacts and dataset inputs; runs and metric histories as frames.</summary>
public sealed class FrameAndRunFrameTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void A_frame_logged_as_input_carries_its_content_fingerprint_and_as_artifact_its_csv()
    {
        var patients = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv"));
        var (train, test) = patients.TrainTestSplit(0.2, seed: 1, stratify: "readmitted_30d");
        DatasetInput? trainInput = null;
        var info = _home.Tracker.Run("readmission", run =>
        {
            trainInput = run.LogInput(train, "patients-train", source: "data-samples/patients.csv");
            run.LogInput(test, "patients-test", DatasetInput.Evaluation);
            run.LogFrame(test, "data/test.csv");
        });

        var stored = _home.Tracker.GetRun(info.RunId);
        trainInput!.Fingerprint.Should().Be(DatasetFingerprint.Of(train));
        stored.Inputs.Should().BeEquivalentTo(new[]
        {
            new DatasetInput(DatasetFingerprint.Of(train), "patients-train", "data-samples/patients.csv", train.RowCount, DatasetInput.Training),
            new DatasetInput(DatasetFingerprint.Of(test), "patients-test", null, test.RowCount, DatasetInput.Evaluation),
        });
        DatasetFingerprint.Of(train).Should().NotBe(DatasetFingerprint.Of(test));

        var artifact = stored.Artifacts.Single();
        artifact.Path.Should().Be("data/test.csv");
        artifact.Kind.Should().Be(ArtifactKind.Frame);
        _home.Tracker.ReadArtifactText(info.RunId, "data/test.csv").Should().Be(CsvWriter.ToText(test), "the artifact is the frame's CSV, byte for byte");
        var back = _home.Tracker.ReadFrameArtifact(info.RunId, "data/test.csv");
        back.Shape.Should().Be(test.Shape);
        back.ColumnNames.Should().Equal(test.ColumnNames);
        back["patient_id"].Format(17).Should().Be(test["patient_id"].Format(17));
    }

    [Fact]
    public void Bad_artifact_paths_and_missing_frames_are_refused()
    {
        var run = _home.Tracker.StartRun("x");
        var frame = Frame.FromArrays(("a", new[] { 1.0, 2.0 }));
        run.Invoking(r => r.LogFrame(frame, "/abs/path.csv")).Should().Throw<ArgumentException>().WithMessage("*must be relative*");
        run.Invoking(r => r.LogFrame(null!, "a.csv")).Should().Throw<ArgumentNullException>();
        run.Invoking(r => r.LogInput(frame, " ")).Should().Throw<ArgumentException>();
        run.End();
        _home.Tracker.GetRun(run.RunId).Artifacts.Should().BeEmpty();
    }

    [Fact]
    public void A_run_table_becomes_a_typed_frame_with_missing_cells_where_runs_lack_values()
    {
        _home.Tracker.Run("sweep", "a", r => { r.LogParams(new { hidden = "128,64", lr = 0.001, epochs = 20 }); r.LogMetric("val_accuracy", 0.95, 20); r.SetTag("note", "baseline"); });
        _home.Tracker.Run("sweep", "b", r => { r.LogParams(new { hidden = "64", lr = 0.003, epochs = 20 }); r.LogMetric("val_accuracy", 0.97, 20); r.LogMetric("val_loss", 0.1, 20); });
        _home.Tracker.Run("sweep", "c", r => { r.LogParams(new { hidden = 32, lr = "auto" }); });

        var runs = _home.Tracker.SearchRuns(orderBy: "attributes.run_name ASC", experiments: ["sweep"]);
        var frame = runs.ToFrame();
        frame.RowCount.Should().Be(3);
        frame.ColumnNames.Take(7).Should().Equal("run_id", "run_name", "experiment", "status", "start_time", "end_time", "duration_s");
        frame["run_name"].Type.Should().Be(ColumnType.String);
        frame["start_time"].Type.Should().Be(ColumnType.DateTime);
        frame["duration_s"].Type.Should().Be(ColumnType.Double);
        frame["metrics.val_accuracy"].Type.Should().Be(ColumnType.Double);
        frame["params.epochs"].Type.Should().Be(ColumnType.Double);
        frame["params.lr"].Type.Should().Be(ColumnType.String, "0.001 in one run and 'auto' in another is text");
        frame["params.hidden"].Type.Should().Be(ColumnType.String);
        Cells(frame["metrics.val_accuracy"]).Should().Equal(0.95, 0.97, null);
        frame["metrics.val_loss"].NullCount.Should().Be(2);
        frame["params.lr"].Format(0).Should().Be("0.001");
        frame["params.hidden"].Format(2).Should().Be("32");
        frame["tags.note"].Format(0).Should().Be("baseline");
        frame["tags.note"].IsNull(1).Should().BeTrue();
        frame.Contains("tags.workbench.dotnet").Should().BeFalse("system tags only when asked");
        frame["start_time"].Format(0).Should().Be(DateTimeColumn.FormatIso(runs[0].Info.StartTime.UtcDateTime));

        var best = frame[frame["metrics.val_accuracy"] > 0.96];
        best["run_name"].Format(0).Should().Be("b", "the frame filters like any other");
        runs.ToTable().ToFrame().Fingerprint().Should().Be(frame.Fingerprint());
        _home.Tracker.SearchRuns("metrics.val_accuracy > 2").ToFrame().RowCount.Should().Be(0);
    }

    [Fact]
    public void Metric_histories_line_up_by_step()
    {
        var info = _home.Tracker.Run("curves", r =>
        {
            for (var step = 1; step <= 5; step++)
            {
                r.LogMetric("loss", 1.0 / step, step);
                if (step % 2 == 0)
                {
                    r.LogMetric("val_loss", 2.0 / step, step);
                }
            }

            r.LogMetric("val_loss", 0.25, 7);
        });

        var history = _home.Tracker.MetricHistoryFrame(info.RunId);
        history.ColumnNames.Should().Equal("step", "loss", "val_loss");
        Cells(history["step"]).Should().Equal(1L, 2L, 3L, 4L, 5L, 7L);
        Cells(history["loss"]).Should().Equal(1.0, 0.5, 1.0 / 3, 0.25, 0.2, null);
        Cells(history["val_loss"]).Should().Equal(null, 1.0, null, 0.5, null, 0.25);
        _home.Tracker.MetricHistoryFrame(info.RunId, "val_loss").ColumnNames.Should().Equal("step", "val_loss");
        _home.Tracker.Invoking(t => t.MetricHistoryFrame("no-such-run")).Should().Throw<RunNotFoundException>();
    }

    private static object?[] Cells(Column column) => Enumerable.Range(0, column.Length).Select(i => column[i]).ToArray();
}
