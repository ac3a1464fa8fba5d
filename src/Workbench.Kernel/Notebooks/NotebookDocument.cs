using System.Text.Json.Nodes;

namespace Workbench.Kernel.Notebooks;

/// <summary>
/// A notebook in nbformat 4 shape. The JSON tree is kept whole, so unknown fields and Polyglot metadata
/// (kernelspec <c>.net-csharp</c>, <c>polyglot_notebook</c>, <c>dotnet_interactive</c>) survive a round trip;
/// <see cref="Cells"/> is the live list written back on save.
/// </summary>
public sealed class NotebookDocument
{
    public NotebookDocument(JsonObject root, IEnumerable<NotebookCell> cells)
    {
        Root = root;
        Cells = cells.ToList();
    }

    /// <summary>The notebook's JSON, everything but the cells (those are in <see cref="Cells"/>).</summary>
    public JsonObject Root { get; }

    public List<NotebookCell> Cells { get; }

    public JsonObject Metadata => Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());

    public int FormatMinor
    {
        get => Root["nbformat_minor"] is JsonValue value && value.TryGetValue<int>(out var minor) ? minor : 0;
        set => Root["nbformat_minor"] = value;
    }

    /// <summary>
    /// The kernel cells use unless they say otherwise: Polyglot's defaultKernelName, else the kernelspec's language;
    /// "csharp" when nothing says (a C# notebook).
    /// </summary>
    public string DefaultKernelName
    {
        get
        {
            var polyglot = (Metadata["polyglot_notebook"] as JsonObject)?["kernelInfo"] as JsonObject;
            if (polyglot?["defaultKernelName"]?.GetValue<string>() is { Length: > 0 } name)
            {
                return name;
            }

            var kernelspec = Metadata["kernelspec"] as JsonObject;
            return kernelspec?["language"]?.GetValue<string>() switch
            {
                null or "" or "C#" or "c#" or "csharp" => "csharp",
                var language => language.ToLowerInvariant(),
            };
        }
    }

    /// <summary>The kernel a cell runs in: its own (Polyglot cell metadata), or the notebook's default.</summary>
    public string KernelFor(NotebookCell cell) => cell.KernelName ?? DefaultKernelName;

    /// <summary>A blank C# notebook with the Polyglot-compatible kernelspec.</summary>
    public static NotebookDocument CreateCSharp() => new(
        new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "C#", ["pygments_lexer"] = "csharp", ["version"] = "13.0" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
                    },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        },
        []);
}
