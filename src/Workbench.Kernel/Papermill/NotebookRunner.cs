using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Notebooks;

namespace Workbench.Kernel.Papermill;

/// <summary>
/// Runs a notebook headless with papermill's conventions: parameters injected after the <c>parameters</c> cell, every
/// code cell run in order in a fresh engine, execution counts and per-cell papermill metadata set, a run record in
/// the notebook metadata, and on failure the error output on the failing cell, a marker cell linking to it at the
/// top, and the remaining cells left unexecuted. The caller writes the result, whatever happened.
/// </summary>
public sealed class NotebookRunner
{
    public const string WorkbenchMetadataKey = "workbench";

    public static string Version { get; } =
        typeof(NotebookRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Runs <paramref name="notebook"/> (modified in place) after <see cref="ParameterInjection.Check"/> accepted the parameters.</summary>
    public async Task<NotebookRunResult> RunAsync(
        NotebookDocument notebook,
        ParameterInjection.Plan parameters,
        NotebookRunOptions options,
        IProgress<CellProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var warnings = new List<string>(parameters.Warnings);
        var labels = Label(notebook);
        ErrorMarkers.Remove(notebook);
        var injected = ParameterInjection.Apply(notebook, parameters);
        if (injected is not null)
        {
            labels[injected] = "the injected-parameters cell";
        }

        var toRun = notebook.Cells.Where(c => c.IsCode && c.Source.Trim().Length > 0).ToList();
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            cell.ClearOutputs();
            cell.Metadata["papermill"] = CellRecord("pending", null, null, exception: false);
        }

        var notebookDirectory = Path.GetDirectoryName(Path.GetFullPath(options.InputPath))!;
        var previousDirectory = Environment.CurrentDirectory;
        var displays = new DisplayIndex();
        FailedCell? failure = null;
        var status = CellStatus.Ok;
        var run = 0;
        try
        {
            using var engine = new ExecutionEngine(new EngineOptions
            {
                BaseDirectory = notebookDirectory,
                WorkingDirectory = options.WorkingDirectory ?? notebookDirectory,
                WorkbenchHome = options.WorkbenchHome,
            });
            foreach (var cell in toRun)
            {
                var label = labels.TryGetValue(cell, out var known) ? known : "a cell";
                var summary = Summary(cell.Source);
                progress?.Report(new CellProgress(run + 1, toRun.Count, label, summary, null, null));
                cell.ExecutionCount = ++run;
                var cellStart = DateTimeOffset.UtcNow;
                cell.Metadata["papermill"] = CellRecord("running", cellStart, null, exception: false);
                var sink = new NotebookOutputSink(cell, displays, options.Inputs, label);
                var result = await engine.ExecuteAsync(
                    cell.Source,
                    sink,
                    new CellOptions { Label = label, Language = notebook.KernelFor(cell), Timeout = options.CellTimeout },
                    cancellationToken).ConfigureAwait(false);
                cell.Metadata["papermill"] = CellRecord(result.Succeeded ? "completed" : "failed", cellStart, DateTimeOffset.UtcNow, exception: !result.Succeeded);
                progress?.Report(new CellProgress(run, toRun.Count, label, summary, result.Status, result.Duration));
                if (!result.Succeeded)
                {
                    status = result.Status;
                    failure = new FailedCell(label, cell.Id ?? string.Empty, cell.ExecutionCount, result.Error ?? CellErrors.Plain("Error", $"{label} failed."));
                    ErrorMarkers.Insert(notebook, cell, failure);
                    break;
                }
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }

        var ended = DateTimeOffset.UtcNow;
        WriteRunRecord(notebook, parameters, options, started, ended, clock.Elapsed, status, failure, run, toRun.Count);
        return new NotebookRunResult(notebook, status, failure, clock.Elapsed, run, warnings);
    }

    private static Dictionary<NotebookCell, string> Label(NotebookDocument notebook)
    {
        var labels = new Dictionary<NotebookCell, string>(ReferenceEqualityComparer.Instance);
        var position = 0;
        foreach (var cell in notebook.Cells)
        {
            position++;
            if (!cell.HasTag(ParameterInjection.InjectedTag) && !cell.HasTag(ErrorMarkers.Tag))
            {
                labels[cell] = $"cell {position}";
            }
            else
            {
                position--;
            }
        }

        return labels;
    }

    private static void WriteRunRecord(
        NotebookDocument notebook,
        ParameterInjection.Plan parameters,
        NotebookRunOptions options,
        DateTimeOffset started,
        DateTimeOffset ended,
        TimeSpan duration,
        CellStatus status,
        FailedCell? failure,
        int cellsRun,
        int cellsToRun)
    {
        var values = new JsonObject();
        foreach (var (name, _, _, json) in parameters.Values)
        {
            values[name] = json?.DeepClone();
        }

        var defaults = new JsonObject();
        foreach (var (name, text) in parameters.Defaults)
        {
            defaults[name] = text;
        }

        // papermill's own keys, so tools that read papermill's run record read ours.
        notebook.Metadata["papermill"] = new JsonObject
        {
            ["default_parameters"] = defaults,
            ["duration"] = Math.Round(duration.TotalSeconds, 6),
            ["end_time"] = Timestamp(ended),
            ["environment_variables"] = new JsonObject(),
            ["exception"] = failure is not null,
            ["input_path"] = options.InputPath,
            ["output_path"] = options.OutputPath,
            ["parameters"] = values,
            ["start_time"] = Timestamp(started),
            ["version"] = $"workbench {Version}",
        };
        notebook.Metadata[WorkbenchMetadataKey] = new JsonObject
        {
            ["run"] = new JsonObject
            {
                ["status"] = CellStatusText.Of(status).Replace(' ', '_'),
                ["cells_run"] = cellsRun,
                ["cells_total"] = cellsToRun,
                ["failed_cell"] = failure is null ? null : new JsonObject
                {
                    ["label"] = failure.Label,
                    ["id"] = failure.CellId,
                    ["execution_count"] = failure.ExecutionCount,
                    ["ename"] = failure.Error.Name,
                    ["evalue"] = failure.Error.Value,
                },
                ["runner"] = $"workbench notebook run {Version}",
            },
        };
    }

    private static JsonObject CellRecord(string status, DateTimeOffset? start, DateTimeOffset? end, bool exception) => new()
    {
        ["duration"] = start is { } s && end is { } e ? Math.Round((e - s).TotalSeconds, 6) : null,
        ["end_time"] = end is { } endTime ? Timestamp(endTime) : null,
        ["exception"] = exception,
        ["start_time"] = start is { } startTime ? Timestamp(startTime) : null,
        ["status"] = status,
    };

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private static string Summary(string source)
    {
        var line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal))
            ?? source.Trim();
        return line.Length <= 60 ? line : string.Concat(line.AsSpan(0, 59), "…");
    }
}
