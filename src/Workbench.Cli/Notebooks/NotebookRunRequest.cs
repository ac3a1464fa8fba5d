namespace Workbench.Cli.Notebooks;

/// <summary>Where cells run: the notebook's folder (like Jupyter) or the directory the command was started in.</summary>
internal enum KernelWorkingDirectory
{
    Notebook,
    Current,
}

/// <summary>Everything <c>workbench notebook run</c> was asked to do.</summary>
internal sealed record NotebookRunRequest
{
    public required IReadOnlyList<string> Notebooks { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    public string? OutputDirectory { get; init; }

    public TimeSpan? CellTimeout { get; init; }

    public bool Html { get; init; }

    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    public KernelWorkingDirectory WorkingDirectory { get; init; } = KernelWorkingDirectory.Notebook;

    /// <summary>Forces plain progress lines (also chosen when output is redirected or CI is set).</summary>
    public bool PlainProgress { get; init; }
}
