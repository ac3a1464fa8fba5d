using System.Text.Json.Nodes;
using Workbench.Kernel.Formatting;

namespace Workbench.Kernel.Notebooks;

/// <summary>
/// Writes nbformat 4.5 with nbformat's own layout: 1-space indent, sorted keys, multiline strings as lists of lines,
/// a cell id on every cell. Written to a temporary file and renamed, so a crash never leaves half a notebook.
/// </summary>
public static class IpynbWriter
{
    private static readonly HashSet<string> SplitMimeTypes = ["application/javascript", MimeTypes.Svg];

    public static void Write(NotebookDocument notebook, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, Serialize(notebook));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static string Serialize(NotebookDocument notebook)
    {
        var root = notebook.Root.DeepClone().AsObject();
        root["nbformat"] = 4;
        if (notebook.FormatMinor < 5)
        {
            root["nbformat_minor"] = 5;
        }

        if (root["metadata"] is null)
        {
            root["metadata"] = new JsonObject();
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var cells = new JsonArray();
        foreach (var cell in notebook.Cells)
        {
            var json = cell.Json.DeepClone().AsObject();
            var id = json["id"]?.GetValue<string>();
            if (string.IsNullOrEmpty(id) || !ids.Add(id))
            {
                // nbformat 4.5 requires a unique id on every cell; keep existing ones, mint the missing.
                do
                {
                    id = NotebookCell.NewId();
                }
                while (!ids.Add(id));
                json["id"] = id;
                cell.Id = id;
            }

            SplitLines(json);
            cells.Add(json);
        }

        root["cells"] = cells;
        return NbformatJson.Serialize(root);
    }

    /// <summary>nbformat's split_lines: source, stream text, text/* bundle entries and attachments become line lists.</summary>
    private static void SplitLines(JsonObject cell)
    {
        if (cell["source"] is JsonValue source && source.TryGetValue<string>(out var text))
        {
            cell["source"] = MultilineText.ToLines(text);
        }

        cell["metadata"] ??= new JsonObject();
        if (cell["attachments"] is JsonObject attachments)
        {
            foreach (var (_, bundle) in attachments)
            {
                if (bundle is JsonObject mimeBundle)
                {
                    SplitBundle(mimeBundle);
                }
            }
        }

        if (cell["outputs"] is not JsonArray outputs)
        {
            return;
        }

        foreach (var output in outputs.OfType<JsonObject>())
        {
            switch (output["output_type"]?.GetValue<string>())
            {
                case "execute_result" or "display_data" when output["data"] is JsonObject data:
                    SplitBundle(data);
                    break;
                case "stream" when output["text"] is JsonValue value && value.TryGetValue<string>(out var streamText):
                    output["text"] = MultilineText.ToLines(streamText);
                    break;
            }
        }
    }

    private static void SplitBundle(JsonObject bundle)
    {
        foreach (var key in bundle.Select(p => p.Key).ToArray())
        {
            if ((key.StartsWith("text/", StringComparison.Ordinal) || SplitMimeTypes.Contains(key))
                && bundle[key] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                bundle[key] = MultilineText.ToLines(text);
            }
        }
    }
}
