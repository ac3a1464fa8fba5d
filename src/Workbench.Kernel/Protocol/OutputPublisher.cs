using System.Text.Json.Nodes;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Formatting;
using Workbench.Kernel.Notebooks;

namespace Workbench.Kernel.Protocol;

/// <summary>
/// One execute_request's outputs as IOPub messages with the request as parent: stream, display_data,
/// update_display_data (with <c>transient.display_id</c>), execute_result, error, clear_output; and its input requests
/// on stdin. A silent request publishes nothing (its reply still says how it went).
/// </summary>
internal sealed class OutputPublisher(IKernelChannels channels, MessageBuilder builder, JupyterMessage request, int executionCount, bool silent, bool allowStdin) : IOutputSink
{
    /// <summary>The text/plain of the cell's execute_result, for the history's output column.</summary>
    public string? ResultText { get; private set; }

    public void OnStream(OutputStream stream, string text) =>
        Publish("stream", new JsonObject { ["name"] = stream == OutputStream.Stdout ? "stdout" : "stderr", ["text"] = text });

    public void OnDisplayData(DisplayOutput output) => Publish("display_data", Display(output));

    public void OnUpdateDisplayData(DisplayOutput output)
    {
        if (output.DisplayId is not null)
        {
            Publish("update_display_data", Display(output));
        }
    }

    public void OnExecuteResult(DisplayOutput output)
    {
        ResultText = output.Data.TryGetValue(MimeTypes.PlainText, out var text) ? text : null;
        var content = Display(output);
        content["execution_count"] = executionCount;
        Publish("execute_result", content);
    }

    public void OnError(ErrorOutput error) => Publish("error", ErrorContent(error));

    public void OnClearOutput(bool wait) => Publish("clear_output", new JsonObject { ["wait"] = wait });

    public async Task<string> OnInputRequestAsync(InputRequest input, CancellationToken cancellationToken)
    {
        if (!allowStdin)
        {
            throw new InputUnavailableException(
                $"The cell asks for input{(input.Prompt.Length > 0 ? $" ('{input.Prompt}')" : string.Empty)}, but this client does not accept input requests (allow_stdin is false). "
                + "Run the cell from a notebook front end, or set the value in code (#!set --name x --value ...).");
        }

        var message = builder.Create("input_request", new JsonObject { ["prompt"] = input.Prompt, ["password"] = input.Password }, request);
        var reply = await channels.RequestInputAsync(message, cancellationToken).ConfigureAwait(false);
        return reply.ContentString("value") ?? string.Empty;
    }

    public static JsonObject ErrorContent(ErrorOutput error) => new()
    {
        ["ename"] = error.Name,
        ["evalue"] = error.Value,
        ["traceback"] = new JsonArray(error.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
    };

    private static JsonObject Display(DisplayOutput output)
    {
        var content = new JsonObject
        {
            ["data"] = NbformatOutputs.Bundle(output.Data),
            ["metadata"] = output.Metadata?.DeepClone() ?? new JsonObject(),
        };
        content["transient"] = output.DisplayId is { } id ? new JsonObject { ["display_id"] = id } : new JsonObject();
        return content;
    }

    private void Publish(string msgType, JsonObject content)
    {
        if (!silent)
        {
            channels.Publish(builder.Create(msgType, content, request));
        }
    }
}
