using Workbench.Testing;

namespace Workbench.Cli.Tests.Support;

/// <summary>Workbench, Workbench.Extension, Workbench.Serving and Workbench.SageMaker packed once into a temporary folder feed, as the main job packs them.</summary>
public sealed class PackedPackages : IDisposable
{
    private readonly TempDirectory _folder = new("wb-packages");

    public PackedPackages()
    {
        foreach (var project in new[] { "src/Workbench/Workbench.csproj", "kernels-extensions/Workbench.Extension/Workbench.Extension.csproj", "src/Workbench.Serving/Workbench.Serving.csproj", "src/Workbench.SageMaker/Workbench.SageMaker.csproj" })
        {
            Dotnet.RunChecked(["pack", RepoPaths.Combine(project), "-c", WorkbenchCli.Configuration, "-o", Feed, "--nologo", "-v:q"], RepoPaths.Root, TimeSpan.FromMinutes(10));
        }
    }

    public string Feed => _folder.File("packages");

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(nameof(PackedPackagesCollection))]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>;
