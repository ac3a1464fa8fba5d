using Spectre.Console;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Notebooks;
using Workbench.Kernel.Papermill;

namespace Workbench.Cli.Notebooks;

/// <summary>
/// <c>workbench notebook run</c>: reads every notebook and checks every parameter before anything runs, then runs
/// the notebooks one after another, each in a fresh engine, writes each executed notebook (and its HTML) whatever
/// happened, and prints a summary table. Exit code: 0 when all completed, 1 when any failed, 2 for bad arguments.
/// </summary>
internal sealed class NotebookBatch(IAnsiConsole console, TextWriter output, TextWriter errors)
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public async Task<int> RunAsync(NotebookRunRequest request, CancellationToken cancellationToken)
    {
        // The compiler warms up on a background thread while the notebooks are read and checked.
        var warmUp = ExecutionEngine.WarmUpAsync();
        var outcomes = new List<NotebookOutcome>();
        var planned = new List<(string Input, string Name, NotebookDocument Notebook, ParameterInjection.Plan Plan, string Output)>();
        var parameterErrors = new List<string>();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in request.Notebooks)
        {
            var name = Path.GetFileName(input);
            NotebookDocument notebook;
            try
            {
                notebook = NotebookFile.Read(input);
            }
            catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
            {
                errors.WriteLine($"error: {e.Message}");
                outcomes.Add(new NotebookOutcome(input, name, "invalid", TimeSpan.Zero, null, e.Message));
                continue;
            }

            var output = OutputPaths.For(input, request.OutputDirectory);
            if (outputs.TryGetValue(output, out var other))
            {
                errors.WriteLine($"error: {input} and {other} would both be written to {output}; run them with different --output-dir values.");
                return BadArguments;
            }

            outputs[output] = input;
            try
            {
                planned.Add((input, name, notebook, ParameterInjection.Check(notebook, request.Parameters, input), output));
            }
            catch (ParameterException e)
            {
                parameterErrors.Add($"error: {input}: {e.Message}");
            }
        }

        if (parameterErrors.Count > 0)
        {
            foreach (var error in parameterErrors)
            {
                errors.WriteLine(error);
            }

            errors.WriteLine("Nothing was run.");
            return BadArguments;
        }

        await warmUp.ConfigureAwait(false);
        if (Interactive(request))
        {
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context => await RunAllAsync(planned, request, new LiveRunProgress(context), outcomes, cancellationToken).ConfigureAwait(false))
                .ConfigureAwait(false);
        }
        else
        {
            await RunAllAsync(planned, request, new PlainRunProgress(output), outcomes, cancellationToken).ConfigureAwait(false);
        }

        // Invalid notebooks were found first; list rows in the order given on the command line.
        var ordered = outcomes.OrderBy(o => request.Notebooks.ToList().IndexOf(o.Input)).ToList();
        console.Write(SummaryTable(ordered));
        return ordered.All(o => o.Succeeded) ? Success : Failed;
    }

    private async Task RunAllAsync(
        IReadOnlyList<(string Input, string Name, NotebookDocument Notebook, ParameterInjection.Plan Plan, string Output)> planned,
        NotebookRunRequest request,
        IRunProgress progress,
        List<NotebookOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        foreach (var (input, name, notebook, plan, outputPath) in planned)
        {
            foreach (var warning in plan.Warnings)
            {
                errors.WriteLine($"warning: {warning}");
            }

            var options = new NotebookRunOptions
            {
                InputPath = Path.GetFullPath(input),
                OutputPath = outputPath,
                Parameters = request.Parameters,
                Inputs = request.Inputs,
                CellTimeout = request.CellTimeout,
                WorkingDirectory = request.WorkingDirectory == KernelWorkingDirectory.Current ? Environment.CurrentDirectory : null,
            };
            var codeCells = notebook.Cells.Count(c => c.IsCode && c.Source.Trim().Length > 0 && !c.HasTag(ParameterInjection.InjectedTag)) + (plan.Values.Count > 0 ? 1 : 0);
            var reporter = progress.Begin(name, codeCells);
            NotebookRunResult result;
            try
            {
                result = await new NotebookRunner().RunAsync(notebook, plan, options, reporter, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Whatever happened, the notebook as it stands is written: outputs so far, markers, run record.
                PlotlyLibraryPlacement.CompleteOutputs(notebook, () => PlotlyScriptSource.Find(options.WorkbenchHome));
                IpynbWriter.Write(notebook, outputPath);
            }

            progress.End(name, result.Status);
            if (request.Html)
            {
                NotebookHtmlExporter.Write(notebook, OutputPaths.HtmlFor(outputPath), new HtmlExportOptions
                {
                    Title = name,
                    PlotlyScript = () => PlotlyScriptSource.Find(options.WorkbenchHome),
                });
            }

            string? message = null;
            if (result.Failure is { } failure)
            {
                message = $"{input}: {failure.Label}: {failure.Error.Name}: {failure.Error.Value}";
                errors.WriteLine($"error: {message}");
            }

            outcomes.Add(new NotebookOutcome(input, name, CellStatusText.Of(result.Status), result.Duration, outputPath, message));
        }
    }

    private static Table SummaryTable(IEnumerable<NotebookOutcome> outcomes)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("notebook", "status", "duration", "output");
        foreach (var outcome in outcomes)
        {
            var colour = outcome.Succeeded ? "green" : "red";
            table.AddRow(
                Markup.Escape(outcome.Notebook),
                $"[{colour}]{Markup.Escape(outcome.Status)}[/]",
                Durations.Describe(outcome.Duration),
                Markup.Escape(outcome.OutputPath is null ? "-" : Shorten(outcome.OutputPath)));
        }

        return table;
    }

    /// <summary>Relative to the current directory when the file is under it, absolute otherwise.</summary>
    private static string Shorten(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }


    private static bool Interactive(NotebookRunRequest request) =>
        !request.PlainProgress
        && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";
}
