using Workbench.Data;
using Workbench.Cli.Tests.Support;
using Workbench.Testing;

namespace Workbench.Cli.Tests.Commands;

public sealed class DataCommandTests
{
    private static readonly string Patients = Path.Combine(RepoPaths.DataSamples, "patients.csv");

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => InProcessCli.Run(args);

    [Fact]
    public void Head_prints_rows_and_types()
    {
        var (exit, output, error) = Run("data", "head", Patients, "-n", "3");
        exit.Should().Be(0, error);
        output.Should().Contain("patient_id").And.Contain("datetime").And.Contain("P000003").And.Contain("(5,000 rows in all)");
    }

    [Fact]
    public void Profile_prints_statistics_warnings_and_the_target_and_writes_a_summary()
    {
        using var folder = new TempDirectory("cli-data");
        var summary = folder.File("summary.csv");
        var (exit, output, error) = Run("data", "profile", Patients, "--target", "readmitted_30d", "--summary-csv", summary);
        exit.Should().Be(0, error);
        output.Should().Contain("5000 rows x 19 columns").And.Contain("cholesterol").And.Contain("warning")
            .And.Contain("Relation to 'readmitted_30d' (categorical target)").And.Contain("Strongest correlations");
        Frame.ReadCsv(summary).RowCount.Should().Be(19);
    }

    [Fact]
    public void Fingerprint_of_bytes_and_of_content()
    {
        var bytes = Run("data", "fingerprint", Patients);
        bytes.Output.Trim().Should().Be(DatasetFingerprint.OfFile(Patients));
        var content = Run("data", "fingerprint", Patients, "--content");
        content.Output.Trim().Should().Be(Frame.ReadCsv(Patients).Fingerprint());
    }

    [Fact]
    public void Split_writes_stratified_parts_that_cover_the_file()
    {
        using var folder = new TempDirectory("cli-split");
        var (exit, output, error) = Run("data", "split", Patients, "--out", folder.Path, "--test", "0.2", "--validation", "0.1", "--stratify", "readmitted_30d", "--seed", "7");
        exit.Should().Be(0, error);
        output.Should().Contain("train 3500, validation 500, test 1000 rows");
        var parts = new[] { "train.csv", "validation.csv", "test.csv" }.Select(f => Frame.ReadCsv(folder.File(f))).ToArray();
        parts.Sum(p => p.RowCount).Should().Be(5000);
        parts.SelectMany(p => ((StringColumn)p["patient_id"]).Values.ToArray()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Bad_input_is_reported_naming_the_file_or_column()
    {
        var missing = Run("data", "profile", "/nowhere/x.csv");
        missing.ExitCode.Should().Be(2);
        missing.Error.Should().Contain("/nowhere/x.csv");
        var column = Run("data", "profile", Patients, "--target", "readmited");
        column.ExitCode.Should().Be(2);
        column.Error.Should().Contain("did you mean 'readmitted_30d'");
        using var folder = new TempDirectory("cli-data");
        var ragged = folder.Write("ragged.csv", "a,b\n1,2\n3\n");
        Run("data", "head", ragged).Error.Should().Contain("ragged.csv, line 3: 1 fields where the header has 2");
    }
}
