using Workbench.Kernel.Execution;

namespace Workbench.Kernel.Papermill;

/// <summary>How to run one notebook headless.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>The notebook file (for the run record, cell labels and relative paths).</summary>
    public required string InputPath { get; init; }

    /// <summary>Where the executed notebook will be written (for the run record).</summary>
    public string? OutputPath { get; init; }

    /// <summary>-p NAME VALUE overrides, in command-line order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Answers for input requests (#!set @input, Console.ReadLine), by variable name or prompt.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    /// <summary>Per-cell time limit; null for none.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>The cells' working directory: the notebook's folder (like Jupyter) unless given.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The package cache root (WORKBENCH_HOME).</summary>
    public string WorkbenchHome { get; init; } = EngineOptions.DefaultWorkbenchHome();
}

/// <summary>Progress of a run, one event when a cell starts and one when it ends.</summary>
/// <param name="Position">1-based position of the code cell among those that run.</param>
/// <param name="Total">How many code cells the notebook has to run.</param>
/// <param name="Label">"cell 7" (its place in the input notebook).</param>
/// <param name="Summary">The cell's first line of code.</param>
/// <param name="Status">Null when the cell is starting.</param>
/// <param name="Duration">Set when it ended.</param>
public sealed record CellProgress(int Position, int Total, string Label, string Summary, CellStatus? Status, TimeSpan? Duration);

/// <summary>Which cell stopped the run, and why.</summary>
/// <param name="Label">"cell 7", or "the injected-parameters cell".</param>
/// <param name="CellId">The cell's nbformat id: the HTML export's anchor.</param>
/// <param name="ExecutionCount">Its In [N].</param>
/// <param name="Error">The error it raised.</param>
public sealed record FailedCell(string Label, string CellId, int? ExecutionCount, ErrorOutput Error);

/// <summary>The executed notebook and how the run went.</summary>
public sealed record NotebookRunResult(
    Notebooks.NotebookDocument Notebook,
    CellStatus Status,
    FailedCell? Failure,
    TimeSpan Duration,
    int CellsRun,
    IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Status == CellStatus.Ok;
}
