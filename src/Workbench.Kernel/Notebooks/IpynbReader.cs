using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Kernel.Notebooks;

/// <summary>Reads .ipynb (nbformat 4.x). Older notebooks are rejected with the command that converts them.</summary>
public static class IpynbReader
{
    public static NotebookDocument Read(string path) => Parse(File.ReadAllText(path), path);

    public static NotebookDocument Parse(string json, string name)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : string.Empty;
            throw new NotebookFormatException($"{name} is not a valid notebook: its JSON is malformed{where} ({FirstSentence(e.Message)}).", e);
        }

        if (node is not JsonObject root)
        {
            throw new NotebookFormatException($"{name} is not a valid notebook: the top level must be a JSON object.");
        }

        var major = root["nbformat"] is JsonValue v && v.TryGetValue<int>(out var m) ? m : 0;
        if (major != 4)
        {
            throw new NotebookFormatException(
                $"{name} is nbformat {(major == 0 ? "(missing)" : major.ToString(System.Globalization.CultureInfo.InvariantCulture))}; Workbench reads nbformat 4. Convert it with: jupyter nbconvert --to notebook --nbformat 4 {name}");
        }

        if (root["cells"] is not JsonArray cells)
        {
            throw new NotebookFormatException($"{name} is not a valid notebook: it has no \"cells\" list.");
        }

        var list = new List<NotebookCell>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"]?.GetValueKind() != JsonValueKind.String)
            {
                throw new NotebookFormatException($"{name}: cell {i + 1} is not a cell object with a cell_type.");
            }

            try
            {
                _ = MultilineText.Read(cell["source"]);
            }
            catch (NotebookFormatException e)
            {
                throw new NotebookFormatException($"{name}: cell {i + 1} source: {e.Message}", e);
            }

            list.Add(new NotebookCell(cell));
        }

        // The cells live in Cells from now on; the writer puts them back.
        root.Remove("cells");
        cells.Clear();

        return new NotebookDocument(root, list);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
