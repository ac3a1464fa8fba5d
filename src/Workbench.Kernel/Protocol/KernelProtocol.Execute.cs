using System.Text.Json.Nodes;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Notebooks;

namespace Workbench.Kernel.Protocol;

public sealed partial class KernelProtocol
{
    /// <summary>A cell that allocated more than this gets the memory it dropped handed back to the OS once the kernel is idle.</summary>
    private const long ReclaimAfterAllocating = 256L * 1024 * 1024;

    private volatile bool _reclaimMemory;

    // The shell requests that were waiting when a cell failed with stop_on_error (aborted by HandleShell).
    private IReadOnlyList<JupyterMessage> _queuedAtFailure = [];

    /// <summary>
    /// An ordinary GC frees a dropped 2 GB array but keeps the pages committed, so the kernel's RSS stays at its peak;
    /// an aggressive collection decommits them. It blocks for a moment, so it runs only after a heavy cell, off the
    /// shell thread, once the reply and idle are out.
    /// </summary>
    private void ReclaimMemoryIfNeeded()
    {
        if (!_reclaimMemory)
        {
            return;
        }

        _reclaimMemory = false;
        ThreadPool.QueueUserWorkItem(_ =>
        {
            var before = Environment.WorkingSet;
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            _log.Info($"memory reclaimed after a heavy cell: working set {before >> 20} MB -> {Environment.WorkingSet >> 20} MB");
        });
    }

    /// <summary>Runs one execute_request; true when it failed with stop_on_error (queued cells are then aborted).</summary>
    private bool Execute(JupyterMessage request)
    {
        var started = ProtocolDates.Now();
        var code = request.ContentString("code") ?? string.Empty;
        var silent = request.ContentBool("silent", false);
        var storeHistory = !silent && request.ContentBool("store_history", true);
        var allowStdin = request.ContentBool("allow_stdin", true);
        var stopOnError = request.ContentBool("stop_on_error", true);
        var userExpressions = request.Content["user_expressions"] as JsonObject ?? [];
        if (storeHistory)
        {
            _executionCount++;
        }

        var count = _executionCount;
        if (!silent)
        {
            _channels.Publish(_builder.Create("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request));
        }

        var allocatedBefore = GC.GetTotalAllocatedBytes();
        using var publisher = new OutputPublisher(_channels, _builder, request, count, silent, allowStdin);
        var payload = new JsonArray();
        CellResult result;
        if (Interpreter.HelpRequest(code) is { } help)
        {
            if (help.Found)
            {
                payload.Add(new JsonObject { ["source"] = "page", ["data"] = NbformatOutputs.Bundle(help.Data), ["start"] = 0 });
            }
            else
            {
                publisher.OnStream(OutputStream.Stdout, $"Object `{code.Trim().Trim('?')}` not found.\n");
            }

            result = new CellResult(CellStatus.Ok, null, TimeSpan.Zero);
        }
        else
        {
            result = Interpreter.ExecuteAsync(code, publisher, $"In [{count}]").GetAwaiter().GetResult();
        }

        // Everything the cell printed goes out before its reply (jupyter clients expect outputs, then reply, then idle).
        publisher.Dispose();
        if (storeHistory)
        {
            Interpreter.History.Add(count, code, publisher.ResultText);
        }

        if (GC.GetTotalAllocatedBytes() - allocatedBefore > ReclaimAfterAllocating)
        {
            _reclaimMemory = true;
        }

        if (result.Status == CellStatus.Abandoned)
        {
            _log.Warn("a cell ignored an interrupt and keeps running; the engine refuses further cells until the kernel restarts");
        }

        JsonObject content;
        if (result.Succeeded)
        {
            content = new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = count,
                ["payload"] = payload,
                ["user_expressions"] = userExpressions.Count == 0 ? new JsonObject() : Interpreter.EvaluateAsync(userExpressions).GetAwaiter().GetResult(),
            };
        }
        else
        {
            var error = result.Error ?? CellErrors.Plain("Error", $"In [{count}] failed.");
            content = OutputPublisher.ErrorContent(error);
            content["status"] = "error";
            content["execution_count"] = count;
            content["payload"] = new JsonArray();
            content["user_expressions"] = new JsonObject();
        }

        var abortQueue = !result.Succeeded && stopOnError;
        if (abortQueue)
        {
            // Only what was sent before this reply is aborted: a client that answers the reply (or the idle after it)
            // with its next request must get that request run, so the queue is taken now, not after idle.
            _queuedAtFailure = _channels.TakeQueuedShellRequests();
        }

        Reply(KernelChannel.Shell, request, "execute_reply", content, StatusMetadata(result.Succeeded ? "ok" : "error", started));
        return abortQueue;
    }
}
