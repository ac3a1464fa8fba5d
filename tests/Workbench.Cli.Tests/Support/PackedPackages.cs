using Workbench.Testing;

namespace Workbench.Cli.Tests.Support;

/// <summary>Workbench and Workbench.Extension packed once into a temporary folder feed, as the main job packs them.</summary>
public sealed class PackedPackages : IDisposable
{
    private readonly TempDirectory _folder = new("wb-packages");

    public PackedPackages()
    {
        foreach (var project in new[] { "src/Workbench/Workbench.csproj", "kernels-extensions/Workbench.Extension/Workbench.Extension.csproj" })
        {
            Dotnet.RunChecked(["pack", RepoPaths.Combine(project), "-c", WorkbenchCli.Configuration, "-o", Feed, "--nologo", "-v:q"], RepoPaths.Root, TimeSpan.FromMinutes(10));
        }
    }

    public string Feed => _folder.File("packages");

    /// <summary>
    /// Copies notebooks/<paramref name="notebook"/> into <paramref name="root"/>/repo/notebooks with these packages in
    /// repo/artifacts/packages, where the notebook looks for them as in the repository; returns the copy's path.
    /// </summary>
    public string RepositoryCopy(TempDirectory root, string notebook)
    {
        var notebooks = root.File("repo/notebooks");
        Directory.CreateDirectory(notebooks);
        File.Copy(RepoPaths.Combine("notebooks", notebook), Path.Combine(notebooks, notebook));
        var feed = root.File("repo/artifacts/packages");
        Directory.CreateDirectory(feed);
        foreach (var package in Directory.GetFiles(Feed, "*.nupkg"))
        {
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)));
        }

        return Path.Combine(notebooks, notebook);
    }

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(nameof(PackedPackagesCollection))]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>;
