using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Notebooks;
using Workbench.Kernel.Papermill;
using Workbench.Kernel.Tests.Support;
using Workbench.Testing;

namespace Workbench.Kernel.Tests.Papermill;

/// <summary>The runner changes the process's working directory while a notebook runs, so these tests run alone.</summary>
[Collection(nameof(WorkingDirectoryCollection))]
public sealed class NotebookRunnerTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-runner");

    public void Dispose() => _folder.Dispose();

    private async Task<NotebookRunResult> RunAsync(string fixture, params (string, string)[] parameters)
    {
        var input = _folder.File(fixture);
        File.Copy(Fixtures.Notebook(fixture), input, overwrite: true);
        var notebook = IpynbReader.Read(input);
        var overrides = parameters.Select(p => KeyValuePair.Create(p.Item1, p.Item2)).ToList();
        var plan = ParameterInjection.Check(notebook, overrides, fixture);
        return await new NotebookRunner().RunAsync(notebook, plan, new NotebookRunOptions
        {
            InputPath = input,
            OutputPath = _folder.File("out.ipynb"),
            Parameters = overrides,
            WorkbenchHome = _folder.File("home"),
            CellTimeout = TimeSpan.FromSeconds(60),
        });
    }

    [Fact]
    public async Task A_successful_run_has_outputs_counts_and_a_run_record()
    {
        var result = await RunAsync("parameters.ipynb", ("name", "Ada"), ("rows", "2"));

        result.Succeeded.Should().BeTrue();
        result.CellsRun.Should().Be(4);
        var cells = result.Notebook.Cells;
        cells.Where(c => c.IsCode).Select(c => c.ExecutionCount).Should().Equal(1, 2, 3, 4);
        cells[2].HasTag("injected-parameters").Should().BeTrue();
        StdoutOf(cells[3]).Should().Be("name=Ada rows=2 seed=42 threshold=0.5 verbose=False since=2024-01-01 label=default\n");
        var table = cells[4].Outputs.OfType<JsonObject>().Single(o => o["output_type"]!.GetValue<string>() == "execute_result");
        MultilineText.Read(table["data"]!["text/html"]).Should().Contain("Ada 2");
        table["execution_count"]!.GetValue<int>().Should().Be(4);

        var papermill = result.Notebook.Metadata["papermill"]!;
        papermill["parameters"]!["name"]!.GetValue<string>().Should().Be("Ada");
        papermill["parameters"]!["rows"]!.GetValue<int>().Should().Be(2);
        papermill["default_parameters"]!["rows"]!.GetValue<string>().Should().Be("5");
        papermill["exception"]!.GetValue<bool>().Should().BeFalse();
        papermill["duration"]!.GetValue<double>().Should().BeGreaterThan(0);
        DateTimeOffset.Parse(papermill["end_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeOnOrAfter(DateTimeOffset.Parse(papermill["start_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        result.Notebook.Metadata["workbench"]!["run"]!["status"]!.GetValue<string>().Should().Be("completed");
        cells[3].Metadata["papermill"]!["status"]!.GetValue<string>().Should().Be("completed");
        cells[3].Metadata["papermill"]!["duration"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(0);

        var path = _folder.File("out.ipynb");
        IpynbWriter.Write(result.Notebook, path);
        Fixtures.Validate(path).Should().Be("ok");
    }

    [Fact]
    public async Task A_failing_cell_is_marked_and_the_cells_after_it_stay_unexecuted()
    {
        var result = await RunAsync("failing.ipynb");

        result.Status.Should().Be(CellStatus.Error);
        result.Failure!.Label.Should().Be("cell 4");
        result.Failure.Error.Name.Should().Be("DivideByZeroException");
        result.Failure.ExecutionCount.Should().Be(3);

        var cells = result.Notebook.Cells;
        cells[0].HasTag(ErrorMarkers.Tag).Should().BeTrue();
        cells[0].Source.Should().Contain("An Exception was encountered at '<a href=\"#papermill-error-cell\">In [3]</a>' (cell 4)");
        var failing = cells.Single(c => c.Id == "boom");
        var marker = cells[cells.IndexOf(failing) - 1];
        marker.HasTag(ErrorMarkers.Tag).Should().BeTrue();
        marker.Source.Should().Contain("id=\"papermill-error-cell\"");
        failing.Outputs.OfType<JsonObject>().Select(o => o["output_type"]!.GetValue<string>()).Should().Equal("stream", "error");
        failing.Outputs.OfType<JsonObject>().Last()["traceback"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Contain(l => l.Contains("cell 4:line 2", StringComparison.Ordinal));
        failing.Metadata["papermill"]!["status"]!.GetValue<string>().Should().Be("failed");

        var never = cells.Single(c => c.Id == "never");
        never.ExecutionCount.Should().BeNull();
        never.Outputs.Should().BeEmpty();
        never.Metadata["papermill"]!["status"]!.GetValue<string>().Should().Be("pending");
        result.Notebook.Metadata["papermill"]!["exception"]!.GetValue<bool>().Should().BeTrue();
        result.Notebook.Metadata["workbench"]!["run"]!["failed_cell"]!["label"]!.GetValue<string>().Should().Be("cell 4");

        var path = _folder.File("failed.ipynb");
        IpynbWriter.Write(result.Notebook, path);
        Fixtures.Validate(path).Should().Be("ok");

        // Running the output again removes the old markers rather than stacking them.
        var again = await new NotebookRunner().RunAsync(IpynbReader.Read(path), ParameterInjection.Check(IpynbReader.Read(path), [], "failed.ipynb"), new NotebookRunOptions { InputPath = path, WorkbenchHome = _folder.File("home") });
        again.Notebook.Cells.Count(c => c.HasTag(ErrorMarkers.Tag)).Should().Be(2);
    }

    [Fact]
    public async Task A_cell_past_the_timeout_fails_the_run()
    {
        var input = _folder.File("endless.ipynb");
        File.Copy(Fixtures.Notebook("endless.ipynb"), input);
        var notebook = IpynbReader.Read(input);
        var result = await new NotebookRunner().RunAsync(notebook, ParameterInjection.Check(notebook, [], "endless.ipynb"), new NotebookRunOptions
        {
            InputPath = input,
            CellTimeout = TimeSpan.FromMilliseconds(500),
            WorkbenchHome = _folder.File("home"),
        });

        result.Status.Should().Be(CellStatus.TimedOut);
        result.Failure!.Error.Value.Should().Contain("cell 1 ran longer than its 500 ms timeout");
        result.Notebook.Cells.Single(c => c.Id == "after").ExecutionCount.Should().BeNull();
        result.Notebook.Metadata["workbench"]!["run"]!["status"]!.GetValue<string>().Should().Be("timed_out");
    }

    [Fact]
    public async Task Cells_run_in_the_notebooks_folder_and_the_directory_is_restored()
    {
        var before = Environment.CurrentDirectory;
        var notebook = NotebookDocument.CreateCSharp();
        notebook.Cells.Add(NotebookCell.NewCode("Environment.CurrentDirectory"));
        var input = _folder.File("sub/cwd.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        var result = await new NotebookRunner().RunAsync(notebook, ParameterInjection.Check(notebook, [], "cwd"), new NotebookRunOptions { InputPath = input, WorkbenchHome = _folder.File("home") });

        MultilineText.Read(result.Notebook.Cells[0].Outputs[0]!["data"]!["text/plain"]).Should().Be(Path.GetDirectoryName(input));
        Environment.CurrentDirectory.Should().Be(before);
    }

    [Fact]
    public async Task The_html_export_renders_markdown_code_outputs_and_the_failure()
    {
        var result = await RunAsync("failing.ipynb");
        var html = NotebookHtmlExporter.Export(result.Notebook, new HtmlExportOptions { Title = "failing" });
        var document = new HtmlParser().ParseDocument(html);

        document.Title.Should().Be("failing");
        document.QuerySelector("h1#a-notebook-that-fails, h1")!.TextContent.Should().Contain("failing");
        document.QuerySelectorAll("article.markdown-cell h1").Select(h => h.TextContent).Should().Contain("A notebook that fails");
        var failed = document.QuerySelector("article.failed")!;
        failed.Id.Should().Be("cell-boom");
        failed.QuerySelector(".prompt")!.TextContent.Should().Be("In [3]:");
        failed.QuerySelector(".error pre")!.TextContent.Should().Contain("DivideByZeroException");
        document.QuerySelector("#papermill-error-cell").Should().NotBeNull("the marker's anchor must resolve in the page");
        document.QuerySelector("header .run a")!.GetAttribute("href").Should().Be("#cell-boom");
        var sum = document.QuerySelector("#cell-sum")!;
        sum.QuerySelector(".stream.stdout pre")!.TextContent.Should().Be("ward = cardiology\n");
        sum.QuerySelectorAll(".prompt").Select(p => p.TextContent).Should().Equal("In [2]:", "Out[2]:");
        document.QuerySelector("#cell-never .prompt")!.TextContent.Should().Be("In [ ]:");
    }

    private static string StdoutOf(NotebookCell cell) =>
        string.Concat(cell.Outputs.OfType<JsonObject>().Where(o => o["name"]?.GetValue<string>() == "stdout").Select(o => MultilineText.Read(o["text"])));

    [Fact]
    public void The_html_export_prefers_rich_outputs_and_inlines_plotly_once()
    {
        var notebook = NotebookDocument.CreateCSharp();
        var cell = NotebookCell.NewCode("x");
        cell.Outputs.Add(JsonNode.Parse("""{"output_type":"display_data","metadata":{},"data":{"application/vnd.plotly.v1+json":{"data":[{"type":"bar","y":[1,2]}]},"text/plain":"figure"}}""")!);
        cell.Outputs.Add(JsonNode.Parse("""{"output_type":"display_data","metadata":{},"data":{"application/vnd.plotly.v1+json":{"data":[]},"text/plain":"figure 2"}}""")!);
        cell.Outputs.Add(JsonNode.Parse("""{"output_type":"display_data","metadata":{},"data":{"image/png":"iVBORw0KGgo=","text/plain":"img"}}""")!);
        cell.Outputs.Add(JsonNode.Parse("""{"output_type":"display_data","metadata":{},"data":{"application/json":{"a":[1]},"text/plain":"json"}}""")!);
        cell.Outputs.Add(JsonNode.Parse("""{"output_type":"stream","name":"stderr","text":"\u001b[31mred\u001b[0m warning\n"}""")!);
        notebook.Cells.Add(cell);

        var html = NotebookHtmlExporter.Export(notebook, new HtmlExportOptions { PlotlyScript = () => "window.Plotly={newPlot:function(){}};/*PLOTLY*/" });
        var document = new HtmlParser().ParseDocument(html);

        html.Split("/*PLOTLY*/").Length.Should().Be(2, "plotly.js goes on the page exactly once");
        document.QuerySelectorAll(".plotly-figure").Should().HaveCount(2);
        document.QuerySelector("img")!.GetAttribute("src").Should().Be("data:image/png;base64,iVBORw0KGgo=");
        document.QuerySelector("pre.json")!.TextContent.Should().Contain("\"a\": [");
        document.QuerySelector(".stream.stderr pre")!.TextContent.Should().Be("red warning\n");
    }

    [Fact]
    public void Html_figures_whose_library_output_was_replaced_get_plotly_once_and_outputs_carrying_it_are_left_alone()
    {
        const string waiting = "<div id='p'></div><script>if(window.Plotly){d();}</script>";
        var replaced = NotebookDocument.CreateCSharp();
        var cell = NotebookCell.NewCode("live");
        // A live display's final state: drawn with plotly.js, which only its first (replaced) state carried.
        cell.Outputs.Add(HtmlOutput(waiting));
        cell.Outputs.Add(HtmlOutput(waiting));
        cell.Outputs.Add(HtmlOutput("<b>no figure</b>"));
        cell.Outputs.Add(JsonNode.Parse("""{"output_type":"display_data","metadata":{},"data":{"application/vnd.plotly.v1+json":{"data":[]},"text/plain":"figure"}}""")!);
        replaced.Cells.Add(cell);
        var options = new HtmlExportOptions { PlotlyScript = () => "window.Plotly={newPlot:function(){}};/*PLOTLY*/" };

        var html = NotebookHtmlExporter.Export(replaced, options);

        html.Split("/*PLOTLY*/").Length.Should().Be(2, "plotly.js goes on the page exactly once");
        html.IndexOf("/*PLOTLY*/", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("window.Plotly){d()", StringComparison.Ordinal), "the library comes before the first figure that waits for it");

        var carried = NotebookDocument.CreateCSharp();
        var first = NotebookCell.NewCode("figure");
        first.Outputs.Add(HtmlOutput("<script>/**\n* plotly.js v3.7.0\n*/</script>" + waiting));
        first.Outputs.Add(HtmlOutput(waiting));
        carried.Cells.Add(first);

        NotebookHtmlExporter.Export(carried, options).Should().NotContain("/*PLOTLY*/", "the page already has the library from the first figure");
    }

    private static JsonObject HtmlOutput(string html) => new()
    {
        ["output_type"] = "display_data",
        ["metadata"] = new JsonObject(),
        ["data"] = new JsonObject { ["text/html"] = html, ["text/plain"] = "output" },
    };
}

[CollectionDefinition(nameof(WorkingDirectoryCollection), DisableParallelization = true)]
public sealed class WorkingDirectoryCollection;
