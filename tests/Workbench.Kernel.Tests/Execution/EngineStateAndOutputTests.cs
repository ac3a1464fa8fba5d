using Workbench.Kernel.Execution;
using Workbench.Kernel.Tests.Support;

namespace Workbench.Kernel.Tests.Execution;

public sealed class EngineStateAndOutputTests : IDisposable
{
    private readonly ExecutionEngine _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Variables_and_methods_carry_across_cells()
    {
        (await Cells.RunAsync(_engine, "var x = 40;\nint Twice(int v) => v * 2;")).Result.Status.Should().Be(CellStatus.Ok);
        var (result, sink) = await Cells.RunAsync(_engine, "Twice(x) - 38");

        result.Status.Should().Be(CellStatus.Ok);
        sink.Results.Should().ContainSingle().Which.Plain().Should().Be("42");
        _engine.Variables.Should().Contain(v => v.Name == "x" && (int)v.Value! == 40);
    }

    [Fact]
    public async Task Trailing_expression_is_the_result_but_statements_and_void_calls_are_not()
    {
        (await Cells.RunAsync(_engine, "1 + 1;")).Sink.Results.Should().BeEmpty();
        (await Cells.RunAsync(_engine, "Console.WriteLine(\"x\")")).Sink.Results.Should().BeEmpty();
        (await Cells.RunAsync(_engine, "\"text\"")).Sink.Results.Single().Plain().Should().Be("text");
        (await Cells.RunAsync(_engine, "string s = null;\ns")).Sink.Results.Single().Plain().Should().Be("<null>");
    }

    [Fact]
    public async Task Stdout_and_stderr_are_captured_per_cell_including_tasks_and_threads()
    {
        var (result, sink) = await Cells.RunAsync(_engine, """
            Console.WriteLine("out");
            Console.Error.WriteLine("err");
            await Task.Run(() => Console.WriteLine("from task"));
            var thread = new System.Threading.Thread(() => Console.Write("from thread\n"));
            thread.Start();
            thread.Join();
            Console.Write("partial");
            """);

        result.Status.Should().Be(CellStatus.Ok);
        sink.Stdout.Should().Be("out\nfrom task\nfrom thread\npartial");
        sink.Stderr.Should().Be("err\n");
    }

    [Fact]
    public async Task Output_order_is_kept_between_streams_and_displays()
    {
        var (_, sink) = await Cells.RunAsync(_engine, "Console.Write(\"before \"); display(1); Console.WriteLine(\"after\");");

        sink.Events.Select(e => e switch
        {
            RecordingSink.StreamEvent s => "stream:" + s.Text,
            RecordingSink.DisplayEvent d => "display:" + d.Output.Plain(),
            _ => e.ToString(),
        }).Should().Equal("stream:before ", "display:1", "stream:after\n");
    }

    [Fact]
    public async Task Display_returns_a_handle_whose_update_replaces_the_output()
    {
        var (result, sink) = await Cells.RunAsync(_engine, "var handle = display(\"starting\");\nhandle.Update(\"done\");\n\"x\".Display();");

        result.Status.Should().Be(CellStatus.Ok);
        sink.Displays.Should().HaveCount(2);
        var first = sink.Displays[0];
        first.Plain().Should().Be("starting");
        first.DisplayId.Should().NotBeNullOrEmpty();
        sink.Updates.Should().ContainSingle().Which.Should().Match<DisplayOutput>(u => u.DisplayId == first.DisplayId && u.Data["text/plain"] == "done");
        sink.Displays[1].DisplayId.Should().NotBe(first.DisplayId);

        // A later cell can update the earlier display.
        var (_, later) = await Cells.RunAsync(_engine, "handle.Update(42);");
        later.Updates.Should().ContainSingle().Which.DisplayId.Should().Be(first.DisplayId);
    }

    [Fact]
    public async Task Display_with_mime_types_limits_the_bundle()
    {
        var (_, sink) = await Cells.RunAsync(_engine, "display(\"<b>bold</b>\", \"text/html\");");

        sink.Displays.Single().Data.Keys.Should().BeEquivalentTo("text/html", "text/plain");
        sink.Displays.Single().Data["text/html"].Should().Be("<b>bold</b>");
    }

    [Fact]
    public async Task Clear_output_reaches_the_sink()
    {
        var (_, sink) = await Cells.RunAsync(_engine, "Console.WriteLine(1); ClearOutput(wait: true);");

        sink.Events.Last().Should().Be(new RecordingSink.ClearEvent(true));
        sink.Stdout.Should().Be("1\n");
    }

    [Fact]
    public async Task Console_ReadLine_asks_the_sink_for_input()
    {
        var sink = new RecordingSink();
        sink.Answers.Enqueue("Ada");
        var result = await _engine.ExecuteAsync("Console.Write(\"Name? \");\nvar name = Console.ReadLine();\nConsole.WriteLine($\"Hello {name}\");", sink);

        result.Status.Should().Be(CellStatus.Ok);
        sink.InputRequests.Should().ContainSingle().Which.Password.Should().BeFalse();
        sink.Stdout.Should().Be("Name? Hello Ada\n");
    }

    [Fact]
    public async Task A_cell_without_an_answer_for_ReadLine_fails_with_the_sinks_reason()
    {
        var (result, sink) = await Cells.RunAsync(_engine, "var line = Console.ReadLine();");

        result.Status.Should().Be(CellStatus.Error);
        sink.Errors.Single().Name.Should().Be("InputUnavailableException");
    }

    [Fact]
    public async Task Markdown_and_html_cells_display_their_text()
    {
        var (_, markdown) = await Cells.RunAsync(_engine, "# Title\n\nSome *text*.", new CellOptions { Language = "markdown" });
        markdown.Displays.Single().Data["text/markdown"].Should().Be("# Title\n\nSome *text*.");
        markdown.Displays.Single().Data["text/html"].Should().Contain("<h1").And.Contain("<em>text</em>");

        var (_, html) = await Cells.RunAsync(_engine, "#!html\n<p id=\"x\">hi</p>");
        html.Displays.Single().Data["text/html"].Should().Be("<p id=\"x\">hi</p>");
    }

    [Fact]
    public async Task Cells_for_other_kernels_fail_clearly()
    {
        var (result, sink) = await Cells.RunAsync(_engine, "#!fsharp\nlet x = 1", new CellOptions { Label = "cell 7" });

        result.Status.Should().Be(CellStatus.Error);
        sink.Errors.Single().Name.Should().Be("UnsupportedKernel");
        sink.Errors.Single().Value.Should().Contain("cell 7").And.Contain("'fsharp'");
    }

    [Fact]
    public void Is_complete_follows_the_csharp_grammar()
    {
        _engine.IsComplete("var x = 1;").Should().BeTrue();
        _engine.IsComplete("if (true) {").Should().BeFalse();
        _engine.IsComplete("var s = \"unterminated").Should().BeFalse();
        _engine.IsComplete("#r \"nuget: Something\"").Should().BeTrue();
        _engine.IsComplete("var items = new[] {\n  1,").Should().BeFalse();
    }

    [Fact]
    public async Task Analyze_sees_earlier_cells_for_completion()
    {
        await Cells.RunAsync(_engine, "var patients = new List<string> { \"a\" };");
        var code = "#!time\npatients.";
        var analysis = _engine.Analyze(code);

        var symbols = analysis.SemanticModel.LookupSymbols(code.Length - 1).Select(s => s.Name);
        symbols.Should().Contain("patients");
        analysis.Tree.ToString().Should().HaveLength(code.Length, "positions must be the cell's own");
    }
}
