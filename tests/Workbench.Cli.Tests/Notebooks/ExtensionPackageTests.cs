using System.IO.Compression;
using AngleSharp.Html.Parser;
using Workbench.Cli.Tests.Support;
using Workbench.Testing;

namespace Workbench.Cli.Tests.Notebooks;

/// <summary>
/// The packaging contract end to end: the packed Workbench.Extension has its assembly under lib/ and
/// interactive-extensions/dotnet/, depends on Workbench, and a notebook that references it gets its formatters.
/// </summary>
[Collection(nameof(PackedPackagesCollection))]
public sealed class ExtensionPackageTests(PackedPackages packages) : IDisposable
{
    private readonly TempDirectory _folder = new("wb-ext");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_extension_package_has_the_layout_kernels_load()
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Feed, "Workbench.Extension.0.1.0.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToArray();

        entries.Should().Contain("lib/net10.0/Workbench.Extension.dll")
            .And.Contain("interactive-extensions/dotnet/Workbench.Extension.dll")
            .And.Contain("interactive-extensions/dotnet/extension.dib");
        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        nuspec.ReadToEnd().Should().Contain("<dependency id=\"Workbench\" version=\"0.1.0\"");
        var dll = _folder.File("Workbench.Extension.dll");
        package.GetEntry("lib/net10.0/Workbench.Extension.dll")!.ExtractToFile(dll);
        Cli.Notebooks.PlotlyScriptSource.ReadResource(dll, "Workbench.Extension.plotly.min.js").Should().StartWith("/**\n* plotly.js v", "the build embeds plotly.js from the npm package");
    }

    [Fact]
    public void A_plotly_figure_without_html_draws_offline_in_the_html_export()
    {
        var result = RunWithExtension("bare-figure", "display(\"{\\\"data\\\":[{\\\"type\\\":\\\"bar\\\",\\\"y\\\":[3,1]}]}\", \"application/vnd.plotly.v1+json\");");

        result.ExitCode.Should().Be(0, result.Combined);
        var output = NotebookFiles.Cells(_folder.File("out/bare-figure.ipynb"))[1]!["outputs"]![0]!["data"]!.AsObject();
        output.Select(p => p.Key).Should().BeEquivalentTo("application/vnd.plotly.v1+json", "text/plain");
        var page = new HtmlParser().ParseDocument(File.ReadAllText(_folder.File("out/bare-figure.html")));
        page.QuerySelectorAll("script").Count(s => s.TextContent.Contains("* plotly.js v", StringComparison.Ordinal)).Should().Be(1);
        page.QuerySelectorAll(".plotly-figure").Should().ContainSingle();
    }

    [Fact]
    public void A_notebook_referencing_the_extension_package_renders_figures_with_its_formatters()
    {
        var result = RunWithExtension("figure", "Workbench.Data.Plots.Plot.Bar(new[] { \"a\", \"b\" }, new[] { 1.0, 2.0 }, title: \"from the extension\")");

        result.ExitCode.Should().Be(0, result.Combined);
        var cells = NotebookFiles.Cells(_folder.File("out/figure.ipynb"));
        NotebookFiles.Text(cells[0]!["outputs"]![0]!["data"]!["text/plain"]).Should().Contain("Workbench.Extension 0.1.0").And.Contain("loaded extension Workbench.Extension");
        var data = cells[1]!["outputs"]![0]!["data"]!;
        data["application/vnd.plotly.v1+json"]!["data"]![0]!["type"]!.GetValue<string>().Should().Be("bar");
        var html = NotebookFiles.Text(data["text/html"]);
        html.Should().Contain("Plotly.newPlot").And.Contain("from the extension");
        html.Length.Should().BeGreaterThan(1_000_000, "the first figure of a session carries plotly.js inline");

        var page = new HtmlParser().ParseDocument(File.ReadAllText(_folder.File("out/figure.html")));
        page.QuerySelectorAll("script").Should().Contain(s => s.TextContent.Contains("from the extension", StringComparison.Ordinal));
        NotebookFiles.Validate(_folder.File("out/figure.ipynb")).Should().Be("ok");
    }

    [Fact]
    public void A_live_figure_updated_in_place_still_carries_plotly_in_the_saved_notebook()
    {
        // The first state of the display carried plotly.js (the session's first figure); its update replaced it.
        var result = RunWithExtension("live-figure", """
            var chart = display(Workbench.Data.Plots.Plot.Bar(new[] { "a", "b" }, new[] { 1.0, 2.0 }, title: "epoch 1"));
            chart.Update(Workbench.Data.Plots.Plot.Bar(new[] { "a", "b" }, new[] { 3.0, 4.0 }, title: "final"));
            """);

        result.ExitCode.Should().Be(0, result.Combined);
        var outputs = NotebookFiles.Cells(_folder.File("out/live-figure.ipynb"))[1]!["outputs"]!.AsArray();
        outputs.Should().ContainSingle("the display was updated in place");
        var html = NotebookFiles.Text(outputs[0]!["data"]!["text/html"]);
        html.Should().Contain("final").And.Contain("window.Plotly");
        html.Split("* plotly.js v").Length.Should().Be(2, "the saved notebook draws the figure on its own, with the library once");
        NotebookFiles.Validate(_folder.File("out/live-figure.ipynb")).Should().Be("ok");
    }

    /// <summary>Runs a notebook whose first cell references the packed extension and whose second cell is <paramref name="code"/>.</summary>
    private ProcessResult RunWithExtension(string name, string code)
    {
        var notebook = NotebookFiles.Write(_folder.File(name + ".ipynb"), $"#i \"nuget: {packages.Feed}\"\n#r \"nuget: Workbench.Extension, 0.1.0\"", code);
        return WorkbenchCli.Run(["notebook", "run", notebook, "--output-dir", _folder.File("out"), "--html"], _folder.Path, _folder.File("home"));
    }

    [Fact]
    public void The_welcome_notebook_runs_with_parameters_against_the_packed_packages()
    {
        // The notebook finds its packages at ../artifacts/packages, as in the repository.
        var notebook = packages.RepositoryCopy(_folder, "00-welcome.ipynb");

        var result = WorkbenchCli.Run(
            ["notebook", "run", notebook, "-p", "name", "Ada", "-p", "rows", "7", "--output-dir", _folder.File("out")],
            _folder.Path,
            _folder.File("home"));

        result.ExitCode.Should().Be(0, result.Combined);
        var output = _folder.File("out/00-welcome.ipynb");
        NotebookFiles.Validate(output).Should().Be("ok");
        var cells = NotebookFiles.Cells(output);
        var injected = cells.Single(c => c!["metadata"]!["tags"]?.AsArray().Any(t => t!.GetValue<string>() == "injected-parameters") == true)!;
        NotebookFiles.Text(injected["source"]).Should().Be("// Parameters\nstring name = \"Ada\";\nint rows = 7;");
        NotebookFiles.Stdout(cells.Single(c => c!["id"]!.GetValue<string>() == "hello")!).Should().StartWith("Hello, Ada!\n");
        var table = NotebookFiles.Text(cells.Single(c => c!["id"]!.GetValue<string>() == "table")!["outputs"]![0]!["data"]!["text/html"]);
        new HtmlParser().ParseDocument(table).QuerySelectorAll("tbody tr").Should().HaveCount(7);
        var chart = cells.Single(c => c!["id"]!.GetValue<string>() == "chart")!["outputs"]![0]!["data"]!;
        chart["application/vnd.plotly.v1+json"]!["data"]![0]!["x"]!.AsArray().Select(x => x!.GetValue<string>()).Should().Equal("cardiology", "oncology", "orthopaedics", "respiratory");
        var update = cells.Single(c => c!["id"]!.GetValue<string>() == "update")!["outputs"]!.AsArray();
        update.Should().ContainSingle("the display was updated in place, not appended");
        NotebookFiles.Text(update[0]!["data"]!["text/plain"]).Should().MatchRegex(@"^\d+ of 200 admissions were readmitted");
    }
}
