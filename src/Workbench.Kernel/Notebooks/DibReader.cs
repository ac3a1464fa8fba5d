using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Kernel.Magics;

namespace Workbench.Kernel.Notebooks;

/// <summary>
/// Reads Polyglot's .dib format: an optional <c>#!meta</c> JSON block, then cells introduced by a line naming their
/// kernel (<c>#!csharp</c>, <c>#!markdown</c>, <c>#!fsharp</c>, ...). Magic lines such as <c>#!time</c> are not kernel
/// names and stay inside their cell. Markdown cells become markdown cells; every other cell becomes a code cell whose
/// Polyglot kernelName records its language (a non-C# cell fails clearly if it is run).
/// </summary>
public static class DibReader
{
    private static readonly string[] DefaultKernels = ["csharp", "fsharp", "pwsh", "javascript", "html", "markdown", "sql", "kql", "mermaid", "value", "http"];

    public static NotebookDocument Read(string path) => Parse(File.ReadAllText(path), path);

    public static NotebookDocument Parse(string text, string name)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var notebook = NotebookDocument.CreateCSharp();
        var kernels = new HashSet<string>(DefaultKernels, StringComparer.OrdinalIgnoreCase);
        var start = 0;
        if (lines.Length > 0 && lines[0].Trim() == "#!meta")
        {
            var end = NextSeparator(lines, 1, kernels, metaAllowed: false);
            var json = string.Join('\n', lines[1..end]).Trim();
            ApplyMeta(notebook, json, name, kernels);
            start = end;
        }

        var defaultKernel = notebook.DefaultKernelName;
        var index = start;
        while (index < lines.Length)
        {
            var kernel = defaultKernel;
            var separator = IsSeparator(lines[index], kernels);
            var introduced = separator is not null;
            if (separator is not null)
            {
                kernel = separator;
                index++;
            }

            var end = NextSeparator(lines, index, kernels, metaAllowed: false);
            var source = string.Join('\n', lines[index..end]).Trim('\n');
            index = end;
            if (!introduced && source.Trim().Length == 0)
            {
                // Blank lines before the first kernel line, or at the end of the file, are not a cell.
                continue;
            }

            notebook.Cells.Add(MakeCell(kernel, source));
        }

        return notebook;
    }

    private static NotebookCell MakeCell(string kernel, string source)
    {
        if (MagicParser.NormalizeKernel(kernel) == "markdown")
        {
            return NotebookCell.NewMarkdown(source);
        }

        var cell = NotebookCell.NewCode(source);
        cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel };
        return cell;
    }

    private static void ApplyMeta(NotebookDocument notebook, string json, string name, HashSet<string> kernels)
    {
        JsonObject meta;
        try
        {
            meta = JsonNode.Parse(json) as JsonObject ?? throw new NotebookFormatException($"{name}: the #!meta block must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"{name}: the #!meta block is not valid JSON: {e.Message}", e);
        }

        var polyglot = notebook.Metadata["polyglot_notebook"]!.AsObject();
        foreach (var (key, value) in meta)
        {
            polyglot[key] = value?.DeepClone();
        }

        if (meta["kernelInfo"]?["items"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                if (item["name"]?.GetValue<string>() is { } kernelName)
                {
                    kernels.Add(kernelName);
                }

                foreach (var alias in (item["aliases"] as JsonArray ?? []).Select(a => a?.GetValue<string>()).OfType<string>())
                {
                    kernels.Add(alias.TrimStart('#', '!'));
                }
            }
        }
    }

    private static int NextSeparator(string[] lines, int from, HashSet<string> kernels, bool metaAllowed)
    {
        for (var i = from; i < lines.Length; i++)
        {
            if (IsSeparator(lines[i], kernels) is not null || (metaAllowed && lines[i].Trim() == "#!meta"))
            {
                return i;
            }
        }

        return lines.Length;
    }

    private static string? IsSeparator(string line, HashSet<string> kernels)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith("#!", StringComparison.Ordinal) && kernels.Contains(trimmed[2..]) ? trimmed[2..] : null;
    }
}
