using System.Diagnostics;
using System.Runtime.InteropServices;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Interpreter;
using Workbench.Kernel.Protocol;
using Workbench.Kernel.Transport;

namespace Workbench.Kernel.Hosting;

/// <summary>Settings for one kernel process.</summary>
public sealed record KernelOptions
{
    /// <summary>Host assemblies cells may use without <c>#r</c>.</summary>
    public IReadOnlyList<System.Reflection.Assembly> References { get; init; } = [];

    /// <summary>Where input history is kept; null for <c>$WORKBENCH_HOME/kernel/history.jsonl</c>.</summary>
    public string? HistoryPath { get; init; }

    /// <summary>Log every request, not only warnings and errors (<c>--verbose</c>, or WORKBENCH_KERNEL_LOG=verbose).</summary>
    public bool Verbose { get; init; }
}

/// <summary>
/// One Jupyter kernel process: reads the connection file, binds the sockets, answers until a shutdown_request (or the
/// parent process that started it goes away), then exits. A restart request also exits: the kernel manager starts a
/// new process, which is what jupyter_client's restart_kernel expects.
/// </summary>
public static class JupyterKernel
{
    /// <summary>Runs the kernel; returns the process exit code.</summary>
    public static int Run(string connectionFile, KernelOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KernelOptions();
        // The engine routes Console to cells; the kernel's own log keeps the real standard error.
        var log = new KernelLog(Console.Error, options.Verbose || Environment.GetEnvironmentVariable("WORKBENCH_KERNEL_LOG") == "verbose");
        _ = ExecutionEngine.WarmUpAsync();

        ConnectionInfo connection;
        try
        {
            connection = ConnectionInfo.Read(connectionFile);
        }
        catch (ConnectionFileException e)
        {
            log.Error(e.Message);
            return 2;
        }

        using var stopped = new ManualResetEventSlim();
        var builder = new MessageBuilder(Guid.NewGuid().ToString());
        var home = EngineOptions.DefaultWorkbenchHome();
        var interpreter = new Lazy<CSharpInterpreter>(
            () => new CSharpInterpreter(
                new EngineOptions { BaseDirectory = Environment.CurrentDirectory, References = options.References, WorkbenchHome = home },
                new HistoryStore(options.HistoryPath ?? HistoryStore.DefaultPath(home))),
            LazyThreadSafetyMode.ExecutionAndPublication);

        KernelServer server;
        try
        {
            server = new KernelServer(connection, log);
            server.Bind();
        }
        catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or ZmqException)
        {
            log.Error(e.Message);
            return 1;
        }

        using (server)
        {
            var protocol = new KernelProtocol(server, builder, interpreter, restart =>
            {
                log.Info(restart ? "restart requested: exiting so the kernel manager starts a fresh kernel" : "shutdown requested");
                stopped.Set();
            }, log);
            protocol.PublishStatus("starting", null);
            // Build the engine while the client connects: the first cell then only waits for the compiler warm-up.
            _ = Task.Run(() => interpreter.Value);
            server.Start(protocol.HandleShell, protocol.HandleControl);
            log.Info($"listening on {connection.Endpoint(connection.ShellPort)} (shell), libzmq {ZmqContext.LibraryVersion}, signing {(server.Signed ? "on" : "off")}");

            using var interrupt = RegisterInterruptSignal(() => { if (interpreter.IsValueCreated) { interpreter.Value.Interrupt(); } }, log);
            using var parent = WatchParent(stopped, log);
            using var cancelled = cancellationToken.Register(stopped.Set);
            stopped.Wait();

            if (interpreter.IsValueCreated && interpreter.Value.Engine.IsBusy)
            {
                interpreter.Value.Engine.InterruptAsync(TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();
            }

            server.Stop(TimeSpan.FromSeconds(2));
        }

        return 0;
    }

    /// <summary>SIGINT interrupts the running cell instead of ending the process (jupyter_client's signal interrupt mode).</summary>
    private static IDisposable? RegisterInterruptSignal(Action interrupt, KernelLog log)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        return PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            log.Info("SIGINT: interrupting the running cell");
            interrupt();
        });
    }

    /// <summary>
    /// Exits when the process that started the kernel (JPY_PARENT_PID, set by jupyter_client) is gone, so a crashed
    /// notebook server does not leave kernels behind — ipykernel's parent poller does the same.
    /// </summary>
    private static Timer? WatchParent(ManualResetEventSlim stopped, KernelLog log)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out var pid) || pid <= 1)
        {
            return null;
        }

        return new Timer(_ =>
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (!process.HasExited)
                {
                    return;
                }
            }
            catch (ArgumentException)
            {
            }

            log.Warn($"parent process {pid} is gone: shutting down");
            stopped.Set();
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }
}
