using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Cli.Notebooks;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench notebook run</c>: papermill-style headless runs of C# notebooks (.ipynb and .dib).</summary>
public static class NotebookCommands
{
    public static Command Create()
    {
        var notebook = new Command("notebook", "Run notebooks headless.");
        notebook.Subcommands.Add(CreateRun());
        return notebook;
    }

    /// <summary>Colours and live display in a terminal; plain, wide text when redirected (CI logs, files).</summary>
    private static IAnsiConsole CreateConsole()
    {
        if (!Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = 160;
        return console;
    }

    private static Command CreateRun()
    {
        var notebooks = new Argument<string[]>("notebooks")
        {
            Description = "The .ipynb or .dib notebooks to run, one after another, each in a fresh kernel.",
            Arity = ArgumentArity.OneOrMore,
        };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "-p NAME VALUE: override a variable of the cell tagged 'parameters' (typed by its declaration: int, long, double, float, decimal, bool, string, DateTime).",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var outputDirectory = new Option<string?>("--output-dir", "-o")
        {
            Description = "Folder for the executed notebooks (default: beside each input, as NAME.executed.ipynb).",
        };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Per-cell time limit in seconds; a cell that runs longer fails the notebook.",
        };
        var html = new Option<bool>("--html")
        {
            Description = "Also write a self-contained HTML page beside each executed notebook.",
        };
        var inputs = new Option<string[]>("--input")
        {
            Description = "--input NAME=VALUE: answer a #!set @input:\"...\" (by variable name) or a Console.ReadLine prompt in a headless run.",
        };
        var workingDirectory = new Option<KernelWorkingDirectory>("--kernel-cwd")
        {
            Description = "Where cells run: the notebook's folder (default, like Jupyter) or the current directory.",
            DefaultValueFactory = _ => KernelWorkingDirectory.Notebook,
        };
        var plain = new Option<bool>("--plain-progress")
        {
            Description = "Print one line per cell instead of a live display (the default when output is redirected or CI is set).",
        };

        var run = new Command("run", "Run notebooks headless with papermill's conventions: parameters, run record, failures marked, non-zero exit on failure.");
        run.Arguments.Add(notebooks);
        foreach (var option in new Option[] { parameters, outputDirectory, timeout, html, inputs, workingDirectory, plain })
        {
            run.Options.Add(option);
        }

        run.SetAction(async (result, cancellationToken) =>
        {
            var pairs = result.GetValue(parameters) ?? [];
            var answers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var input in result.GetValue(inputs) ?? [])
            {
                var equals = input.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    Console.Error.WriteLine($"error: --input expects NAME=VALUE, got '{input}'.");
                    return NotebookBatch.BadArguments;
                }

                answers[input[..equals]] = input[(equals + 1)..];
            }

            var seconds = result.GetValue(timeout);
            if (seconds is <= 0)
            {
                Console.Error.WriteLine($"error: --timeout must be a positive number of seconds, got {seconds.Value.ToString(CultureInfo.InvariantCulture)}.");
                return NotebookBatch.BadArguments;
            }

            var request = new NotebookRunRequest
            {
                Notebooks = result.GetValue(notebooks)!,
                Parameters = Enumerable.Range(0, pairs.Length / 2).Select(i => KeyValuePair.Create(pairs[2 * i], pairs[(2 * i) + 1])).ToArray(),
                OutputDirectory = result.GetValue(outputDirectory),
                CellTimeout = seconds is { } s ? TimeSpan.FromSeconds(s) : null,
                Html = result.GetValue(html),
                Inputs = answers,
                WorkingDirectory = result.GetValue(workingDirectory),
                PlainProgress = result.GetValue(plain),
            };
            return await new NotebookBatch(CreateConsole(), Console.Out, Console.Error).RunAsync(request, cancellationToken).ConfigureAwait(false);
        });
        return run;
    }
}
