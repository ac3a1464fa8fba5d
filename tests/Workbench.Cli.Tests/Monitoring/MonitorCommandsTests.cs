using System.Text.Json;
using Workbench.Cli.Tests.Support;
using Workbench.Testing;

namespace Workbench.Cli.Tests.Monitoring;

/// <summary>
/// <c>workbench monitor baseline</c> and <c>check</c> as real processes: the files they write and the exit codes
/// 0 / 1 / 2 (none / retrain / escalate) on the sample batches, 3 when a check cannot run.
/// </summary>
public sealed class MonitorCommandsTests : IClassFixture<MonitorCommandsTests.PatientsBaseline>
{
    private readonly PatientsBaseline _fixture;

    public MonitorCommandsTests(PatientsBaseline fixture) => _fixture = fixture;

    /// <summary>One baseline of patients.csv for every test, written by the CLI.</summary>
    public sealed class PatientsBaseline : IDisposable
    {
        public PatientsBaseline()
        {
            Result = WorkbenchCli.Run(["monitor", "baseline", "--data", Path.Combine(RepoPaths.DataSamples, "patients.csv"), "--out", Folder.File("baseline"),
                "--target", "readmitted_30d", "--timestamp", "admitted_at"], Folder.Path, Folder.File("home"));
        }

        public TempDirectory Folder { get; } = new("cli-monitor");

        public ProcessResult Result { get; }

        public string Baseline => Folder.File("baseline");

        public string Home => Folder.File("home");

        public void Dispose() => Folder.Dispose();
    }

    private ProcessResult Check(string output, params string[] arguments) =>
        WorkbenchCli.Run(["monitor", "check", "--baseline", _fixture.Baseline, "--out", output, .. arguments], _fixture.Folder.Path, _fixture.Home);

    [Fact]
    public void Baseline_writes_our_file_and_Model_Monitor_s()
    {
        _fixture.Result.ExitCode.Should().Be(0, _fixture.Result.StandardError);
        foreach (var file in new[] { "baseline.json", "statistics.json", "constraints.json", "reference.csv" })
        {
            File.Exists(Path.Combine(_fixture.Baseline, file)).Should().BeTrue(file);
        }

        _fixture.Result.StandardOutput.Should().Contain("Baseline of 5,000 rows x 19 columns").And.Contain("readmitted_30d");
    }

    [Theory]
    [InlineData("unchanged", 0, "none")]
    [InlineData("covariate_shift", 1, "retrain")]
    [InlineData("new_categories", 1, "retrain")]
    [InlineData("missing_values", 2, "escalate")]
    [InlineData("corrupt", 2, "escalate")]
    public void Check_exits_with_the_tier_of_each_sample_batch(string batch, int exitCode, string tier)
    {
        using var output = new TempDirectory("cli-monitor-check");

        var result = Check(output.Path, "--data", Path.Combine(RepoPaths.DataSamples, "batches", "patients", $"{batch}.csv"));

        result.ExitCode.Should().Be(exitCode, result.Combined);
        result.StandardOutput.Should().Contain($"decision: {tier} (exit {exitCode})");
        using var report = JsonDocument.Parse(File.ReadAllText(output.File("report.json")));
        report.RootElement.GetProperty("decision").GetProperty("tier").GetString().Should().Be(tier);
        using var violations = JsonDocument.Parse(File.ReadAllText(output.File("constraint_violations.json")));
        violations.RootElement.GetProperty("violations").ValueKind.Should().Be(JsonValueKind.Array);
        File.ReadAllText(output.File("report.html")).Should().StartWith("<!DOCTYPE html>").And.Contain(batch);
    }

    [Fact]
    public void Check_over_a_capture_folder_with_hourly_windows_reports_skipped_lines()
    {
        using var output = new TempDirectory("cli-monitor-capture");
        var unchanged = File.ReadAllLines(Path.Combine(RepoPaths.DataSamples, "batches", "patients", "unchanged.csv"));
        var header = unchanged[0].Split(',');
        var features = new[] { "age", "sex", "bmi", "smoker", "systolic_bp", "diastolic_bp", "blood_pressure_category", "cholesterol", "glucose", "diabetes",
            "admission_type", "department", "insurance", "num_prior_admissions", "length_of_stay_days", "chief_complaint" };
        var positions = features.Select(f => Array.IndexOf(header, f)).ToArray();
        positions.Should().NotContain(-1);
        var hour = new DateTime(2025, 1, 6, 9, 0, 0, DateTimeKind.Utc);
        var lines = new List<string>();
        for (var row = 1; row < unchanged.Length; row++)
        {
            var fields = unchanged[row].Split(',');
            if (fields.Length != header.Length)
            {
                continue;
            }

            lines.Add(SageMakerCapture.Record($"e{row}", hour.AddMinutes(row % 120), string.Join(",", positions.Select(p => fields[p])), "0.2"));
        }

        lines.Insert(5, "not json at all");
        var folder = output.File("capture");
        output.Write("capture/readmission/AllTraffic/2025/01/06/09/part.jsonl", string.Join("\n", lines));

        var result = Check(output.File("report"), "--capture", folder, "--window", "1h", "--no-track");

        result.ExitCode.Should().BeOneOf([0, 1], result.Combined);
        result.StandardError.Should().Contain("part.jsonl:6: not valid JSON");
        using var report = JsonDocument.Parse(File.ReadAllText(output.File("report/report.json")));
        var windows = report.RootElement.GetProperty("time_series").GetProperty("windows");
        windows.GetArrayLength().Should().Be(2);
        report.RootElement.GetProperty("capture").GetProperty("skipped_lines").GetInt32().Should().Be(1);
    }

    [Fact]
    public void Ground_truth_joined_to_capture_on_event_ids_escalates_when_the_model_fails()
    {
        using var folder = new TempDirectory("cli-monitor-truth");
        // Reference: the score follows x and so does the label; in production the score no longer does.
        var random = new Random(5);
        var reference = new List<string> { "x,label,score" };
        for (var i = 0; i < 600; i++)
        {
            var x = (random.NextDouble() * 2) - 1;
            reference.Add(FormattableString.Invariant($"{x:F4},{(x > 0 ? 1 : 0)},{(1 + x) / 2:F4}"));
        }

        folder.Write("reference.csv", string.Join("\n", reference));
        var hour = new DateTime(2025, 1, 6, 10, 0, 0, DateTimeKind.Utc);
        var capture = new List<string>();
        var truth = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var x = (random.NextDouble() * 2) - 1;
            capture.Add(SageMakerCapture.Record($"e{i}", hour.AddSeconds(i), FormattableString.Invariant($"{x:F4}"), FormattableString.Invariant($"{random.NextDouble():F4}")));
            truth.Add(SageMakerCapture.GroundTruth($"e{i}", x > 0 ? "1" : "0"));
        }

        folder.Write("capture/ep/AllTraffic/2025/01/06/10/a.jsonl", string.Join("\n", capture));
        folder.Write("truth/2025/01/06/11/labels.jsonl", string.Join("\n", truth));
        var baseline = WorkbenchCli.Run(["monitor", "baseline", "--data", folder.File("reference.csv"), "--target", "label", "--prediction", "score", "--out", folder.File("baseline")],
            folder.Path, _fixture.Home);

        var result = WorkbenchCli.Run(["monitor", "check", "--baseline", folder.File("baseline"), "--capture", folder.File("capture"), "--ground-truth", folder.File("truth"),
            "--out", folder.File("report"), "--no-track"], folder.Path, _fixture.Home);

        baseline.ExitCode.Should().Be(0, baseline.Combined);
        result.ExitCode.Should().Be(2, result.Combined);
        using var report = JsonDocument.Parse(File.ReadAllText(folder.File("report/report.json")));
        var model = report.RootElement.GetProperty("model_quality");
        model.GetProperty("labelled_rows").GetInt64().Should().Be(300);
        var metrics = model.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("metric").GetString()!, m => m.GetProperty("current").GetDouble());
        metrics["roc_auc"].Should().BeLessThan(0.65, "the scores are noise now");
        report.RootElement.GetProperty("decision").GetProperty("evidence").EnumerateArray()
            .Should().Contain(e => e.GetProperty("signal").GetString() == "metric:roc_auc" && e.GetProperty("tier").GetString() == "escalate");
    }

    [Fact]
    public void A_check_that_cannot_run_exits_3_with_a_clear_message()
    {
        using var output = new TempDirectory("cli-monitor-bad");
        var batch = Path.Combine(RepoPaths.DataSamples, "batches", "patients", "unchanged.csv");

        var noInput = Check(output.Path);
        var both = Check(output.Path, "--data", batch, "--capture", output.Path);
        var badMethod = Check(output.Path, "--data", batch, "--method", "t-test");
        var badColumn = Check(output.Path, "--data", batch, "--column-method", "weight=psi");
        var noBaseline = WorkbenchCli.Run(["monitor", "check", "--baseline", output.File("none"), "--data", batch, "--out", output.Path], output.Path, _fixture.Home);

        foreach (var result in new[] { noInput, both, badMethod, badColumn, noBaseline })
        {
            result.ExitCode.Should().Be(3, result.Combined);
        }

        noInput.StandardError.Should().Contain("--data FILE or --capture FOLDER");
        badMethod.StandardError.Should().Contain("'t-test' is not a drift method");
        badColumn.StandardError.Should().Contain("weight");
        noBaseline.StandardError.Should().Contain("none");
    }

    [Fact]
    public void Overrides_change_the_methods_written_to_the_report()
    {
        using var output = new TempDirectory("cli-monitor-psi");

        var result = Check(output.Path, "--data", Path.Combine(RepoPaths.DataSamples, "batches", "patients", "unchanged.csv"),
            "--method", "psi", "--bins", "10", "--column-method", "age=cvm", "--no-track", "--no-domain-classifier");

        result.ExitCode.Should().Be(0, result.Combined);
        var json = File.ReadAllText(output.File("report.json"));
        using var report = JsonDocument.Parse(json);
        var columns = report.RootElement.GetProperty("drift").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!, c => c.GetProperty("method").GetString());
        columns["age"].Should().Be("cvm");
        columns["bmi"].Should().Be("psi");
        columns["smoker"].Should().Be("psi");
    }
}
