using System.Text.Json.Nodes;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Interpreter;
using Workbench.Kernel.Notebooks;

namespace Workbench.Kernel.Protocol;

/// <summary>
/// The kernel side of Jupyter messaging 5.3 (xeus's "kernel core"): dispatches shell and control requests to the
/// interpreter, with status busy/idle on IOPub around every request (the request as parent header), execution counts,
/// silent / store_history / user_expressions / stop_on_error, and replies in the spec's shapes. Transport-free: it talks
/// to sockets only through <see cref="IKernelChannels"/>.
/// </summary>
public sealed partial class KernelProtocol
{
    private readonly IKernelChannels _channels;
    private readonly MessageBuilder _builder;
    private readonly Lazy<CSharpInterpreter> _interpreter;
    private readonly Action<bool> _onShutdown;
    private readonly KernelLog _log;
    private int _executionCount;

    /// <summary>A protocol over <paramref name="channels"/>; <paramref name="onShutdown"/> is called once a shutdown_request is answered, with its restart flag.</summary>
    public KernelProtocol(IKernelChannels channels, MessageBuilder builder, Lazy<CSharpInterpreter> interpreter, Action<bool> onShutdown, KernelLog log)
    {
        _channels = channels;
        _builder = builder;
        _interpreter = interpreter;
        _onShutdown = onShutdown;
        _log = log;
    }

    /// <summary>How many cells have run with store_history (the next execute_input's count is one more).</summary>
    public int ExecutionCount => _executionCount;

    private CSharpInterpreter Interpreter => _interpreter.Value;

    public void PublishStatus(string state, JupyterMessage? parent) =>
        _channels.Publish(_builder.Create("status", new JsonObject { ["execution_state"] = state }, parent));

    /// <summary>Handles one shell request, and after a failed cell with stop_on_error, aborts the execute requests queued behind it.</summary>
    public void HandleShell(JupyterMessage request)
    {
        if (!Handle(KernelChannel.Shell, request))
        {
            ReclaimMemoryIfNeeded();
            return;
        }

        var waiting = _queuedAtFailure;
        _queuedAtFailure = [];
        foreach (var queued in waiting)
        {
            if (queued.MsgType == "execute_request")
            {
                PublishStatus("busy", queued);
                _log.Info($"aborted {queued} (stop_on_error after a failed cell)");
                Reply(KernelChannel.Shell, queued, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount }, StatusMetadata("aborted"));
                PublishStatus("idle", queued);
            }
            else
            {
                Handle(KernelChannel.Shell, queued);
            }
        }

        ReclaimMemoryIfNeeded();
    }

    public void HandleControl(JupyterMessage request) => Handle(KernelChannel.Control, request);

    /// <summary>Busy, the handler, idle. True when queued execute requests must now be aborted.</summary>
    private bool Handle(KernelChannel channel, JupyterMessage request)
    {
        PublishStatus("busy", request);
        var abortQueue = false;
        try
        {
            switch (request.MsgType)
            {
                case "execute_request":
                    abortQueue = Execute(request);
                    break;
                case "kernel_info_request":
                    Reply(channel, request, "kernel_info_reply", KernelInfo.Content());
                    break;
                case "complete_request":
                    Complete(channel, request);
                    break;
                case "inspect_request":
                    Inspect(channel, request);
                    break;
                case "is_complete_request":
                    IsComplete(channel, request);
                    break;
                case "history_request":
                    History(channel, request);
                    break;
                case "comm_info_request":
                    Reply(channel, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                    break;
                case "comm_open":
                    // No comm targets are registered: close the comm at once, as ipykernel does for an unknown target.
                    _log.Info($"comm_open for unknown target '{request.ContentString("target_name")}': closing it");
                    _channels.Publish(_builder.Create("comm_close", new JsonObject { ["comm_id"] = request.ContentString("comm_id") ?? string.Empty, ["data"] = new JsonObject() }, request));
                    break;
                case "comm_msg" or "comm_close":
                    _log.Info($"{request.MsgType} for comm '{request.ContentString("comm_id")}' ignored: no comms are open");
                    break;
                case "interrupt_request":
                    _interpreter.Value.Interrupt();
                    Reply(channel, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                    break;
                case "shutdown_request":
                    var restart = request.ContentBool("restart", false);
                    var content = new JsonObject { ["status"] = "ok", ["restart"] = restart };
                    Reply(channel, request, "shutdown_reply", content);
                    _channels.Publish(_builder.Create("shutdown_reply", (JsonObject)content.DeepClone(), request));
                    _onShutdown(restart);
                    break;
                default:
                    _log.Warn($"unknown message type '{request.MsgType}' on {channel.ToString().ToLowerInvariant()} ignored");
                    break;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Error($"{request} failed in the kernel: {e}");
            if (request.MsgType.EndsWith("_request", StringComparison.Ordinal))
            {
                var error = CellErrors.Runtime(e);
                var content = OutputPublisher.ErrorContent(error);
                content["status"] = "error";
                Reply(channel, request, request.MsgType.Replace("_request", "_reply", StringComparison.Ordinal), content);
            }
        }
        finally
        {
            PublishStatus("idle", request);
        }

        return abortQueue;
    }

    private void Reply(KernelChannel channel, JupyterMessage request, string msgType, JsonObject content, JsonObject? metadata = null) =>
        _channels.Reply(channel, _builder.Create(msgType, content, request, metadata));

    private JsonObject StatusMetadata(string status, string? started = null) => new()
    {
        ["started"] = started ?? ProtocolDates.Now(),
        ["dependencies_met"] = true,
        ["engine"] = _builder.Session,
        ["status"] = status,
    };

    private void Complete(KernelChannel channel, JupyterMessage request)
    {
        var code = request.ContentString("code") ?? string.Empty;
        var cursor = request.ContentInt("cursor_pos") ?? code.Length;
        var result = Interpreter.Complete(code, cursor);
        Reply(channel, request, "complete_reply", new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(result.Matches.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["cursor_start"] = result.CursorStart,
            ["cursor_end"] = result.CursorEnd,
            ["metadata"] = result.Metadata,
        });
    }

    private void Inspect(KernelChannel channel, JupyterMessage request)
    {
        var code = request.ContentString("code") ?? string.Empty;
        var cursor = request.ContentInt("cursor_pos") ?? code.Length;
        var result = Interpreter.Inspect(code, cursor, request.ContentInt("detail_level") ?? 0);
        Reply(channel, request, "inspect_reply", new JsonObject
        {
            ["status"] = "ok",
            ["found"] = result.Found,
            ["data"] = NbformatOutputs.Bundle(result.Data),
            ["metadata"] = new JsonObject(),
        });
    }

    private void IsComplete(KernelChannel channel, JupyterMessage request)
    {
        var result = Interpreter.IsComplete(request.ContentString("code") ?? string.Empty);
        var content = new JsonObject { ["status"] = result.Status };
        if (result.Indent is not null)
        {
            content["indent"] = result.Indent;
        }

        Reply(channel, request, "is_complete_reply", content);
    }

    private void History(KernelChannel channel, JupyterMessage request)
    {
        var history = Interpreter.History;
        var output = request.ContentBool("output", false);
        var entries = request.ContentString("hist_access_type") switch
        {
            "tail" => history.Tail(request.ContentInt("n") ?? 10),
            "range" => history.Range(request.ContentInt("session") ?? 0, request.ContentInt("start") ?? 0, request.ContentInt("stop") ?? 0),
            "search" => history.Search(request.ContentString("pattern") ?? "*", request.ContentInt("n"), request.ContentBool("unique", false)),
            var other => throw new ArgumentException($"history_request: hist_access_type '{other}' is not one of tail, range, search."),
        };
        var items = entries.Select(e => (JsonNode?)new JsonArray(
            e.Session,
            e.Line,
            output ? new JsonArray(e.Input, e.Output) : JsonValue.Create(e.Input))).ToArray();
        Reply(channel, request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray(items) });
    }
}
