namespace Workbench.Cli.Notebooks;

/// <summary>One row of the summary table.</summary>
internal sealed record NotebookOutcome(string Input, string Notebook, string Status, TimeSpan Duration, string? OutputPath, string? Message)
{
    public bool Succeeded => Status == "completed";
}
