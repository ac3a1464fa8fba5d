using Workbench.Kernel.Execution;
using Workbench.Kernel.Tests.Support;
using Workbench.Testing;

namespace Workbench.Kernel.Tests.Magics;

public sealed class MagicExecutionTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-magics");
    private readonly ExecutionEngine _engine;

    public MagicExecutionTests()
    {
        _engine = new ExecutionEngine(new EngineOptions { BaseDirectory = _folder.Path, WorkbenchHome = _folder.File("home") });
    }

    public void Dispose()
    {
        _engine.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Time_prints_the_wall_time_after_the_cell()
    {
        var (result, sink) = await Cells.RunAsync(_engine, "#!time\nConsole.WriteLine(\"work\");\nawait Task.Delay(50);");

        result.Status.Should().Be(CellStatus.Ok);
        sink.Stdout.Should().MatchRegex(@"^work\nWall time: \d+(\.\d+)? (ms|s)\n$");
    }

    [Fact]
    public async Task Set_declares_a_string_variable_from_a_literal()
    {
        (await Cells.RunAsync(_engine, "#!set --name cohort --value \"over 65\"")).Result.Status.Should().Be(CellStatus.Ok);
        (await Cells.RunAsync(_engine, "cohort.ToUpperInvariant()")).Sink.Results.Single().Plain().Should().Be("OVER 65");
    }

    [Fact]
    public async Task Set_with_input_asks_the_sink_by_name_and_password_is_flagged()
    {
        var sink = new RecordingSink();
        sink.Answers.Enqueue("Ada \"Lovelace\"");
        sink.Answers.Enqueue("s3cret");
        var result = await _engine.ExecuteAsync("#!set --name who --value @input:\"Your name\"\n#!set --name key --value @password:\"API key\"\nwho + \"/\" + key.Length", sink);

        result.Status.Should().Be(CellStatus.Ok);
        sink.InputRequests.Should().Equal(new InputRequest("Your name", false, "who"), new InputRequest("API key", true, "key"));
        sink.Results.Single().Plain().Should().Be("Ada \"Lovelace\"/6");
    }

    [Fact]
    public async Task Set_with_input_fails_clearly_when_nobody_can_answer()
    {
        var (result, sink) = await Cells.RunAsync(_engine, "#!set --name who --value @input:\"Your name\"", new CellOptions { Label = "cell 2" });

        result.Status.Should().Be(CellStatus.Error);
        sink.Errors.Single().Name.Should().Be("InputUnavailable");
        sink.Errors.Single().Value.Should().StartWith("cell 2, line 1:");
    }

    [Fact]
    public async Task Lsmagic_lists_every_magic()
    {
        var (_, sink) = await Cells.RunAsync(_engine, "#!lsmagic");

        var text = sink.Displays.Single().Plain();
        foreach (var magic in new[] { "#r \"nuget:", "#i", "#!time", "#!set", "#!markdown", "#!csharp", "#!about", "#!lsmagic", "#!who" })
        {
            text.Should().Contain(magic);
        }

        sink.Displays.Single().Data["text/html"].Should().Contain("<table>");
    }

    [Fact]
    public async Task About_names_the_kernel_compiler_and_runtime()
    {
        var (_, sink) = await Cells.RunAsync(_engine, "#!about");

        sink.Displays.Single().Plain().Should().Contain("Workbench kernel").And.Contain("Roslyn").And.Contain(".NET runtime: .NET 10");
    }

    [Fact]
    public async Task Who_and_whos_list_the_variables()
    {
        await Cells.RunAsync(_engine, "var beds = 12; var ward = \"ICU\";");

        (await Cells.RunAsync(_engine, "#!who")).Sink.Displays.Single().Plain().Should().Be("beds  ward");
        var whos = (await Cells.RunAsync(_engine, "#!whos")).Sink.Displays.Single();
        whos.Plain().Should().Contain("beds").And.Contain("int").And.Contain("12").And.Contain("ICU");
        whos.Data.Should().ContainKey("text/html");
    }

    [Fact]
    public async Task R_references_an_assembly_relative_to_the_notebook_folder()
    {
        TestAssemblies.Compile(_folder.File("lib"), "Clinic.Scores", "namespace Clinic; public static class News2 { public static int Score(int respiratoryRate) => respiratoryRate > 24 ? 3 : 0; }");

        var (result, sink) = await Cells.RunAsync(_engine, "#r \"lib/Clinic.Scores.dll\"\nClinic.News2.Score(30)");

        result.Status.Should().Be(CellStatus.Ok, string.Join("\n", sink.Errors.Select(e => e.ToString())));
        sink.Results.Single().Plain().Should().Be("3");
        (await Cells.RunAsync(_engine, "Clinic.News2.Score(10)")).Sink.Results.Single().Plain().Should().Be("0");
    }

    [Fact]
    public async Task R_with_a_missing_file_names_it()
    {
        var (result, sink) = await Cells.RunAsync(_engine, "#r \"lib/Nope.dll\"", new CellOptions { Label = "cell 9" });

        result.Status.Should().Be(CellStatus.Error);
        sink.Errors.Single().Value.Should().StartWith("cell 9, line 1: #r: the assembly").And.Contain(Path.Combine(_folder.Path, "lib", "Nope.dll"));
    }

    [Fact]
    public async Task I_with_a_missing_folder_names_it()
    {
        var (_, sink) = await Cells.RunAsync(_engine, "#i \"nuget: ./no-feed\"", new CellOptions { Label = "cell 1" });

        sink.Errors.Single().Value.Should().Contain("#i: the package folder").And.Contain(Path.Combine(_folder.Path, "no-feed"));
    }

    [Fact]
    public async Task An_unknown_magic_is_a_cell_error_naming_it()
    {
        var (result, sink) = await Cells.RunAsync(_engine, "#!timeit\n1", new CellOptions { Label = "cell 4" });

        result.Status.Should().Be(CellStatus.Error);
        sink.Errors.Single().Name.Should().Be("MagicError");
        sink.Errors.Single().Value.Should().StartWith("cell 4, line 1: unknown magic '#!timeit'").And.Contain("#!lsmagic");
        sink.Results.Should().BeEmpty("nothing of the cell runs");
    }

    [Fact]
    public async Task A_magic_below_code_gets_a_hint_with_the_compile_error()
    {
        var (_, sink) = await Cells.RunAsync(_engine, "var x = 1;\n#!time", new CellOptions { Label = "cell 3" });

        sink.Errors.Single().Traceback.Should().Contain("cell 3, line 2: magics such as '#!time' must come at the top of the cell, before any code.");
    }
}
