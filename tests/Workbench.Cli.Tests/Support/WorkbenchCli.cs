using Workbench.Testing;

namespace Workbench.Cli.Tests.Support;

/// <summary>Runs the built CLI as a real process: <c>dotnet Workbench.Cli.dll ...</c>, with output redirected (so plain progress).</summary>
public static class WorkbenchCli
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");

    /// <summary>The configuration this test assembly was built in, for packing the same build.</summary>
    public static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    public static ProcessResult Run(IEnumerable<string> arguments, string workingDirectory, string workbenchHome, TimeSpan? timeout = null)
    {
        var environment = Dotnet.ChildEnvironment(new Dictionary<string, string?> { ["WORKBENCH_HOME"] = workbenchHome, ["CI"] = "true" });
        return ChildProcess.Run("dotnet", [Dll, .. arguments], workingDirectory, environment, timeout: timeout ?? TimeSpan.FromMinutes(3));
    }
}
