namespace Workbench.Kernel.Protocol;

/// <summary>The two request channels: shell (execution and introspection) and control (interrupt, shutdown).</summary>
public enum KernelChannel
{
    Shell,
    Control,
}

/// <summary>What the protocol layer needs from the transport: reply, publish, ask for input, see queued requests.</summary>
public interface IKernelChannels
{
    /// <summary>Sends <paramref name="reply"/> on <paramref name="channel"/> to its identities.</summary>
    void Reply(KernelChannel channel, JupyterMessage reply);

    /// <summary>Broadcasts on IOPub. Safe from any thread.</summary>
    void Publish(JupyterMessage message);

    /// <summary>Sends an input_request on stdin to the client that made the request, and waits for its input_reply.</summary>
    Task<JupyterMessage> RequestInputAsync(JupyterMessage inputRequest, CancellationToken cancellationToken);

    /// <summary>Shell requests already received and not yet handled (for stop_on_error's abort), in arrival order.</summary>
    IReadOnlyList<JupyterMessage> TakeQueuedShellRequests();
}
