using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Workbench.Cli.Tests.Support;
using Workbench.Testing;

namespace Workbench.Cli.Tests.SageMaker;

/// <summary>
/// notebooks/04-deployment.ipynb run headless as the main job runs it, checked for its SageMaker half (the local half
/// has its own test in Workbench.Serving.Tests): with backend = "local" every step runs here; with
/// backend = "sagemaker" and no credentials it says so and skips.
/// </summary>
[Collection(nameof(PackedPackagesCollection))]
public sealed class DeploymentNotebookTests(PackedPackages packages) : IDisposable
{
    private const string Notebook = "04-deployment.ipynb";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYNOTEBOOK04KEY";

    private readonly TempDirectory _folder = new("wb-nb04");

    public void Dispose() => _folder.Dispose();

    private (ProcessResult Result, JsonArray Cells) Run(string backend, Dictionary<string, string?> environment)
    {
        // The notebook finds its packages at ../artifacts/packages, as in the repository.
        var notebooks = _folder.File("repo/notebooks");
        Directory.CreateDirectory(notebooks);
        File.Copy(RepoPaths.Combine("notebooks", Notebook), Path.Combine(notebooks, Notebook), overwrite: true);
        var feed = _folder.File("repo/artifacts/packages");
        Directory.CreateDirectory(feed);
        foreach (var package in Directory.GetFiles(packages.Feed, "*.nupkg"))
        {
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)), overwrite: true);
        }

        var env = Dotnet.ChildEnvironment(new Dictionary<string, string?> { ["WORKBENCH_HOME"] = _folder.File("home"), ["CI"] = "true", ["TMPDIR"] = _folder.File("tmp") });
        Directory.CreateDirectory(_folder.File("tmp"));
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        var output = _folder.File($"out-{backend}");
        var result = ChildProcess.Run("dotnet",
            [
                WorkbenchCli.Dll, "notebook", "run", Path.Combine(notebooks, Notebook), "-p", "backend", backend, "-p", "dataDir", RepoPaths.DataSamples,
                "-p", "cli", WorkbenchCli.Dll, "-p", "outputDir", _folder.File($"deployment-{backend}"), "--output-dir", output,
            ],
            _folder.Path, env, timeout: TimeSpan.FromMinutes(8));
        result.ExitCode.Should().Be(0, result.Combined);
        var saved = Path.Combine(output, Notebook);
        NotebookFiles.Validate(saved).Should().Be("ok");
        File.ReadAllText(saved).Should().NotContain(Secret);
        return (result, NotebookFiles.Cells(saved));
    }

    private static JsonNode Cell(JsonArray cells, string id) => cells.Single(c => c!["id"]!.GetValue<string>() == id)!;

    [Fact]
    public void With_the_local_backend_the_whole_workflow_runs_and_each_job_is_one_live_output()
    {
        var (result, cells) = Run("local", new() { ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7NOTEBOOK", ["AWS_SECRET_ACCESS_KEY"] = Secret });

        result.Combined.Should().NotContain(Secret);
        NotebookFiles.Stdout(Cell(cells, "sm-backend")).Should().Be("Backend: local\n");
        var training = Cell(cells, "sm-training")["outputs"]!.AsArray();
        training.Should().ContainSingle("the job's status is one output updated in place");
        var page = new HtmlParser().ParseDocument(NotebookFiles.Text(training[0]!["data"]!["text/html"]));
        page.QuerySelector(".wb-job")!.GetAttribute("data-status").Should().Be("Completed");

        var registry = NotebookFiles.Stdout(Cell(cells, "sm-registry"));
        registry.Should().MatchRegex(@"model-package/breast-cancer/2\s+Approved").And.MatchRegex(@"model-package/breast-cancer/1\s+Approved");
        var endpoint = Cell(cells, "sm-endpoint")["outputs"]!.AsArray();
        endpoint.Should().ContainSingle();
        new HtmlParser().ParseDocument(NotebookFiles.Text(endpoint[0]!["data"]!["text/html"])).QuerySelector(".wb-job")!.GetAttribute("data-status").Should().Be("InService");
        var invoked = NotebookFiles.Stdout(Cell(cells, "sm-invoke"));
        invoked.Should().MatchRegex(@"champion: \d+ requests, accuracy (0\.9\d\d|1\.000)").And.MatchRegex(@"challenger: \d+ requests, accuracy (0\.9\d\d|1\.000)");
        NotebookFiles.Stdout(Cell(cells, "sm-scaling")).Should().Contain("scaling policy: arn:aws:autoscaling:");
        NotebookFiles.Text(Cell(cells, "sm-scaling")["outputs"]!.AsArray().Last()!["data"]!["text/html"]).Should().Contain("Scaling activities");
        NotebookFiles.Text(Cell(cells, "sm-costs")["outputs"]![0]!["data"]!["text/html"]).Should().Contain("Lambda");
    }

    [Fact]
    public void With_the_sagemaker_backend_and_no_credentials_the_cells_say_why_and_skip_without_failing()
    {
        var (_, cells) = Run("sagemaker", new()
        {
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = null,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_SHARED_CREDENTIALS_FILE"] = _folder.File("no-credentials"),
            ["AWS_CONFIG_FILE"] = _folder.File("no-config"),
            ["AWS_REGION"] = "eu-west-1",
        });

        NotebookFiles.Stdout(Cell(cells, "sm-backend")).Should().StartWith("The 'sagemaker' backend is not available, so the SageMaker cells are skipped.\nNo AWS credentials found.");
        Cell(cells, "sm-training")["outputs"]!.AsArray().Should().BeEmpty();
        Cell(cells, "sm-endpoint")["outputs"]!.AsArray().Should().BeEmpty();
        NotebookFiles.Text(Cell(cells, "sm-scaling")["outputs"]!.AsArray().Last()!["data"]!["text/html"]).Should().Contain("Scaling activities", "the simulation needs no account");
    }
}
