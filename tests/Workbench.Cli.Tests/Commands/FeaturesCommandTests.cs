using System.Text.Json;
using Workbench.Data;
using Workbench.Features;
using Workbench.Cli.Tests.Support;
using Workbench.Testing;

namespace Workbench.Cli.Tests.Commands;

public sealed class FeaturesCommandTests
{
    private static readonly string Patients = Path.Combine(RepoPaths.DataSamples, "patients.csv");

    private static string Batch(string name) => Path.Combine(RepoPaths.DataSamples, "batches", "patients", name + ".csv");

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => InProcessCli.Run(args);

    [Fact]
    public void Schema_then_validate_exits_1_for_an_invalid_batch_and_0_for_a_valid_one()
    {
        using var folder = new TempDirectory("cli-features");
        var schema = folder.File("schema.json");
        var (exit, output, error) = Run("features", "schema", Patients, "-o", schema, "--label", "readmitted_30d");
        exit.Should().Be(0, error);
        output.Should().Contain("required in training").And.Contain($"Wrote the schema of 19 columns to {schema}.");

        var report = folder.File("report.json");
        var corrupt = Run("features", "validate", Batch("corrupt"), "--schema", schema, "--json", report, "--rows", "3");
        corrupt.ExitCode.Should().Be(1, corrupt.Error);
        corrupt.Output.Should().Contain("corrupt.csv (300 rows, 19 columns) for training: invalid, 7 errors, 1 warning")
            .And.Contain("sixty").And.Contain("missing column").And.Contain("row 11, age: 'unknown' is not int64");
        using (var json = JsonDocument.Parse(File.ReadAllText(report)))
        {
            json.RootElement.GetProperty("valid").GetBoolean().Should().BeFalse();
            json.RootElement.GetProperty("anomalies").GetArrayLength().Should().Be(8);
        }

        var unchanged = Run("features", "validate", Batch("unchanged"), "-s", schema, "-e", "serving");
        unchanged.ExitCode.Should().Be(0, unchanged.Error);
        unchanged.Output.Should().Contain("valid, 0 errors, 1 warning");
    }

    [Fact]
    public void Bad_calls_exit_2_with_the_reason()
    {
        using var folder = new TempDirectory("cli-features");
        File.WriteAllText(folder.File("schema.json"), "{\"format\": \"workbench.data-schema\", \"version\": 9}");
        var (exit, _, error) = Run("features", "validate", Patients, "-s", folder.File("schema.json"));
        exit.Should().Be(2);
        error.Should().Contain("workbench features validate:").And.Contain("$.version: version 9 is not supported");
        var environment = Run("features", "schema", Patients, "-o", folder.File("s.json"));
        environment.ExitCode.Should().Be(0);
        Run("features", "validate", Patients, "-s", folder.File("s.json"), "-e", "staging").Error.Should().Contain("not 'staging'");
    }

    [Fact]
    public void Show_and_transform_use_a_pipeline_saved_from_code()
    {
        using var folder = new TempDirectory("cli-features");
        var pipeline = new FeaturePipeline()
            .Add("numeric", ColumnSelector.Names("age", "bmi"), new SimpleImputer(ImputeStrategy.Median), new StandardScaler())
            .Add("smoker", "smoker", new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.Ignore })
            .Fit(Frame.ReadCsv(Patients), "readmitted_30d");
        pipeline.Save(folder.File("features.json"));

        var show = Run("features", "show", folder.File("features.json"));
        show.ExitCode.Should().Be(0, show.Error);
        show.Output.Should().Contain("SimpleImputer(median) → StandardScaler").And.Contain("target readmitted_30d");

        var out_ = folder.File("features.csv");
        var transform = Run("features", "transform", Batch("unchanged"), "-p", folder.File("features.json"), "-o", out_);
        transform.ExitCode.Should().Be(0, transform.Error);
        transform.Output.Should().Contain("Wrote 1,000 rows x 5 features");
        var written = Frame.ReadCsv(out_);
        written.ColumnNames.Should().Equal("age", "bmi", "smoker=current", "smoker=former", "smoker=never");
        var expected = pipeline.Transform(Frame.ReadCsv(Batch("unchanged")));
        ((double)written["age"][0]!).Should().BeApproximately(expected[0, 0], 1e-6);

        var missing = Run("features", "transform", Batch("corrupt"), "-p", folder.File("features.json"), "-o", out_);
        missing.ExitCode.Should().Be(2);
        missing.Error.Should().Contain("workbench features transform:");
    }
}
