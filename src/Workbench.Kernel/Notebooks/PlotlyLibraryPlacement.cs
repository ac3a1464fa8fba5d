using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Kernel.Formatting;

namespace Workbench.Kernel.Notebooks;

/// <summary>
/// Puts plotly.js once, before the first figure of a page (or a saved notebook) that needs it. The extension's HTML
/// figures carry the library only in the session's first figure; when that output was cleared, or replaced by a
/// live display's later state, later figures would wait for a library that never comes.
/// </summary>
public sealed class PlotlyLibraryPlacement(Func<string?>? script)
{
    // plotly.js's own banner, at the top of every build of the library.
    private const string LibraryBanner = "* plotly.js v";

    // How the extension's HTML figures draw: they wait for the library that the session's first figure carried.
    private const string WaitsForPlotly = "window.Plotly";

    private bool _included;
    private int _count;

    /// <summary>
    /// Makes an executed notebook's HTML figures draw on their own when it is opened again: the first figure left
    /// waiting for a library no remaining output carries gets it. Returns whether any output changed.
    /// </summary>
    public static bool CompleteOutputs(NotebookDocument notebook, Func<string?> script)
    {
        var placement = new PlotlyLibraryPlacement(script);
        var changed = false;
        foreach (var output in notebook.Cells.Where(c => c.CellType == NotebookCell.Code).SelectMany(c => c.Outputs.OfType<JsonObject>()))
        {
            if (output["data"] is not JsonObject data || data[MimeTypes.Html] is not { } node || node.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Array))
            {
                continue;
            }

            var html = MultilineText.Read(node)!;
            var completed = placement.Complete(html);
            if (!ReferenceEquals(completed, html))
            {
                data[MimeTypes.Html] = MultilineText.ToLines(completed);
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// An HTML output that draws with plotly.js but relies on an earlier output for the library (the session's
    /// first figure carried it, and that output was cleared, or replaced by a live display's later state) gets the
    /// library in front of it, once per page.
    /// </summary>
    public string Complete(string html)
    {
        if (_included || !html.Contains(WaitsForPlotly, StringComparison.Ordinal))
        {
            return html;
        }

        if (html.Contains(LibraryBanner, StringComparison.Ordinal))
        {
            _included = true;
            return html;
        }

        if (script?.Invoke() is not { } source)
        {
            return html;
        }

        _included = true;
        return "<script type=\"text/javascript\">" + source + "</script>" + html;
    }

    /// <summary>A figure bundle without HTML of its own, drawn with plotly.js, or shown as JSON when the library is unavailable.</summary>
    public string Render(JsonObject figure)
    {
        var builder = new StringBuilder();
        if (!_included)
        {
            var source = script?.Invoke();
            if (source is null)
            {
                return "<p><em>A Plotly figure: plotly.js is not available to this export, so its JSON follows.</em></p><pre class=\"json\">"
                    + Encode(figure.ToJsonString(new JsonSerializerOptions { WriteIndented = true })) + "</pre>";
            }

            builder.Append("<script type=\"text/javascript\">").Append(source).Append("</script>");
            _included = true;
        }

        var id = $"wb-figure-{++_count}";
        var json = figure.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal);
        builder.Append($"<div id=\"{id}\" class=\"plotly-figure\" style=\"width:100%;height:420px\"></div>")
            .Append("<script type=\"text/javascript\">(function(){var f=").Append(json)
            .Append($";Plotly.newPlot('{id}',f.data||[],f.layout||{{}},Object.assign({{responsive:true,displaylogo:false}},f.config||{{}}));}})();</script>");
        return builder.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
