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
/// <remarks>
/// Stream text is batched like ipykernel's OutStream: a loop printing a line per step sends one stream message per
/// <see cref="StreamFlushInterval"/> (or per <see cref="MaxBufferedChars"/>) instead of one per line, and any other
/// output, input request or the end of the cell sends what is buffered first, so the order is kept.
/// </remarks>
internal sealed class OutputPublisher(IKernelChannels channels, MessageBuilder builder, JupyterMessage request, int executionCount, bool silent, bool allowStdin) : IOutputSink, IDisposable
{
    public static readonly TimeSpan StreamFlushInterval = TimeSpan.FromMilliseconds(50);
    public const int MaxBufferedChars = 64 * 1024;

    private readonly object _streamGate = new();
    private readonly System.Text.StringBuilder _buffered = new();
    private OutputStream _bufferedStream;
    private Timer? _flushTimer;
    private bool _unbuffered;

    /// <summary>The text/plain of the cell's execute_result, for the history's output column.</summary>
    public string? ResultText { get; private set; }

    public void OnStream(OutputStream stream, string text)
    {
        if (silent || text.Length == 0)
        {
            return;
        }

        lock (_streamGate)
        {
            if (_buffered.Length > 0 && _bufferedStream != stream)
            {
                FlushStreamLocked();
            }

            _bufferedStream = stream;
            _buffered.Append(text);
            if (_unbuffered || _buffered.Length >= MaxBufferedChars)
            {
                FlushStreamLocked();
            }
            else
            {
                _flushTimer ??= new Timer(_ => FlushStreams(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _flushTimer.Change(StreamFlushInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

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

    /// <summary>Sends the buffered stream text now (before the reply, another output, or an input request).</summary>
    public void FlushStreams()
    {
        lock (_streamGate)
        {
            FlushStreamLocked();
        }
    }

    /// <summary>Stops the flush timer after sending what is buffered. Output a cell's background work writes later is then sent as it comes.</summary>
    public void Dispose()
    {
        lock (_streamGate)
        {
            FlushStreamLocked();
            _flushTimer?.Dispose();
            _flushTimer = null;
            _unbuffered = true;
        }
    }

    public async Task<string> OnInputRequestAsync(InputRequest input, CancellationToken cancellationToken)
    {
        if (!allowStdin)
        {
            throw new InputUnavailableException(
                $"The cell asks for input{(input.Prompt.Length > 0 ? $" ('{input.Prompt}')" : string.Empty)}, but this client does not accept input requests (allow_stdin is false). "
                + "Run the cell from a notebook front end, or set the value in code (#!set --name x --value ...).");
        }

        FlushStreams();
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
            FlushStreams();
            channels.Publish(builder.Create(msgType, content, request));
        }
    }

    private void FlushStreamLocked()
    {
        if (_buffered.Length == 0)
        {
            return;
        }

        var text = _buffered.ToString();
        _buffered.Clear();
        channels.Publish(builder.Create("stream", new JsonObject { ["name"] = _bufferedStream == OutputStream.Stdout ? "stdout" : "stderr", ["text"] = text }, request));
    }
}
