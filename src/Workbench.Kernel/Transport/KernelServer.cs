using System.Text;
using Workbench.Kernel.Protocol;

namespace Workbench.Kernel.Transport;

/// <summary>
/// The kernel's five sockets (xeus's "server"): shell and stdin ROUTER, control ROUTER on its own thread, IOPub PUB,
/// heartbeat REP echoing on its own thread. Received messages are verified (<see cref="WireFormat"/>) before any
/// handler sees them; rejected ones are logged and dropped.
/// </summary>
public sealed class KernelServer : IKernelChannels, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly ConnectionInfo _connection;
    private readonly KernelLog _log;
    private readonly WireFormat _wire;
    private readonly ZmqContext _context = new();
    private readonly ZmqSocket _shell;
    private readonly ZmqSocket _control;
    private readonly ZmqSocket _stdin;
    private readonly ZmqSocket _iopub;
    private readonly ZmqSocket _heartbeat;
    private readonly object _iopubGate = new();
    private readonly object _stdinGate = new();
    private readonly List<Thread> _threads = [];
    private volatile bool _stopping;
    private int _disposed;

    public KernelServer(ConnectionInfo connection, KernelLog log)
    {
        _connection = connection;
        _log = log;
        _wire = new WireFormat(new MessageSigner(connection.Key));
        _shell = _context.Socket(ZmqSocketType.Router);
        _control = _context.Socket(ZmqSocketType.Router);
        _stdin = _context.Socket(ZmqSocketType.Router);
        _iopub = _context.Socket(ZmqSocketType.Pub);
        _heartbeat = _context.Socket(ZmqSocketType.Rep);
        foreach (var socket in Sockets)
        {
            // Long enough for the last replies (shutdown_reply, idle) to leave; short enough never to hang an exit.
            socket.Linger = TimeSpan.FromSeconds(1);
        }
    }

    /// <summary>Whether incoming messages must carry a valid HMAC signature (a non-empty key).</summary>
    public bool Signed => _wire.Signer.Enabled;

    private IEnumerable<ZmqSocket> Sockets => [_shell, _control, _stdin, _iopub, _heartbeat];

    /// <summary>Binds the five sockets to the connection file's ports; an error names the channel and endpoint.</summary>
    public void Bind()
    {
        foreach (var (name, socket, port) in new[]
        {
            ("shell", _shell, _connection.ShellPort), ("control", _control, _connection.ControlPort), ("stdin", _stdin, _connection.StdinPort),
            ("iopub", _iopub, _connection.IopubPort), ("heartbeat", _heartbeat, _connection.HeartbeatPort),
        })
        {
            try
            {
                socket.Bind(_connection.Endpoint(port));
            }
            catch (ZmqException e)
            {
                throw new InvalidOperationException($"The kernel could not bind its {name} socket to {_connection.Endpoint(port)}: {e.Message}", e);
            }
        }
    }

    /// <summary>Starts the shell, control and heartbeat threads.</summary>
    public void Start(Action<JupyterMessage> onShell, Action<JupyterMessage> onControl)
    {
        _threads.Add(StartThread("kernel shell", () => Serve(_shell, "shell", onShell)));
        _threads.Add(StartThread("kernel control", () => Serve(_control, "control", onControl)));
        _threads.Add(StartThread("kernel heartbeat", Heartbeat));
    }

    /// <summary>Stops the loops (they notice within one poll interval) and waits for them, up to <paramref name="wait"/>.</summary>
    public void Stop(TimeSpan wait)
    {
        _stopping = true;
        foreach (var thread in _threads.Where(t => t != Thread.CurrentThread))
        {
            thread.Join(wait);
        }
    }

    public void Reply(KernelChannel channel, JupyterMessage reply) =>
        (channel == KernelChannel.Shell ? _shell : _control).SendMultipart(_wire.Serialize(reply));

    public void Publish(JupyterMessage message)
    {
        var topic = Encoding.UTF8.GetBytes($"kernel.{message.Header["session"]}.{message.MsgType}");
        var frames = _wire.Serialize(message, [topic]);
        lock (_iopubGate)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            try
            {
                _iopub.SendMultipart(frames);
            }
            catch (ZmqException e)
            {
                _log.Error($"IOPub send of {message.MsgType} failed: {e.Message}");
            }
        }
    }

    public Task<JupyterMessage> RequestInputAsync(JupyterMessage inputRequest, CancellationToken cancellationToken)
    {
        lock (_stdinGate)
        {
            _stdin.SendMultipart(_wire.Serialize(inputRequest));
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_stopping)
                {
                    throw new OperationCanceledException("The kernel is shutting down.");
                }

                if (!_stdin.WaitReadable(TimeSpan.FromMilliseconds(100)) || _stdin.ReceiveMultipart(dontWait: true) is not { } frames)
                {
                    continue;
                }

                if (TryParse(frames, "stdin") is not { } message)
                {
                    continue;
                }

                var parentId = message.ParentHeader["msg_id"]?.GetValue<string>();
                if (message.MsgType == "input_reply" && (parentId is null || parentId == inputRequest.MsgId))
                {
                    return Task.FromResult(message);
                }

                _log.Warn($"stdin: {message.MsgType} ignored while waiting for the reply to {inputRequest.MsgId}");
            }
        }
    }

    public IReadOnlyList<JupyterMessage> TakeQueuedShellRequests()
    {
        var queued = new List<JupyterMessage>();
        while (_shell.ReceiveMultipart(dontWait: true) is { } frames)
        {
            if (TryParse(frames, "shell") is { } message)
            {
                queued.Add(message);
            }
        }

        return queued;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping = true;
        lock (_iopubGate)
        {
            lock (_stdinGate)
            {
                foreach (var socket in Sockets)
                {
                    socket.Dispose();
                }
            }
        }

        _context.Dispose();
    }

    private static Thread StartThread(string name, ThreadStart body)
    {
        var thread = new Thread(body) { Name = name, IsBackground = true };
        thread.Start();
        return thread;
    }

    private void Serve(ZmqSocket socket, string channel, Action<JupyterMessage> handler)
    {
        while (!_stopping)
        {
            try
            {
                if (!socket.WaitReadable(PollInterval) || socket.ReceiveMultipart(dontWait: true) is not { } frames)
                {
                    continue;
                }

                if (TryParse(frames, channel) is { } message)
                {
                    handler(message);
                }
            }
            catch (ZmqException e) when (e.IsTerminated || _stopping)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A request that broke its handler must not take the channel down with it.
                _log.Error($"{channel}: {e}");
            }
        }
    }

    private void Heartbeat()
    {
        while (!_stopping)
        {
            try
            {
                if (_heartbeat.WaitReadable(PollInterval) && _heartbeat.ReceiveMultipart(dontWait: true) is { } ping)
                {
                    _heartbeat.SendMultipart(ping);
                }
            }
            catch (ZmqException e) when (e.IsTerminated || _stopping)
            {
                return;
            }
            catch (ZmqException e)
            {
                _log.Error($"heartbeat: {e.Message}");
            }
        }
    }

    private JupyterMessage? TryParse(List<byte[]> frames, string channel)
    {
        try
        {
            return _wire.Parse(frames);
        }
        catch (RejectedMessageException e)
        {
            _log.Warn($"rejected a message on {channel}: {e.Message}; it was not executed");
            return null;
        }
    }
}
