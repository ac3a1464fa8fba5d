namespace Workbench.Testing;

/// <summary>
/// Runs the dotnet CLI from a test (pack a fixture, build a project) without the MSBuild settings a test host
/// inherits from `dotnet test`, which would otherwise leak into the child build.
/// </summary>
public static class Dotnet
{
    public static ProcessResult Run(IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null) =>
        ChildProcess.Run("dotnet", arguments, workingDirectory, ChildEnvironment(), timeout: timeout ?? TimeSpan.FromMinutes(5));

    /// <summary>Environment changes for a dotnet child process: MSBuild's inherited settings removed, telemetry off, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> ChildEnvironment(IDictionary<string, string?>? extra = null)
    {
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(k => k, _ => (string?)null);
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Runs and fails with the tool's output when it exits non-zero.</summary>
    public static ProcessResult RunChecked(IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null)
    {
        var list = arguments.ToList();
        var result = Run(list, workingDirectory, timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', list)} exited with {result.ExitCode}:\n{result.Combined}");
        }

        return result;
    }
}
