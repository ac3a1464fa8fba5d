using Workbench.Kernel.Execution;
using Workbench.Kernel.Tests.Support;

namespace Workbench.Kernel.Tests.Execution;

public sealed class EngineErrorTests : IDisposable
{
    private readonly ExecutionEngine _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Compile_errors_name_the_cell_line_column_and_error_id()
    {
        var (result, sink) = await Cells.RunAsync(_engine, "var a = 1;\nvar b = nope + a;", new CellOptions { Label = "cell 3" });

        result.Status.Should().Be(CellStatus.Error);
        var error = sink.Errors.Single();
        error.Name.Should().Be("CompilationError");
        error.Value.Should().Be("cell 3, line 2, column 9: CS0103 The name 'nope' does not exist in the current context");
        result.Error.Should().Be(error);
    }

    [Fact]
    public async Task Compile_error_positions_ignore_the_inserted_interrupt_checks()
    {
        // Loop bodies get checks inserted before the error's column; the reported column is still the user's.
        var (_, sink) = await Cells.RunAsync(_engine, "for (var i = 0; i < 2; i++) { i++; } var j = 0; while (false) j++; var z = missing;", new CellOptions { Label = "cell 1" });

        var code = "for (var i = 0; i < 2; i++) { i++; } var j = 0; while (false) j++; var z = missing;";
        var column = code.IndexOf("missing", StringComparison.Ordinal) + 1;
        sink.Errors.Single().Value.Should().StartWith($"cell 1, line 1, column {column}: CS0103");
    }

    [Fact]
    public async Task Every_compile_error_is_listed()
    {
        var (_, sink) = await Cells.RunAsync(_engine, "int x = \"text\";\nundefined();", new CellOptions { Label = "cell 2" });

        sink.Errors.Single().Traceback.Should().HaveCount(2)
            .And.Contain(l => l.StartsWith("cell 2, line 1, column 9: CS0029", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("cell 2, line 2, column 1: CS0103", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_compile_leaves_the_state_untouched()
    {
        await Cells.RunAsync(_engine, "var kept = 5;");
        await Cells.RunAsync(_engine, "var kept = \"shadow\"; broken(");
        var (_, sink) = await Cells.RunAsync(_engine, "kept * 2");

        sink.Results.Single().Plain().Should().Be("10");
    }

    [Fact]
    public async Task Runtime_errors_carry_the_exception_and_the_cells_line_numbers()
    {
        var (result, sink) = await Cells.RunAsync(_engine, "int Divide(int a) {\n    return 10 / a;\n}\nvar before = 1;\nDivide(0)", new CellOptions { Label = "cell 4" });

        result.Status.Should().Be(CellStatus.Error);
        var error = sink.Errors.Single();
        error.Name.Should().Be("DivideByZeroException");
        error.Value.Should().Be("Attempted to divide by zero.");
        error.Traceback[0].Should().StartWith("System.DivideByZeroException: Attempted to divide by zero.");
        error.Traceback.Should().Contain(l => l.Contains("Divide(Int32 a) in cell 4:line 2", StringComparison.Ordinal));
        error.Traceback.Should().Contain(l => l.Contains("<top-level code> in cell 4:line 5", StringComparison.Ordinal));
        error.Traceback.Should().NotContain(l => l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal));

        // Statements before the throw ran, like in Jupyter.
        (await Cells.RunAsync(_engine, "before")).Sink.Results.Single().Plain().Should().Be("1");
    }

    [Fact]
    public async Task Exceptions_thrown_inside_awaited_tasks_are_reported_unwrapped()
    {
        var (_, sink) = await Cells.RunAsync(_engine, "await Task.Run(() => throw new InvalidOperationException(\"inner problem\"));");

        sink.Errors.Single().Name.Should().Be("InvalidOperationException");
        sink.Errors.Single().Value.Should().Be("inner problem");
    }

    [Fact]
    public async Task A_formatter_that_throws_falls_back_to_text_and_says_so()
    {
        await Cells.RunAsync(_engine, "record Patient(string Name);\nFormatters.Register<Patient>(\"text/html\", p => throw new InvalidOperationException(\"broken formatter\"));");
        var (result, sink) = await Cells.RunAsync(_engine, "new Patient(\"Ann\")");

        result.Status.Should().Be(CellStatus.Ok);
        sink.Results.Single().Plain().Should().Be("Patient { Name = Ann }");
        sink.Results.Single().Data.Should().NotContainKey("text/html", "the member table must not stand in for a formatter the user registered");
        sink.Stderr.Should().Contain("broken formatter").And.Contain("falling back");
    }
}
