using Workbench.Data;
using Workbench.Monitoring;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Capture;
using Workbench.Monitoring.Policy;
using Workbench.Testing;

namespace Workbench.Tests.Monitoring;

/// <summary>SageMaker data capture: the published samples, hour folders, malformed lines, windows, and ground truth joined on event ids.</summary>
public sealed class DataCaptureTests
{
    private static string Sample(string name) => RepoPaths.Combine("contracts", "aws", "model-monitor-samples", name);

    [Fact]
    public void The_csv_capture_sample_reads_into_named_inputs_and_predictions()
    {
        var names = Enumerable.Range(0, 7).Select(i => $"f{i}").ToList();

        var capture = DataCapture.Read(Sample("capture.jsonl"), new CaptureReadOptions { InputColumns = names });

        capture.Records.Should().Be(44);
        capture.Frame.RowCount.Should().Be(44);
        capture.Rows.ColumnNames.Should().Equal([.. names, "prediction"]);
        capture.Frame["f0"][0].Should().Be(9.0);
        capture.Frame["f6"][1].Should().Be(37.0);
        capture.Frame["prediction"][0].Should().Be(0.302709460258);
        capture.Frame["event_id"].Format(0).Should().Be("74b0dd56-e7c8-368e-94b1-14a138a96000");
        capture.SkippedLines.Should().Be(0);

        // The sample's inferenceTime is an unfilled template ("{%s}"): rows are kept, without a time, and each line says so.
        capture.IssueCount.Should().Be(44);
        capture.Issues.Should().OnlyContain(i => !i.Skipped && i.Message.Contains("'{%s}' is not a time"));
        capture.Frame["inference_time"].NullCount.Should().Be(44);
    }

    [Fact]
    public void The_json_capture_sample_reads_one_row_per_instance()
    {
        var capture = DataCapture.Read(Sample("captured-data.jsonl"), new CaptureReadOptions { InputColumns = ["x"] });

        capture.Records.Should().Be(2);
        capture.Frame.RowCount.Should().Be(6);
        capture.Frame["x"].Format(2).Should().Be("5");
        capture.Frame["prediction"][2].Should().Be(5.5);
        capture.Frame["event_row"][2].Should().Be(2L);
        ((DateTimeColumn)capture.Frame["inference_time"])[0].Should().Be(new DateTime(2019, 11, 24, 7, 30, 50, DateTimeKind.Utc));
    }

    [Fact]
    public void Malformed_lines_are_skipped_and_counted_with_file_and_line()
    {
        using var folder = new TempDirectory("wb-capture");
        var file = Path.Combine("endpoint", "AllTraffic", "2025", "01", "06", "10", "part-1.jsonl");
        var lines = Records(MonitoringSamples.Table(20, seed: 1), new DateTime(2025, 1, 6, 10, 0, 0, DateTimeKind.Utc), "a").ToList();
        lines.Insert(3, "{\"captureData\": {not json");
        lines.Insert(8, "{\"eventMetadata\": {\"eventId\": \"x\"}}");
        lines.Insert(12, "");
        folder.Write(file, string.Join("\n", lines));

        var capture = DataCapture.Read(folder.Path, new CaptureReadOptions { InputColumns = ["x", "color", "flag"] });

        capture.Records.Should().Be(20);
        capture.Frame.RowCount.Should().Be(20);
        capture.SkippedLines.Should().Be(2);
        capture.Issues.Should().HaveCount(2);
        capture.Issues[0].File.Should().EndWith(file);
        capture.Issues[0].Line.Should().Be(4);
        capture.Issues[0].Message.Should().StartWith("not valid JSON");
        capture.Issues[1].Line.Should().Be(9);
        capture.Issues[1].Message.Should().Contain("captureData is missing");
        capture.Issues[1].ToString().Should().Contain("part-1.jsonl:9:").And.EndWith("(skipped)");
    }

    [Fact]
    public void A_missing_capture_folder_is_a_clear_error()
    {
        var read = () => DataCapture.Read("/nonexistent/capture");

        read.Should().Throw<DirectoryNotFoundException>().WithMessage("*/nonexistent/capture*");
    }

    [Fact]
    public void Hourly_windows_over_capture_give_a_drift_time_series_that_finds_the_shifted_hour()
    {
        using var folder = new TempDirectory("wb-capture");
        var baseline = Baseline.Fit(MonitoringSamples.Table(800, seed: 1));
        var first = new DateTime(2025, 1, 6, 10, 0, 0, DateTimeKind.Utc);
        folder.Write("ep/AllTraffic/2025/01/06/10/a.jsonl", string.Join("\n", Records(MonitoringSamples.Table(300, seed: 2), first, "a")));
        folder.Write("ep/AllTraffic/2025/01/06/11/b.jsonl", string.Join("\n", Records(MonitoringSamples.Table(300, seed: 3, shift: true), first.AddHours(1), "b")));
        folder.Write("ep/AllTraffic/2025/01/06/12/c.jsonl", string.Join("\n", Records(MonitoringSamples.Table(10, seed: 4), first.AddHours(2), "c")));

        var capture = DataCapture.Read(folder.Path, baseline);
        var report = new ModelMonitor(baseline).Check(capture, TimeSpan.FromHours(1), "ep");

        capture.Files.Should().Be(3);
        report.Rows.Should().Be(610);
        var windows = report.TimeSeries!.Windows;
        windows.Select(w => w.Start).Should().Equal(first, first.AddHours(1), first.AddHours(2));
        windows[0].DatasetDrift.Should().BeFalse();
        windows[1].DatasetDrift.Should().BeTrue();
        windows[1].DriftedColumns.Should().BeEquivalentTo(["x", "color", "flag"]);
        windows[2].Tested.Should().BeFalse("10 rows are fewer than a window needs");
        windows[2].NotTested.Should().Contain("10 rows");
        report.TimeSeries.FirstDrift!.Start.Should().Be(first.AddHours(1));
        report.Capture!.Records.Should().Be(610);
    }

    [Fact]
    public void Ground_truth_joined_on_event_ids_gives_model_quality_per_window()
    {
        using var folder = new TempDirectory("wb-capture");
        var reference = Labelled(1000, seed: 1, accurate: true);
        var baseline = Baseline.Fit(reference, new BaselineOptions { Target = "label", Prediction = "score" });
        var first = new DateTime(2025, 1, 6, 10, 0, 0, DateTimeKind.Utc);
        var good = Labelled(300, seed: 2, accurate: true);
        var bad = Labelled(300, seed: 3, accurate: false);
        folder.Write("capture/ep/AllTraffic/2025/01/06/10/a.jsonl", string.Join("\n", Records(good.Drop("label"), first, "g", prediction: "score")));
        folder.Write("capture/ep/AllTraffic/2025/01/06/11/b.jsonl", string.Join("\n", Records(bad.Drop("label"), first.AddHours(1), "b", prediction: "score")));
        folder.Write("truth/2025/01/06/12/labels.jsonl", string.Join("\n",
            GroundTruth(good, "g").Concat(GroundTruth(bad, "b")).Append("{\"groundTruthData\": {\"data\": \"1\"}}")));

        var capture = DataCapture.Read(folder.File("capture"), baseline);
        var (labels, issues) = DataCapture.ReadGroundTruth(folder.File("truth"), "label");
        var report = new ModelMonitor(baseline).Check(capture, TimeSpan.FromHours(1), groundTruth: labels);

        issues.Should().ContainSingle().Which.Message.Should().Contain("eventId");
        labels.RowCount.Should().Be(600);
        report.ModelQuality!.LabelledRows.Should().Be(600);
        baseline.ModelMetrics["roc_auc"].Should().BeGreaterThan(0.9);
        var windows = report.TimeSeries!.Windows;
        windows[0].Metrics["roc_auc"].Should().BeGreaterThan(0.9);
        windows[1].Metrics["roc_auc"].Should().BeLessThan(0.7);
        report.Decision.Evidence.Should().Contain(e => e.Signal == "metric:roc_auc");
        report.Tier.Should().Be(RetrainingTier.Escalate);
    }

    /// <summary>x normal; label 1 when x + noise > 0; score a logistic of x (accurate) or of noise (not).</summary>
    private static Frame Labelled(int rows, int seed, bool accurate)
    {
        var x = MonitoringSamples.Normal(rows, 0, 1, seed);
        var noise = MonitoringSamples.Normal(rows, 0, 0.3, seed + 1);
        var other = MonitoringSamples.Normal(rows, 0, 1, seed + 2);
        return Frame.FromArrays(
            ("x", x),
            ("label", x.Zip(noise, (a, b) => a + b > 0 ? 1L : 0L).ToArray()),
            ("score", (accurate ? x : other).Select(v => 1 / (1 + Math.Exp(-3 * v))).ToArray()));
    }

    /// <summary>One SageMaker capture record per row: CSV input of every column but the prediction, CSV output of the prediction (or a constant).</summary>
    private static IEnumerable<string> Records(Frame frame, DateTime hour, string prefix, string? prediction = null)
    {
        var inputs = frame.ColumnNames.Where(n => n != prediction).ToList();
        return Enumerable.Range(0, frame.RowCount).Select(row => SageMakerCapture.Record(
            $"{prefix}-{row}", hour.AddSeconds(row % 3600), string.Join(",", inputs.Select(n => frame[n].Format(row))), prediction is null ? "0.5" : frame[prediction].Format(row)!));
    }

    private static IEnumerable<string> GroundTruth(Frame frame, string prefix) =>
        Enumerable.Range(0, frame.RowCount).Select(row => SageMakerCapture.GroundTruth($"{prefix}-{row}", frame["label"].Format(row)!));
}
