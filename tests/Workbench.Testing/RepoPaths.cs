namespace Workbench.Testing;

/// <summary>Locates the repository from a test's output folder, so tests can read data samples and fixtures.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string DataSamples => Path.Combine(Root, "data-samples");

    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Vendored public specifications: botocore models and Model Monitor samples (see contracts/README.md).</summary>
    public static string Contracts => Path.Combine(Root, "contracts");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workbench.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new DirectoryNotFoundException($"Workbench.sln not found above {AppContext.BaseDirectory}.");
    }
}
