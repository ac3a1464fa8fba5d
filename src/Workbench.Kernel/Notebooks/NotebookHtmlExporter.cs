using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Kernel.Formatting;
using Workbench.Kernel.Papermill;

namespace Workbench.Kernel.Notebooks;

/// <summary>
/// A self-contained HTML page of an executed notebook, for people without Jupyter (CI artifacts, e-mail): Markdown
/// rendered with Markdig (attachments inlined), code with its execution count, and each output in the richest form a
/// browser shows offline: text/html, then image/svg+xml, image/png, image/jpeg (data URIs), text/markdown,
/// application/json (pretty), text/plain; streams and tracebacks with ANSI codes stripped. The failing cell of a
/// failed run is highlighted.
/// </summary>
public static partial class NotebookHtmlExporter
{
    private const string Css = """
        body{margin:0;background:#f6f8fa;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328}
        main{max-width:1100px;margin:0 auto;padding:24px}
        header{margin-bottom:16px}header h1{font-size:20px;margin:0 0 4px}header .run{color:#656d76;font-size:13px}
        .cell{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:10px 0;padding:8px 12px;overflow-x:auto}
        .cell.failed{border:2px solid #cf222e;box-shadow:0 0 0 3px #ffebe9}
        .prompt{color:#656d76;font:12px ui-monospace,SFMono-Regular,Menlo,monospace;margin-bottom:4px}
        pre{margin:0;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap;word-break:break-word}
        .source{background:#f6f8fa;border-radius:4px;padding:8px}
        .output{margin-top:8px}.output img{max-width:100%}
        .stderr{background:#fff8c5}.error pre{background:#ffebe9;color:#82071e;padding:8px;border-radius:4px}
        .markdown-cell img{max-width:100%}
        table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:2px 8px}
        """;

    public static void Write(NotebookDocument notebook, string path, HtmlExportOptions? options = null)
    {
        var html = Export(notebook, options ?? new HtmlExportOptions { Title = Path.GetFileNameWithoutExtension(path) });
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, html);
        File.Move(temp, path, overwrite: true);
    }

    public static string Export(NotebookDocument notebook, HtmlExportOptions? options = null)
    {
        options ??= new HtmlExportOptions();
        var title = options.Title ?? "notebook";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(Encode(title)).Append("</title><style>").Append(Css).Append("</style></head><body><main>");
        html.Append("<header><h1>").Append(Encode(title)).Append("</h1>").Append(RunSummary(notebook)).Append("</header>");
        var plotly = new PlotlyLibraryPlacement(options.PlotlyScript);
        foreach (var cell in notebook.Cells)
        {
            switch (cell.CellType)
            {
                case NotebookCell.Markdown:
                    html.Append($"<article class=\"cell markdown-cell\" id=\"cell-{Encode(cell.Id ?? string.Empty)}\">")
                        .Append(InlineAttachments(MarkdownHtml.ToHtml(cell.Source), cell))
                        .Append("</article>");
                    break;
                case NotebookCell.Code:
                    WriteCode(html, cell, plotly);
                    break;
                default:
                    html.Append("<article class=\"cell raw-cell\"><pre>").Append(Encode(cell.Source)).Append("</pre></article>");
                    break;
            }
        }

        return html.Append("</main></body></html>\n").ToString();
    }

    private static string RunSummary(NotebookDocument notebook)
    {
        if (notebook.Metadata[NotebookRunner.WorkbenchMetadataKey]?["run"] is not JsonObject run)
        {
            return string.Empty;
        }

        var status = run["status"]?.GetValue<string>() ?? "?";
        var duration = notebook.Metadata["papermill"]?["duration"]?.GetValue<double>() is { } seconds ? $", {seconds:0.##} s" : string.Empty;
        var failed = run["failed_cell"] is JsonObject cell ? $" at <a href=\"#cell-{Encode(cell["id"]?.GetValue<string>() ?? string.Empty)}\">{Encode(cell["label"]?.GetValue<string>() ?? "a cell")}</a>" : string.Empty;
        return $"<div class=\"run\">Run {Encode(status)}{failed}{duration}</div>";
    }

    private static void WriteCode(StringBuilder html, NotebookCell cell, PlotlyLibraryPlacement plotly)
    {
        var failed = cell.Metadata["papermill"]?["exception"] is JsonValue exception && exception.TryGetValue<bool>(out var threw) && threw;
        var count = cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ";
        html.Append($"<article class=\"cell code-cell{(failed ? " failed" : string.Empty)}\" id=\"cell-{Encode(cell.Id ?? string.Empty)}\">")
            .Append($"<div class=\"prompt\">In [{count}]:</div>")
            .Append("<pre class=\"source\"><code class=\"language-csharp\">").Append(Encode(cell.Source)).Append("</code></pre>");
        foreach (var output in cell.Outputs.OfType<JsonObject>())
        {
            WriteOutput(html, output, plotly);
        }

        html.Append("</article>");
    }

    private static void WriteOutput(StringBuilder html, JsonObject output, PlotlyLibraryPlacement plotly)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var name = output["name"]?.GetValue<string>() ?? "stdout";
                html.Append($"<div class=\"output stream {Encode(name)}\"><pre>").Append(Encode(AnsiText.Strip(MultilineText.Read(output["text"]) ?? string.Empty))).Append("</pre></div>");
                break;
            case "error":
                var traceback = output["traceback"] is JsonArray lines
                    ? string.Join('\n', lines.Select(l => l?.GetValue<string>() ?? string.Empty))
                    : $"{output["ename"]}: {output["evalue"]}";
                html.Append("<div class=\"output error\"><pre>").Append(Encode(AnsiText.Strip(traceback))).Append("</pre></div>");
                break;
            case "display_data" or "execute_result" when output["data"] is JsonObject data:
                var prompt = output["output_type"]?.GetValue<string>() == "execute_result" && output["execution_count"] is JsonValue n
                    ? $"<div class=\"prompt\">Out[{n}]:</div>"
                    : string.Empty;
                html.Append("<div class=\"output\">").Append(prompt).Append(RenderBundle(data, plotly)).Append("</div>");
                break;
        }
    }

    private static string RenderBundle(JsonObject data, PlotlyLibraryPlacement plotly)
    {
        string? Text(string mimeType) => data[mimeType] is { } node && node.GetValueKind() is JsonValueKind.String or JsonValueKind.Array ? MultilineText.Read(node) : null;

        if (Text(MimeTypes.Html) is { } rich)
        {
            return plotly.Complete(rich);
        }

        if (data[MimeTypes.Plotly] is JsonObject figure)
        {
            return plotly.Render(figure);
        }

        if (Text(MimeTypes.Svg) is { } svg)
        {
            return $"<img alt=\"SVG output\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\">";
        }

        foreach (var image in new[] { MimeTypes.Png, MimeTypes.Jpeg, MimeTypes.Gif })
        {
            if (Text(image) is { } base64)
            {
                return $"<img alt=\"{image} output\" src=\"data:{image};base64,{base64.Replace("\n", string.Empty, StringComparison.Ordinal)}\">";
            }
        }

        if (Text(MimeTypes.Markdown) is { } markdown)
        {
            return MarkdownHtml.ToHtml(markdown);
        }

        if (data[MimeTypes.Json] is { } json)
        {
            return "<pre class=\"json\">" + Encode(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true })) + "</pre>";
        }

        return "<pre>" + Encode(AnsiText.Strip(Text(MimeTypes.PlainText) ?? string.Empty)) + "</pre>";
    }

    private static string InlineAttachments(string html, NotebookCell cell)
    {
        if (cell.Json["attachments"] is not JsonObject attachments)
        {
            return html;
        }

        return AttachmentReference().Replace(html, match =>
        {
            var name = WebUtility.HtmlDecode(match.Groups["name"].Value);
            if (attachments[name] is JsonObject bundle && bundle.FirstOrDefault() is { Key: var mimeType, Value: { } value })
            {
                var content = MultilineText.Read(value) ?? string.Empty;
                var base64 = MimeTypes.IsBase64(mimeType) ? content.Replace("\n", string.Empty, StringComparison.Ordinal) : Convert.ToBase64String(Encoding.UTF8.GetBytes(content));
                return $"src=\"data:{mimeType};base64,{base64}\"";
            }

            return match.Value;
        });
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex("src=\"attachment:(?<name>[^\"]+)\"")]
    private static partial Regex AttachmentReference();
}
