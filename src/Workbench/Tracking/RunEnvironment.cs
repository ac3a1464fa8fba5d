using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Workbench.Tracking;

/// <summary>
/// What a run records about where it ran, as <c>workbench.*</c> tags: git commit / branch / dirty state (when the
/// working directory is in a repository), .NET and OS versions, machine, CPU count, user, process id and start
/// time (so readers can tell a run whose process died), and the versions of the loaded Workbench assemblies.
/// The git remote is recorded without any user name or token it may carry.
/// </summary>
public static class RunEnvironment
{
    public const string Prefix = "workbench.";
    public const string GitCommit = "workbench.git.commit";
    public const string GitBranch = "workbench.git.branch";
    public const string GitDirty = "workbench.git.dirty";
    public const string GitRemote = "workbench.git.remote";
    public const string DotNet = "workbench.dotnet";
    public const string OperatingSystem = "workbench.os";
    public const string Machine = "workbench.machine";
    public const string CpuCount = "workbench.cpus";
    public const string User = "workbench.user";
    public const string ProcessId = "workbench.process.id";
    public const string ProcessStarted = "workbench.process.started";
    public const string Packages = "workbench.packages";
    public const string Failure = "workbench.failure";

    /// <summary>The environment tags for a run started now from <paramref name="workingDirectory"/> (default: current).</summary>
    public static IReadOnlyDictionary<string, string> Capture(string? workingDirectory = null)
    {
        using var process = Process.GetCurrentProcess();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DotNet] = RuntimeInformation.FrameworkDescription,
            [OperatingSystem] = RuntimeInformation.OSDescription,
            [Machine] = Environment.MachineName,
            [CpuCount] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            [User] = Environment.UserName,
            [ProcessId] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            [ProcessStarted] = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            [Packages] = JsonSerializer.Serialize(WorkbenchPackageVersions()),
        };
        foreach (var (key, value) in Git(workingDirectory ?? Environment.CurrentDirectory))
        {
            tags[key] = value;
        }

        return tags;
    }

    /// <summary>Name → informational version of every loaded assembly whose name starts with "Workbench".</summary>
    public static SortedDictionary<string, string> WorkbenchPackageVersions()
    {
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            var name = assembly.GetName();
            if (name.Name is { } simple && simple.StartsWith("Workbench", StringComparison.Ordinal) && !assembly.IsDynamic)
            {
                versions[simple] = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? name.Version?.ToString() ?? "unknown";
            }
        }

        return versions;
    }

    /// <summary>
    /// Whether a <c>Running</c> run's process is gone: true when it ran on this machine and no process with its id
    /// and start time exists (the process was killed or crashed); false when it is alive; null when unknown
    /// (another machine, or the tags are missing).
    /// </summary>
    public static bool? IsProcessGone(IReadOnlyDictionary<string, string> tags)
    {
        if (!tags.TryGetValue(Machine, out var machine) || machine != Environment.MachineName ||
            !tags.TryGetValue(ProcessId, out var pidText) || !int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid) ||
            !tags.TryGetValue(ProcessStarted, out var startedText) || !long.TryParse(startedText, CultureInfo.InvariantCulture, out var started))
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            var actual = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds();
            // A reused pid belongs to a process started at another time.
            return Math.Abs(actual - started) > 2000 || process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Git(string directory)
    {
        var commit = RunGit(directory, "rev-parse", "HEAD");
        if (commit is null)
        {
            yield break;
        }

        yield return KeyValuePair.Create(GitCommit, commit);
        if (RunGit(directory, "rev-parse", "--abbrev-ref", "HEAD") is { } branch)
        {
            yield return KeyValuePair.Create(GitBranch, branch);
        }

        if (RunGit(directory, "status", "--porcelain", "--untracked-files=no") is { } status)
        {
            yield return KeyValuePair.Create(GitDirty, status.Length > 0 ? "true" : "false");
        }

        if (RunGit(directory, "config", "--get", "remote.origin.url") is { Length: > 0 } remote)
        {
            yield return KeyValuePair.Create(GitRemote, WithoutCredentials(remote));
        }
    }

    /// <summary>Drops <c>user:token@</c> from an https remote so a credential never lands in the store.</summary>
    internal static string WithoutCredentials(string remote) =>
        Uri.TryCreate(remote, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 && uri.Scheme is "http" or "https"
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
            : remote;

    private static string? RunGit(string directory, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var git = Process.Start(info);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEndAsync();
            _ = git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(5000))
            {
                git.Kill(entireProcessTree: true);
                return null;
            }

            return git.ExitCode == 0 ? output.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
        catch (IOException)
        {
            return null;
        }
    }
}
