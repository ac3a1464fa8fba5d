namespace Workbench.Testing;

/// <summary>Locates the repository from a test's output folder, so tests can read data samples and fixtures.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string DataSamples => Path.Combine(Root, "data-samples");

    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The shared contracts folder (botocore models, Model Monitor samples) beside the checkout, or inside it.</summary>
    public static string Contracts
    {
        get
        {
            foreach (var candidate in new[] { Path.Combine(Root, "shared", "contracts"), Path.Combine(Root, "..", "shared", "contracts") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            throw new DirectoryNotFoundException($"No shared/contracts folder inside or beside {Root}.");
        }
    }

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
