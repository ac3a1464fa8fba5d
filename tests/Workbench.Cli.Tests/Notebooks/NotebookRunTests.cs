using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Workbench.Cli.Tests.Support;
using Workbench.Testing;

namespace Workbench.Cli.Tests.Notebooks;

/// <summary>`workbench notebook run` as a real process.</summary>
public sealed class NotebookRunTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-cli");

    public void Dispose() => _folder.Dispose();

    private string Out => _folder.File("out");

    private ProcessResult Run(params string[] arguments) => WorkbenchCli.Run(["notebook", "run", .. arguments], _folder.Path, _folder.File("home"));

    [Fact]
    public void Parameters_are_injected_typed_and_the_executed_notebook_validates()
    {
        var result = Run(NotebookFiles.Fixture("parameters.ipynb"), "-p", "name", "Ada", "-p", "rows", "3", "-p", "threshold", "0.25", "-p", "verbose", "true", "--output-dir", Out);

        result.ExitCode.Should().Be(0, result.Combined);
        var output = Path.Combine(Out, "parameters.ipynb");
        NotebookFiles.Validate(output).Should().Be("ok");
        var cells = NotebookFiles.Cells(output);
        var injected = cells[2]!;
        injected["metadata"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("injected-parameters");
        NotebookFiles.Text(injected["source"]).Should().Be("// Parameters\nstring name = \"Ada\";\nint rows = 3;\ndouble threshold = 0.25;\nbool verbose = true;");
        NotebookFiles.Stdout(cells[3]!).Should().Be("name=Ada rows=3 seed=42 threshold=0.25 verbose=True since=2024-01-01 label=default\n");
        var html = NotebookFiles.Text(cells[4]!["outputs"]![0]!["data"]!["text/html"]);
        new HtmlParser().ParseDocument(html).QuerySelectorAll("tbody tr").Should().HaveCount(3);
        cells.Select(c => c!["execution_count"]?.GetValue<int>()).Should().Equal(null, 1, 2, 3, 4);
        NotebookFiles.Read(output)["metadata"]!["papermill"]!["parameters"]!.ToJsonString().Should().Be("{\"name\":\"Ada\",\"rows\":3,\"threshold\":0.25,\"verbose\":true}");

        result.StandardOutput.Should().Contain("==> parameters.ipynb: 4 code cells").And.Contain("[4/4] ok");
        result.StandardOutput.Should().MatchRegex(@"parameters\.ipynb\s*│\s*completed\s*│");
    }

    [Fact]
    public void A_value_that_does_not_parse_as_its_declared_type_stops_everything_before_it_runs()
    {
        var result = Run(NotebookFiles.Fixture("parameters.ipynb"), NotebookFiles.Fixture("failing.ipynb"), "-p", "rows", "lots", "--output-dir", Out);

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("Parameter 'rows' is declared int in the parameters cell, but the value 'lots' is not a whole number").And.Contain("Nothing was run.");
        Directory.Exists(Out).Should().BeFalse("no notebook may run or be written");
    }

    [Fact]
    public void A_failing_notebook_exits_non_zero_marks_the_cell_and_leaves_the_rest_unexecuted()
    {
        var result = Run(NotebookFiles.Fixture("failing.ipynb"), "--output-dir", Out, "--html");

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("failing.ipynb: cell 4: DivideByZeroException: Attempted to divide by zero.");
        result.StandardOutput.Should().MatchRegex(@"failing\.ipynb\s*│\s*failed\s*│");
        var output = Path.Combine(Out, "failing.ipynb");
        NotebookFiles.Validate(output).Should().Be("ok");
        var cells = NotebookFiles.Cells(output);
        NotebookFiles.Text(cells[0]!["source"]).Should().Contain("An Exception was encountered at '<a href=\"#papermill-error-cell\">In [3]</a>' (cell 4)");
        var failingIndex = cells.ToList().FindIndex(c => c!["id"]!.GetValue<string>() == "boom");
        NotebookFiles.Text(cells[failingIndex - 1]!["source"]).Should().Contain("<span id=\"papermill-error-cell\"");
        var error = cells[failingIndex]!["outputs"]!.AsArray().Single(o => o!["output_type"]!.GetValue<string>() == "error")!;
        error["ename"]!.GetValue<string>().Should().Be("DivideByZeroException");
        var never = cells.Single(c => c!["id"]!.GetValue<string>() == "never")!;
        never["execution_count"].Should().BeNull();
        never["outputs"]!.AsArray().Should().BeEmpty();

        var document = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(Out, "failing.html")));
        document.QuerySelector("article.failed")!.Id.Should().Be("cell-boom");
        document.QuerySelector("article.failed .error pre")!.TextContent.Should().Contain("Attempted to divide by zero.").And.Contain("cell 4:line 2");
        document.QuerySelector("#papermill-error-cell").Should().NotBeNull();
        document.QuerySelector("#cell-never .prompt")!.TextContent.Should().Be("In [ ]:");
    }

    [Fact]
    public void The_html_page_is_self_contained_and_shows_markdown_code_and_outputs()
    {
        var result = Run(NotebookFiles.Fixture("parameters.ipynb"), "--output-dir", Out, "--html");

        result.ExitCode.Should().Be(0, result.Combined);
        var html = File.ReadAllText(Path.Combine(Out, "parameters.html"));
        var document = new HtmlParser().ParseDocument(html);
        document.Title.Should().Be("parameters.ipynb");
        document.QuerySelector("article.markdown-cell h1")!.TextContent.Should().Be("Parameters");
        document.QuerySelector("article.markdown-cell code")!.TextContent.Should().Be("-p");
        var show = document.QuerySelector("#cell-show")!;
        show.QuerySelector(".prompt")!.TextContent.Should().Be("In [2]:");
        show.QuerySelector(".stream.stdout pre")!.TextContent.Should().StartWith("name=world rows=5");
        document.QuerySelectorAll("#cell-table tbody tr").Should().HaveCount(5);
        document.QuerySelectorAll("link[rel=stylesheet], script[src]").Should().BeEmpty("the page must not fetch anything");
    }

    [Fact]
    public void A_notebook_that_is_not_json_is_reported_with_line_and_column_and_the_others_still_run()
    {
        var result = Run(NotebookFiles.Fixture("not-json.ipynb"), NotebookFiles.Fixture("parameters.ipynb"), "--output-dir", Out);

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("not-json.ipynb is not a valid notebook: its JSON is malformed at line 6, column 3");
        result.StandardOutput.Should().MatchRegex(@"not-json\.ipynb\s*│\s*invalid\s*│").And.MatchRegex(@"parameters\.ipynb\s*│\s*completed\s*│");
        File.Exists(Path.Combine(Out, "parameters.ipynb")).Should().BeTrue();
    }

    [Fact]
    public void A_compile_error_names_the_notebook_cell_line_and_column()
    {
        var notebook = NotebookFiles.Write(_folder.File("broken.ipynb"), "var fine = 1;", "var a = 1;\nvar b = missing + a;", "Console.WriteLine(\"not reached\");");

        var result = Run(notebook, "--output-dir", Out);

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("broken.ipynb: cell 2: CompilationError: cell 2, line 2, column 9: CS0103 The name 'missing' does not exist in the current context");
        var cells = NotebookFiles.Cells(Path.Combine(Out, "broken.ipynb"));
        cells.Last()!["execution_count"].Should().BeNull();
    }

    [Fact]
    public void An_unknown_magic_is_a_cell_error_listing_the_known_ones()
    {
        var notebook = NotebookFiles.Write(_folder.File("magic.ipynb"), "#!timeit\n1 + 1");

        var result = Run(notebook, "--output-dir", Out);

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("magic.ipynb: cell 1: MagicError: cell 1, line 1: unknown magic '#!timeit'. Known magics: #r, #r nuget, #i, #!time");
        NotebookFiles.Validate(Path.Combine(Out, "magic.ipynb")).Should().Be("ok");
    }

    [Fact]
    public void A_missing_package_names_the_package_version_and_sources()
    {
        Directory.CreateDirectory(_folder.File("feed"));
        var notebook = NotebookFiles.Write(_folder.File("package.ipynb"), "#i \"nuget: ./feed\"\n#r \"nuget: Workbench.Does.Not.Exist, 1.2.3\"");

        var result = Run(notebook, "--output-dir", Out);

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("package.ipynb: cell 1: PackageRestoreError: cell 1, line 2: Could not restore NuGet package 'Workbench.Does.Not.Exist' version 1.2.3 from sources:")
            .And.Contain(_folder.File("feed"));
    }

    [Fact]
    public void Several_notebooks_run_one_after_another_each_in_a_fresh_kernel()
    {
        var first = NotebookFiles.Write(_folder.File("first.ipynb"), "var shared = 41;\nshared + 1");
        var second = NotebookFiles.Write(_folder.File("second.ipynb"), "shared");

        var result = Run(first, second, "--output-dir", Out);

        result.ExitCode.Should().Be(1);
        result.StandardOutput.Should().MatchRegex(@"first\.ipynb\s*│\s*completed").And.MatchRegex(@"second\.ipynb\s*│\s*failed");
        result.StandardOutput.IndexOf("==> first.ipynb", StringComparison.Ordinal).Should().BeLessThan(result.StandardOutput.IndexOf("==> second.ipynb", StringComparison.Ordinal));
        result.StandardError.Should().Contain("second.ipynb: cell 1: CompilationError: cell 1, line 1, column 1: CS0103 The name 'shared' does not exist");
    }

    [Fact]
    public void The_timeout_stops_a_runaway_cell()
    {
        var result = Run(NotebookFiles.Fixture("endless.ipynb"), "--timeout", "2", "--output-dir", Out);

        result.ExitCode.Should().Be(1);
        result.StandardOutput.Should().MatchRegex(@"endless\.ipynb\s*│\s*timed out");
        result.StandardError.Should().Contain("cell 1 ran longer than its 2 s timeout and was stopped.");
        var cells = NotebookFiles.Cells(Path.Combine(Out, "endless.ipynb"));
        cells.Single(c => c!["id"]!.GetValue<string>() == "after")!["execution_count"].Should().BeNull();
    }

    [Fact]
    public void Input_requests_are_answered_from_the_command_line_or_fail_clearly()
    {
        var notebook = NotebookFiles.Write(_folder.File("ask.ipynb"), "#!set --name who --value @input:\"Your name\"\nConsole.WriteLine($\"hi {who}\");");

        var answered = Run(notebook, "--input", "who=Grace", "--output-dir", Out);
        answered.ExitCode.Should().Be(0, answered.Combined);
        NotebookFiles.Stdout(NotebookFiles.Cells(Path.Combine(Out, "ask.ipynb"))[0]!).Should().Be("hi Grace\n");

        var unanswered = Run(notebook, "--output-dir", Out);
        unanswered.ExitCode.Should().Be(1);
        unanswered.StandardError.Should().Contain("pass --input who=VALUE");
    }

    [Fact]
    public void Rerunning_an_executed_notebook_replaces_its_injected_cell()
    {
        Run(NotebookFiles.Fixture("parameters.ipynb"), "-p", "rows", "2", "--output-dir", Out).ExitCode.Should().Be(0);
        var again = Run(Path.Combine(Out, "parameters.ipynb"), "-p", "rows", "4", "--output-dir", _folder.File("again"));

        again.ExitCode.Should().Be(0, again.Combined);
        var injected = NotebookFiles.Cells(_folder.File("again/parameters.ipynb")).Where(c => c!["metadata"]!["tags"]?.AsArray().Any(t => t!.GetValue<string>() == "injected-parameters") == true).ToList();
        injected.Should().ContainSingle();
        NotebookFiles.Text(injected[0]!["source"]).Should().Contain("int rows = 4;");
    }

    [Fact]
    public void Without_an_output_dir_the_executed_notebook_goes_beside_the_input()
    {
        var notebook = NotebookFiles.Write(_folder.File("nb/here.ipynb"), "1");

        Run(notebook).ExitCode.Should().Be(0);
        File.Exists(_folder.File("nb/here.executed.ipynb")).Should().BeTrue();
        Run(_folder.File("nb/here.executed.ipynb")).ExitCode.Should().Be(0);
        Directory.GetFiles(_folder.File("nb")).Select(Path.GetFileName).Should().BeEquivalentTo("here.ipynb", "here.executed.ipynb");
    }

    [Fact]
    public void Cells_run_in_the_notebook_folder_unless_told_to_use_the_current_directory()
    {
        var notebook = NotebookFiles.Write(_folder.File("nb/cwd.ipynb"), "Console.WriteLine(Environment.CurrentDirectory);");

        Run(notebook, "--output-dir", Out).ExitCode.Should().Be(0);
        NotebookFiles.Stdout(NotebookFiles.Cells(Path.Combine(Out, "cwd.ipynb"))[0]!).Trim().Should().Be(_folder.File("nb"));

        Run(notebook, "--output-dir", Out, "--kernel-cwd", "current").ExitCode.Should().Be(0);
        NotebookFiles.Stdout(NotebookFiles.Cells(Path.Combine(Out, "cwd.ipynb"))[0]!).Trim().Should().Be(_folder.Path);
    }

    [Fact]
    public void A_dib_notebook_is_run_and_written_as_ipynb()
    {
        var result = Run(NotebookFiles.Fixture("sample.dib"), "--output-dir", Out);

        result.ExitCode.Should().Be(1, "its F# cell cannot run");
        result.StandardError.Should().Contain("sample.dib: cell 3: UnsupportedKernel");
        var output = Path.Combine(Out, "sample.ipynb");
        NotebookFiles.Validate(output).Should().Be("ok");
        var timed = NotebookFiles.Cells(output).Single(c => NotebookFiles.Text(c!["source"]).StartsWith("#!time", StringComparison.Ordinal))!;
        NotebookFiles.Stdout(timed).Should().StartWith("hello from dib\nWall time:");
    }
}
