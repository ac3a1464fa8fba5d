using System.Text.Json.Nodes;

namespace Workbench.Kernel.Notebooks;

/// <summary>
/// One cell, backed by its JSON object so fields this class does not know survive a read/write round trip.
/// Typed accessors cover what the runner and kernel use.
/// </summary>
public sealed class NotebookCell
{
    public const string Code = "code";
    public const string Markdown = "markdown";
    public const string Raw = "raw";

    public NotebookCell(JsonObject json)
    {
        Json = json;
    }

    public JsonObject Json { get; }

    public string CellType
    {
        get => Json["cell_type"]?.GetValue<string>() ?? Code;
        set => Json["cell_type"] = value;
    }

    public bool IsCode => CellType == Code;

    public string? Id
    {
        get => Json["id"]?.GetValue<string>();
        set => Json["id"] = value;
    }

    /// <summary>The source as one string (nbformat allows a string or a list of lines).</summary>
    public string Source
    {
        get => MultilineText.Read(Json["source"]) ?? string.Empty;
        set => Json["source"] = value;
    }

    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>()).OfType<string>().ToArray() : [];

    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    public void AddTag(string tag)
    {
        if (!HasTag(tag))
        {
            var tags = Metadata["tags"] as JsonArray ?? (JsonArray)(Metadata["tags"] = new JsonArray());
            tags.Add(tag);
        }
    }

    /// <summary>The outputs of a code cell (created empty when missing).</summary>
    public JsonArray Outputs => Json["outputs"] as JsonArray ?? (JsonArray)(Json["outputs"] = new JsonArray());

    public int? ExecutionCount
    {
        get => Json["execution_count"] is JsonValue value && value.TryGetValue<int>(out var count) ? count : null;
        set => Json["execution_count"] = value is null ? null : JsonValue.Create(value.Value);
    }

    /// <summary>
    /// The kernel a Polyglot notebook assigns this cell (metadata.polyglot_notebook.kernelName, or the older
    /// metadata.dotnet_interactive.language); null when the notebook's default applies.
    /// </summary>
    public string? KernelName =>
        (Metadata["polyglot_notebook"] as JsonObject)?["kernelName"]?.GetValue<string>()
        ?? (Metadata["dotnet_interactive"] as JsonObject)?["language"]?.GetValue<string>();

    /// <summary>Removes outputs and the execution count (what a fresh run starts from).</summary>
    public void ClearOutputs()
    {
        if (IsCode)
        {
            Json["outputs"] = new JsonArray();
            Json["execution_count"] = null;
        }
    }

    public static NotebookCell NewCode(string source, string? id = null) => new(new JsonObject
    {
        ["cell_type"] = Code,
        ["execution_count"] = null,
        ["id"] = id ?? NewId(),
        ["metadata"] = new JsonObject(),
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    });

    public static NotebookCell NewMarkdown(string source, string? id = null) => new(new JsonObject
    {
        ["cell_type"] = Markdown,
        ["id"] = id ?? NewId(),
        ["metadata"] = new JsonObject(),
        ["source"] = source,
    });

    /// <summary>An nbformat 4.5 cell id: 8 hex characters, like nbformat's own.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..8];
}
