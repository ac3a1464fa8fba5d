namespace Workbench.Kernel.Notebooks;

/// <summary>Settings for <see cref="NotebookHtmlExporter"/>.</summary>
public sealed record HtmlExportOptions
{
    /// <summary>The page title; the notebook's file name by default.</summary>
    public string? Title { get; init; }

    /// <summary>
    /// plotly.js, for Plotly figure outputs that carry no HTML rendering of their own. The kernel knows nothing of
    /// Plotly: the host passes the copy the Workbench.Extension package embeds. Null leaves such figures as JSON with a note.
    /// </summary>
    public Func<string?>? PlotlyScript { get; init; }
}
