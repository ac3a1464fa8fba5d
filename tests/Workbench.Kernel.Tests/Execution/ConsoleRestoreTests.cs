using Workbench.Kernel.Execution;
using Workbench.Kernel.Tests.Papermill;
using Workbench.Kernel.Tests.Support;

namespace Workbench.Kernel.Tests.Execution;

/// <summary>Console redirection is process-wide, so this runs alone (after the parallel tests).</summary>
[Collection(nameof(WorkingDirectoryCollection))]
public sealed class ConsoleRestoreTests
{
    [Fact]
    public async Task Console_streams_are_routed_while_an_engine_lives_and_restored_after()
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        var originalIn = Console.In;

        using (var engine = new ExecutionEngine())
        {
            Console.Out.Should().NotBeSameAs(originalOut);
            var (_, sink) = await Cells.RunAsync(engine, "Console.WriteLine(\"inside\");");
            sink.Stdout.Should().Be("inside\n");
        }

        Console.Out.Should().BeSameAs(originalOut);
        Console.Error.Should().BeSameAs(originalError);
        Console.In.Should().BeSameAs(originalIn);
    }

    [Fact]
    public async Task Writes_outside_any_cell_go_to_the_original_console()
    {
        var captured = new StringWriter();
        var original = Console.Out;
        Console.SetOut(captured);
        try
        {
            using var engine = new ExecutionEngine();
            var (_, sink) = await Cells.RunAsync(engine, "Console.Write(\"cell\");");
            Console.Write("host");

            sink.Stdout.Should().Be("cell");
            captured.ToString().Should().Be("host");
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public async Task The_compiler_warm_up_completes()
    {
        var warmUp = ExecutionEngine.WarmUpAsync();
        await warmUp;

        warmUp.IsCompletedSuccessfully.Should().BeTrue();
        ExecutionEngine.WarmUpAsync().Should().BeSameAs(warmUp, "it runs once per process");
    }
}
