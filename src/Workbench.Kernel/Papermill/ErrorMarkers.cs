using System.Net;
using Workbench.Kernel.Notebooks;

namespace Workbench.Kernel.Papermill;

/// <summary>
/// papermill's failure highlight: a red banner cell at the top linking to the failing cell, and a red marker cell
/// right above it (anchor <c>papermill-error-cell</c>), both tagged <c>papermill-error-cell-tag</c> so a re-run removes them.
/// </summary>
public static class ErrorMarkers
{
    public const string Tag = "papermill-error-cell-tag";
    public const string Anchor = "papermill-error-cell";
    private const string Style = "color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;";

    public static void Remove(NotebookDocument notebook) => notebook.Cells.RemoveAll(c => c.HasTag(Tag));

    public static void Insert(NotebookDocument notebook, NotebookCell failing, FailedCell failure)
    {
        var count = failure.ExecutionCount is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : " ";
        var reason = WebUtility.HtmlEncode($"{failure.Error.Name}: {FirstLine(failure.Error.Value)}");
        var banner = NotebookCell.NewMarkdown(
            $"<span style=\"{Style}\">An Exception was encountered at '<a href=\"#{Anchor}\">In [{count}]</a>' ({WebUtility.HtmlEncode(failure.Label)}).</span>\n\n"
            + $"`{reason.Replace("`", "'", StringComparison.Ordinal)}`");
        banner.AddTag(Tag);
        var marker = NotebookCell.NewMarkdown($"<span id=\"{Anchor}\" style=\"{Style}\">Execution using workbench encountered an exception here and stopped:</span>");
        marker.AddTag(Tag);
        notebook.Cells.Insert(notebook.Cells.IndexOf(failing), marker);
        notebook.Cells.Insert(0, banner);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
