using System.Globalization;

namespace Workbench.Kernel.Protocol;

/// <summary>
/// The kernel's log: timestamped lines on the process's original standard error, which the Jupyter server shows in its
/// console. Never carries the signing key or message contents.
/// </summary>
public sealed class KernelLog(TextWriter writer, bool verbose = false)
{
    private readonly object _gate = new();

    public void Info(string message)
    {
        if (verbose)
        {
            Write("INFO", message);
        }
    }

    public void Warn(string message) => Write("WARN", message);

    public void Error(string message) => Write("ERROR", message);

    private void Write(string level, string message)
    {
        lock (_gate)
        {
            writer.WriteLine($"[workbench kernel {DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {level}] {message}");
            writer.Flush();
        }
    }
}
