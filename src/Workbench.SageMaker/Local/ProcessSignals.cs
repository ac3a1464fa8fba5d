using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Workbench.SageMaker.Local;

/// <summary>SIGTERM for a child process (.NET's Process.Kill sends SIGKILL, which gives a container no chance to save).</summary>
internal static class ProcessSignals
{
    private const int SigTerm = 15;

    public static bool Terminate(Process process)
    {
        if (process.HasExited)
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            return true;
        }

        return Kill(process.Id, SigTerm) == 0;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
