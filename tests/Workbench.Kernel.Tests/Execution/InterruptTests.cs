using System.Diagnostics;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Tests.Support;

namespace Workbench.Kernel.Tests.Execution;

public sealed class InterruptTests
{
    // The contract is one second; the margin keeps a loaded CI machine from failing the test.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("while (true) { }")]
    [InlineData("while (true) ;")]
    [InlineData("for (;;) { }")]
    [InlineData("do { } while (true);")]
    [InlineData("foreach (var i in Enumerable.Repeat(1, int.MaxValue)) { }")]
    [InlineData("void Spin() { var x = 0; while (x >= 0) x = (x + 1) % 10; }\nSpin();")]
    [InlineData("long Fib(int n) { return n < 2 ? n : Fib(n - 1) + Fib(n - 2); }\nFib(80);")]
    [InlineData("var items = Enumerable.Range(0, int.MaxValue).Select(i => { return i * 2; });\nforeach (var i in items) { }")]
    [InlineData("await Task.Run(() => { while (true) { } });")]
    public async Task Interrupt_stops_a_runaway_cell(string code)
    {
        using var engine = new ExecutionEngine();
        var sink = new RecordingSink();
        var run = engine.ExecuteAsync(code, sink, new CellOptions { Label = "cell 1" });
        await Task.Delay(300);
        run.IsCompleted.Should().BeFalse("the cell should still be spinning");

        var clock = Stopwatch.StartNew();
        engine.Interrupt();
        var finished = await Task.WhenAny(run, Task.Delay(Generous)) == run;

        finished.Should().BeTrue($"the cell must stop after Interrupt() (waited {clock.Elapsed})");
        var result = await run;
        result.Status.Should().Be(CellStatus.Interrupted);
        sink.Errors.Single().Name.Should().Be("Interrupted");

        // The engine stays usable.
        (await Cells.RunAsync(engine, "1 + 2")).Sink.Results.Single().Plain().Should().Be("3");
    }

    [Fact]
    public async Task Runaway_recursion_is_a_cell_error_not_a_crash()
    {
        using var engine = new ExecutionEngine();
        var (result, sink) = await Cells.RunAsync(engine, "int Down(int n) { return Down(n + 1) + 1; }\nDown(0)", new CellOptions { Label = "cell 1" });

        result.Status.Should().Be(CellStatus.Error);
        var error = sink.Errors.Single();
        error.Name.Should().Be("InsufficientExecutionStackException");
        error.Traceback.Should().Contain(l => l.Contains("the frame above repeats", StringComparison.Ordinal));
        error.Traceback.Count.Should().BeLessThan(50);
        (await Cells.RunAsync(engine, "1")).Sink.Results.Single().Plain().Should().Be("1");
    }

    [Fact]
    public async Task A_cell_past_its_timeout_is_stopped()
    {
        using var engine = new ExecutionEngine();
        var (result, sink) = await Cells.RunAsync(engine, "while (true) { }", new CellOptions { Label = "cell 2", Timeout = TimeSpan.FromMilliseconds(400) });

        result.Status.Should().Be(CellStatus.TimedOut);
        sink.Errors.Single().Name.Should().Be("CellTimeout");
        sink.Errors.Single().Value.Should().Be("cell 2 ran longer than its 400 ms timeout and was stopped.");
    }

    [Fact]
    public async Task A_blocking_call_that_ignores_the_interrupt_is_reported_and_the_engine_refuses_more_cells()
    {
        using var engine = new ExecutionEngine(new EngineOptions { InterruptGracePeriod = TimeSpan.FromMilliseconds(300) });
        var sink = new RecordingSink();
        var run = engine.ExecuteAsync("Console.WriteLine(\"sleeping\");\nSystem.Threading.Thread.Sleep(30_000);", sink, new CellOptions { Label = "cell 5" });
        await WaitUntilAsync(() => sink.Stdout.Contains("sleeping", StringComparison.Ordinal));

        engine.Interrupt();
        var result = await run;

        result.Status.Should().Be(CellStatus.Abandoned);
        sink.Errors.Single().Value.Should().Contain("cell 5 did not stop").And.Contain("restart the kernel");

        var (next, nextSink) = await Cells.RunAsync(engine, "1", new CellOptions { Label = "cell 6" });
        next.Status.Should().Be(CellStatus.Error);
        nextSink.Errors.Single().Value.Should().Contain("cell 6 was not run").And.Contain("cell 5");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the cell should have started");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task The_cancellation_token_global_stops_awaits()
    {
        using var engine = new ExecutionEngine();
        var run = engine.ExecuteAsync("await Task.Delay(TimeSpan.FromMinutes(5), CancellationToken);", new RecordingSink());
        await Task.Delay(200);

        (await engine.InterruptAsync(Generous)).Should().BeTrue();
        (await run).Status.Should().Be(CellStatus.Interrupted);
    }
}
