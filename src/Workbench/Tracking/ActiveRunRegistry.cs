using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Workbench.Tracking;

/// <summary>
/// Runs started in this process and not yet ended. When the process exits (normally without ending them, on
/// Ctrl+C, or on SIGTERM — which .NET does not turn into ProcessExit by itself, so it is hooked here) they are
/// flushed and marked <see cref="RunStatus.Killed"/>. A process killed with SIGKILL
/// runs no code: its runs stay <see cref="RunStatus.Running"/>, and <see cref="RunEnvironment.IsProcessGone"/>
/// lets readers tell them apart from live ones.
/// </summary>
internal static class ActiveRunRegistry
{
    private static readonly ConcurrentDictionary<ActiveRun, byte> Runs = new();
    private static int _hooked;
    private static PosixSignalRegistration? _terminate;

    public static void Add(ActiveRun run)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => EndAll();
            try
            {
                // Not cancelled: after the runs are marked, the process terminates as it would have.
                _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => EndAll());
            }
            catch (PlatformNotSupportedException)
            {
                // No SIGTERM here (some platforms): ProcessExit still covers normal exit and Ctrl+C.
            }
        }

        Runs.TryAdd(run, 0);
    }

    public static void Remove(ActiveRun run) => Runs.TryRemove(run, out _);

    private static void EndAll()
    {
        // Children first, so a parent never ends before its nested runs.
        foreach (var run in Runs.Keys.OrderByDescending(r => r.Depth))
        {
            try
            {
                run.EndFromProcessExit();
            }
            catch (Exception)
            {
                // The process is going away; the run stays Running, which readers show as not finished.
            }
        }
    }
}
