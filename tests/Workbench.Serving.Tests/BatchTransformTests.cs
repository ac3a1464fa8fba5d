using System.Text.Json;
using Workbench.Serving.Batch;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;
using Workbench.Testing;

namespace Workbench.Serving.Tests;

public sealed class BatchTransformTests
{
    private static readonly ServingModels Models = ServingModels.Instance;
    private static readonly ModelLoadOptions Load = new() { WorkbenchHome = Models.Home };

    private static string[] Expected(int count)
    {
        using var bundle = ModelBundle.Load("models:/cancer/1", Load);
        var frame = RequestReader.Read(bundle, System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, count).Select(Models.CancerCsvRow))), DataFormat.Csv);
        var predictions = bundle.Predict(frame);
        return Enumerable.Range(0, count).Select(predictions.Label).ToArray();
    }

    private static void WriteInputs(string folder, int files, int rows)
    {
        Directory.CreateDirectory(Path.Combine(folder, "nested"));
        for (var f = 0; f < files; f++)
        {
            var path = f == 0 ? Path.Combine(folder, "nested", $"part-{f}.csv") : Path.Combine(folder, $"part-{f}.csv");
            File.WriteAllLines(path, Enumerable.Range(0, rows).Select(Models.CancerCsvRow));
        }
    }

    [Theory]
    [InlineData(BatchStrategy.MultiRecord, 0.01)]
    [InlineData(BatchStrategy.SingleRecord, 6)]
    [InlineData(BatchStrategy.MultiRecord, 6)]
    public async Task Every_input_file_gets_an_out_file_with_one_line_per_record(BatchStrategy strategy, double maxPayloadMb)
    {
        using var root = new TempDirectory("batch");
        WriteInputs(root.File("in"), files: 3, rows: 120);
        var result = await BatchTransform.RunAsync(new BatchTransformOptions("models:/cancer/1", root.File("in"), root.File("out"))
        {
            Strategy = strategy,
            MaxPayloadMB = maxPayloadMb,
            LoadOptions = Load,
            Concurrency = 2,
        });
        result.Succeeded.Should().Be(3);
        result.Records.Should().Be(360);
        var expected = Expected(120);
        foreach (var file in new[] { "nested/part-0.csv.out", "part-1.csv.out", "part-2.csv.out" })
        {
            File.ReadAllLines(root.File(Path.Combine("out", file))).Should().Equal(expected);
        }

        Directory.GetFiles(root.File("out"), "*.partial-*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task A_rerun_skips_finished_files_and_redoes_the_missing_one()
    {
        using var root = new TempDirectory("batch-resume");
        WriteInputs(root.File("in"), files: 3, rows: 20);
        var options = new BatchTransformOptions("models:/cancer/1", root.File("in"), root.File("out")) { LoadOptions = Load };
        (await BatchTransform.RunAsync(options)).Succeeded.Should().Be(3);
        File.Delete(root.File("out/part-2.csv.out"));
        var stamp = File.GetLastWriteTimeUtc(root.File("out/part-1.csv.out"));
        var again = await BatchTransform.RunAsync(options);
        again.Skipped.Should().Be(2);
        again.Succeeded.Should().Be(1);
        File.GetLastWriteTimeUtc(root.File("out/part-1.csv.out")).Should().Be(stamp);
        File.ReadAllLines(root.File("out/part-2.csv.out")).Should().HaveCount(20);
    }

    [Fact]
    public async Task A_bad_record_fails_its_file_with_the_file_and_line_and_leaves_no_out_file()
    {
        using var root = new TempDirectory("batch-bad");
        WriteInputs(root.File("in"), files: 2, rows: 50);
        var lines = File.ReadAllLines(root.File("in/part-1.csv"));
        lines[36] = lines[36].Replace(lines[36].Split(',')[4], "oops", StringComparison.Ordinal);
        File.WriteAllLines(root.File("in/part-1.csv"), lines);
        var result = await BatchTransform.RunAsync(new BatchTransformOptions("models:/cancer/1", root.File("in"), root.File("out")) { LoadOptions = Load, MaxPayloadMB = 0.002 });
        result.Failed.Should().Be(1);
        var failed = result.Files.Single(f => f.Status == BatchFileStatus.Failed);
        failed.Line.Should().Be(37);
        failed.Error.Should().Contain("part-1.csv, line 37").And.Contain("mean_smoothness").And.Contain("oops");
        File.Exists(root.File("out/part-1.csv.out")).Should().BeFalse();
        File.Exists(root.File("out/nested/part-0.csv.out")).Should().BeTrue();
    }

    [Fact]
    public async Task Json_lines_in_and_out_with_probabilities_and_a_csv_header()
    {
        using var root = new TempDirectory("batch-json");
        Directory.CreateDirectory(root.File("in"));
        File.WriteAllLines(root.File("in/rows.jsonl"), Enumerable.Range(0, 10).Select(r => JsonSerializer.Serialize(Models.CancerFeatures.ToDictionary(n => n, n => double.Parse(Models.Cancer[n].Format(r)!, System.Globalization.CultureInfo.InvariantCulture)))));
        var json = await BatchTransform.RunAsync(new BatchTransformOptions("models:/cancer/1", root.File("in"), root.File("out")) { LoadOptions = Load, ContentType = "application/jsonlines", Probabilities = true });
        json.Succeeded.Should().Be(1);
        var answers = File.ReadAllLines(root.File("out/rows.jsonl.out")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        answers.Select(a => a.GetProperty("prediction").GetString()).Should().Equal(Expected(10));
        answers.Should().OnlyContain(a => Math.Abs(a.GetProperty("probabilities").GetProperty("benign").GetDouble() + a.GetProperty("probabilities").GetProperty("malignant").GetDouble() - 1) < 1e-9);

        Directory.CreateDirectory(root.File("csv"));
        File.WriteAllLines(root.File("csv/with-header.csv"), Enumerable.Range(0, 30).Select(Models.CancerCsvRow).Prepend(string.Join(",", Models.CancerFeatures)));
        var csv = await BatchTransform.RunAsync(new BatchTransformOptions("models:/cancer/1", root.File("csv"), root.File("csv-out")) { LoadOptions = Load, ContentType = "text/csv; header=present", MaxPayloadMB = 0.002 });
        csv.Succeeded.Should().Be(1);
        File.ReadAllLines(root.File("csv-out/with-header.csv.out")).Should().Equal(Expected(30));
    }

    [Fact]
    public async Task Split_type_none_sends_each_file_whole()
    {
        using var root = new TempDirectory("batch-none");
        WriteInputs(root.File("in"), files: 2, rows: 15);
        var result = await BatchTransform.RunAsync(new BatchTransformOptions("models:/cancer/1", root.File("in"), root.File("out")) { LoadOptions = Load, SplitType = BatchSplitType.None, Accept = "application/json" });
        result.Succeeded.Should().Be(2);
        var document = JsonDocument.Parse(File.ReadAllText(root.File("out/part-1.csv.out")));
        document.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetString()).Should().Equal(Expected(15));
    }

    [Fact]
    public void The_cli_runs_a_batch_and_reports_a_failed_record_with_exit_code_1()
    {
        using var root = new TempDirectory("batch-cli");
        WriteInputs(root.File("in"), files: 2, rows: 10);
        var ok = ChildProcess.Run("dotnet", [ServerProcess.CliDll, "batch", "--model", "models:/cancer@champion", "--input", root.File("in"), "--output", root.File("out"), "--home", Models.Home, "--concurrency", "2"],
            environment: Dotnet.ChildEnvironment(), timeout: TimeSpan.FromSeconds(120));
        ok.ExitCode.Should().Be(0, ok.Combined);
        ok.StandardOutput.Should().Contain("2 succeeded, 0 skipped");
        File.ReadAllLines(root.File("out/part-1.csv.out")).Should().Equal(Expected(10));

        File.WriteAllText(root.File("in/part-9.csv"), Models.CancerCsvRow(0) + "\n1,2,3\n");
        var bad = ChildProcess.Run("dotnet", [ServerProcess.CliDll, "batch", "--model", "models:/cancer@champion", "--input", root.File("in"), "--output", root.File("out"), "--home", Models.Home],
            environment: Dotnet.ChildEnvironment(), timeout: TimeSpan.FromSeconds(120));
        bad.ExitCode.Should().Be(1);
        bad.StandardOutput.Should().Contain("0 succeeded, 2 skipped (already done), 1 failed");
        bad.StandardError.Should().Contain("part-9.csv, line 2").And.Contain("expected 30 fields");
    }
}
