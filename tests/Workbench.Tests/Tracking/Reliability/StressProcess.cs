using System.Diagnostics;
using Workbench.Testing;

namespace Workbench.Tests.Tracking.Reliability;

/// <summary>Starts the Workbench.Tracking.Stress child program (built beside the tests) as a real process.</summary>
internal static class StressProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "Workbench.Tracking.Stress.dll");

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs a command to completion; a non-zero exit fails with the child's stderr.</summary>
    public static string Run(params string[] arguments)
    {
        var result = ChildProcess.Run(Dotnet, [Dll, .. arguments], timeout: TimeSpan.FromMinutes(4));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"stress {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Combined}");
        }

        return result.StandardOutput;
    }

    /// <summary>Starts a command without waiting (for kill and signal tests).</summary>
    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(Dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start the stress process");
    }

    /// <summary>Runs the commands at once, releasing them together once all are ready, and returns their outputs.</summary>
    public static string[] RunTogether(string goFile, IReadOnlyList<string[]> commands)
    {
        var tasks = commands.Select(c => Task.Factory.StartNew(() => Run(c), TaskCreationOptions.LongRunning)).ToArray();
        var folder = Path.GetDirectoryName(goFile)!;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (Directory.GetFiles(folder, Path.GetFileName(goFile) + ".*.ready").Length < commands.Count)
        {
            if (tasks.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                failed.GetAwaiter().GetResult();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the stress processes did not all become ready");
            }

            Thread.Sleep(10);
        }

        File.WriteAllText(goFile, "go");
        return Task.WhenAll(tasks).GetAwaiter().GetResult();
    }

    /// <summary>Starts <paramref name="command"/> on <paramref name="home"/> and waits until it has started its run; returns the process and the run id.</summary>
    public static (Process Process, string RunId) StartWithRun(string command, string home)
    {
        Directory.CreateDirectory(home);
        var ready = Path.Combine(Path.GetDirectoryName(home)!, $"ready-{command}-{Guid.NewGuid():N}");
        var process = Start(command, home, ready);
        WaitForFile(ready, process);
        return (process, File.ReadAllText(ready));
    }

    private static void WaitForFile(string path, Process process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!File.Exists(path))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the stress process exited early ({process.ExitCode}): {process.StandardError.ReadToEnd()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} never appeared");
            }

            Thread.Sleep(10);
        }
    }
}
