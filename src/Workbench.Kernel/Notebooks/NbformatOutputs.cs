using System.Text.Json.Nodes;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Formatting;

namespace Workbench.Kernel.Notebooks;

/// <summary>Engine outputs as nbformat 4 output objects.</summary>
public static class NbformatOutputs
{
    public static JsonObject Stream(OutputStream stream, string text) => new()
    {
        ["name"] = stream == OutputStream.Stdout ? "stdout" : "stderr",
        ["output_type"] = "stream",
        ["text"] = text,
    };

    public static JsonObject DisplayData(DisplayOutput output) => new()
    {
        ["data"] = Bundle(output.Data),
        ["metadata"] = output.Metadata?.DeepClone() ?? new JsonObject(),
        ["output_type"] = "display_data",
    };

    public static JsonObject ExecuteResult(DisplayOutput output, int? executionCount) => new()
    {
        ["data"] = Bundle(output.Data),
        ["execution_count"] = executionCount is null ? null : JsonValue.Create(executionCount.Value),
        ["metadata"] = output.Metadata?.DeepClone() ?? new JsonObject(),
        ["output_type"] = "execute_result",
    };

    public static JsonObject Error(ErrorOutput error) => new()
    {
        ["ename"] = error.Name,
        ["evalue"] = error.Value,
        ["output_type"] = "error",
        ["traceback"] = new JsonArray(error.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
    };

    /// <summary>JSON MIME types as JSON values (nbformat requires it); everything else as text.</summary>
    public static JsonObject Bundle(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mimeType, content) in bundle)
        {
            data[mimeType] = MimeTypes.IsJson(mimeType) ? ParseJsonOrText(content) : JsonValue.Create(content);
        }

        return data;
    }

    private static JsonNode? ParseJsonOrText(string content)
    {
        try
        {
            return JsonNode.Parse(content);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(content);
        }
    }
}
