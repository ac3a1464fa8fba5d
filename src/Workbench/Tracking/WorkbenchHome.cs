namespace Workbench.Tracking;

/// <summary>
/// The folder holding a Workbench store: the SQLite database (runs, metrics, registry) and the
/// content-addressed artifact objects. Resolved from an explicit path, else <c>WORKBENCH_HOME</c>,
/// else <c>./.workbench</c> under the current directory.
/// </summary>
public sealed record WorkbenchHome
{
    public const string EnvironmentVariable = "WORKBENCH_HOME";
    public const string DefaultFolderName = ".workbench";
    public const string DatabaseFileName = "workbench.db";
    public const string ArtifactsFolderName = "artifacts";

    public WorkbenchHome(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The absolute folder.</summary>
    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, DatabaseFileName);

    public string ArtifactsPath => System.IO.Path.Combine(Path, ArtifactsFolderName);

    /// <summary>Whether a store was already created here.</summary>
    public bool Exists => File.Exists(DatabasePath);

    /// <summary><paramref name="explicitPath"/> when given, else <c>WORKBENCH_HOME</c>, else <c>./.workbench</c>.</summary>
    public static WorkbenchHome Resolve(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return new WorkbenchHome(explicitPath);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return new WorkbenchHome(string.IsNullOrWhiteSpace(fromEnvironment)
            ? System.IO.Path.Combine(Environment.CurrentDirectory, DefaultFolderName)
            : fromEnvironment);
    }

    public override string ToString() => Path;
}
