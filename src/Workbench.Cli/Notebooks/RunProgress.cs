using Spectre.Console;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Papermill;

namespace Workbench.Cli.Notebooks;

/// <summary>Shows per-cell progress: a live Spectre display in a terminal, plain lines in CI and redirected output.</summary>
internal interface IRunProgress
{
    IProgress<CellProgress> Begin(string notebook, int codeCells);

    void End(string notebook, CellStatus status);
}

/// <summary>One line per finished cell, readable in a CI log.</summary>
internal sealed class PlainRunProgress(TextWriter output) : IRunProgress
{
    public IProgress<CellProgress> Begin(string notebook, int codeCells)
    {
        output.WriteLine($"==> {notebook}: {codeCells} code cells");
        return new Synchronous(progress =>
        {
            if (progress.Status is { } status)
            {
                output.WriteLine($"    [{progress.Position}/{progress.Total}] {(status == CellStatus.Ok ? "ok" : CellStatusText.Of(status)),-11} {Durations.Describe(progress.Duration ?? TimeSpan.Zero),10}  {progress.Label}: {progress.Summary}");
            }
        });
    }

    public void End(string notebook, CellStatus status)
    {
    }


    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Synchronous(Action<CellProgress> report) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) => report(value);
    }
}

/// <summary>A Spectre progress bar per notebook, its description naming the running cell.</summary>
internal sealed class LiveRunProgress(ProgressContext context) : IRunProgress
{
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

    public IProgress<CellProgress> Begin(string notebook, int codeCells)
    {
        var task = context.AddTask(Markup.Escape(notebook), maxValue: Math.Max(1, codeCells));
        _tasks[notebook] = task;
        return new Reporter(task, notebook);
    }

    public void End(string notebook, CellStatus status)
    {
        if (_tasks.TryGetValue(notebook, out var task))
        {
            var colour = status == CellStatus.Ok ? "green" : "red";
            task.Description = $"{Markup.Escape(notebook)} [{colour}]{CellStatusText.Of(status)}[/]";
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    private sealed class Reporter(ProgressTask task, string notebook) : IProgress<CellProgress>
    {
        public void Report(CellProgress value)
        {
            if (value.Status is null)
            {
                task.Description = $"{Markup.Escape(notebook)} [grey]{Markup.Escape(value.Label)}: {Markup.Escape(value.Summary)}[/]";
            }
            else
            {
                task.Value = value.Position;
            }
        }
    }
}
