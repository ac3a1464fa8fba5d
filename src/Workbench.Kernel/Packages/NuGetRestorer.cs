using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Workbench.Kernel.Packages;

/// <summary>
/// Restores a set of NuGet packages the way a project would: a generated project under
/// <c>&lt;WORKBENCH_HOME&gt;/nuget/restore/&lt;hash of the set&gt;/</c>, <c>dotnet restore</c> into a private packages folder
/// (<c>&lt;WORKBENCH_HOME&gt;/nuget/packages</c>), then obj/project.assets.json read for each package's compile, runtime
/// and native assets. A set restored before is reused without running restore again, unless a local folder
/// source now holds a different build of one of its packages; then that package is evicted and restored afresh.
/// </summary>
/// <remarks>
/// Sources are the user's NuGet configuration (nuget.org by default) plus those added with <c>#i</c>. Floating
/// versions (no version, <c>*</c>, <c>*-*</c>) resolve once per set and stay cached: delete the set's folder to
/// pick up newer releases. Restores are serialised across processes by a lock file.
/// </remarks>
public sealed class NuGetRestorer
{
    private static readonly SemaphoreSlim ProcessGate = new(1, 1);
    private readonly string _dotnet;

    public NuGetRestorer(string workbenchHome, string? dotnetPath = null)
    {
        Root = Path.Combine(Path.GetFullPath(workbenchHome), "nuget");
        _dotnet = dotnetPath ?? DotnetCli.Locate();
    }

    /// <summary>&lt;WORKBENCH_HOME&gt;/nuget.</summary>
    public string Root { get; }

    /// <summary>Where packages are extracted.</summary>
    public string PackagesDirectory => Path.Combine(Root, "packages");

    public static string TargetFramework => $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    public async Task<PackageResolution> RestoreAsync(IReadOnlyList<PackageSpec> packages, IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(sources);
        var localSources = sources.Where(s => !IsUrl(s)).Select(Path.GetFullPath).ToArray();
        var projectDirectory = Path.Combine(Root, "restore", Key(packages, sources));
        Directory.CreateDirectory(projectDirectory);

        await ProcessGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var machineLock = await AcquireMachineLockAsync(cancellationToken).ConfigureAwait(false);
            var resolutionFile = Path.Combine(projectDirectory, "resolution.json");
            if (ReadCached(resolutionFile) is { } cached && LocalPackageFreshness.FindStale(cached, localSources).Count == 0)
            {
                return new PackageResolution(cached, FromCache: true, projectDirectory);
            }

            var resolved = await RunRestoreAsync(projectDirectory, packages, sources, cancellationToken).ConfigureAwait(false);
            var stale = LocalPackageFreshness.FindStale(resolved, localSources);
            if (stale.Count > 0)
            {
                foreach (var package in stale)
                {
                    Directory.Delete(package.Directory, recursive: true);
                }

                resolved = await RunRestoreAsync(projectDirectory, packages, sources, cancellationToken).ConfigureAwait(false);
                stale = LocalPackageFreshness.FindStale(resolved, localSources);
                if (stale.Count > 0)
                {
                    throw new PackageRestoreException(
                        $"The cached copy of {string.Join(", ", stale.Select(p => $"{p.Id} {p.Version}"))} still differs from the package in {string.Join(", ", localSources)} after refreshing it; delete {PackagesDirectory} and try again.");
                }
            }

            WriteAtomically(resolutionFile, JsonSerializer.Serialize(resolved));
            return new PackageResolution(resolved, FromCache: false, projectDirectory);
        }
        finally
        {
            ProcessGate.Release();
        }
    }

    private async Task<IReadOnlyList<ResolvedPackage>> RunRestoreAsync(string projectDirectory, IReadOnlyList<PackageSpec> packages, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        WriteProject(projectDirectory, packages, sources);
        var obj = Path.Combine(projectDirectory, "obj");
        if (Directory.Exists(obj))
        {
            Directory.Delete(obj, recursive: true);
        }

        var (exitCode, output) = await DotnetCli.RunAsync(_dotnet, ["restore", "restore.csproj", "--nologo", "-v:q"], projectDirectory, cancellationToken).ConfigureAwait(false);
        var assetsPath = Path.Combine(obj, "project.assets.json");
        ProjectAssets? assets = File.Exists(assetsPath) ? ProjectAssets.Load(assetsPath) : null;
        if (exitCode != 0 || assets is null || assets.Errors.Count > 0)
        {
            throw new PackageRestoreException(DescribeFailure(packages, sources, assets, output));
        }

        return assets.Packages(RuntimeIds.Fallbacks);
    }

    private static string DescribeFailure(IReadOnlyList<PackageSpec> packages, IReadOnlyList<string> requestedSources, ProjectAssets? assets, string output)
    {
        var sources = assets?.Sources is { Count: > 0 } used ? used : requestedSources;
        var sourceList = sources.Count > 0 ? string.Join(", ", sources) : "the configured NuGet sources";
        var errors = assets?.Errors ?? [];
        if (errors.Count == 0)
        {
            var tail = string.Join(Environment.NewLine, output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).TakeLast(15));
            return $"Could not restore NuGet packages {string.Join("; ", packages)} from {sourceList}: dotnet restore failed.{Environment.NewLine}{tail}";
        }

        var lines = new List<string>();
        foreach (var (code, message, libraryId) in errors)
        {
            var spec = packages.FirstOrDefault(p => string.Equals(p.Id, libraryId, StringComparison.OrdinalIgnoreCase));
            lines.Add(spec is null
                ? $"{code}: {message}"
                : $"Could not restore NuGet package '{spec.Id}' version {spec.Version ?? "(latest)"} from sources: {sourceList}. {code}: {message}");
        }

        return string.Join(Environment.NewLine, lines.Distinct());
    }

    private void WriteProject(string directory, IReadOnlyList<PackageSpec> packages, IReadOnlyList<string> sources)
    {
        var additionalSources = string.Join(";", sources.Select(s => IsUrl(s) ? s : Path.GetFullPath(s)));
        var project = new XElement("Project",
            new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", TargetFramework),
                new XElement("RestorePackagesPath", PackagesDirectory),
                new XElement("RestoreAdditionalProjectSources", additionalSources),
                new XElement("ManagePackageVersionsCentrally", "false"),
                new XElement("NuGetAudit", "false"),
                new XElement("TreatWarningsAsErrors", "false"),
                new XElement("DisableImplicitNuGetFallbackFolder", "true")),
            new XElement("ItemGroup", packages.Select(p =>
                new XElement("PackageReference", new XAttribute("Include", p.Id), new XAttribute("Version", p.VersionRange)))));
        WriteAtomically(Path.Combine(directory, "restore.csproj"), project.ToString());

        // Stop MSBuild from importing a Directory.Build.props or central package versions from folders above.
        WriteAtomically(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        WriteAtomically(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
        WriteAtomically(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
    }

    private static IReadOnlyList<ResolvedPackage>? ReadCached(string resolutionFile)
    {
        if (!File.Exists(resolutionFile))
        {
            return null;
        }

        try
        {
            var packages = JsonSerializer.Deserialize<ResolvedPackage[]>(File.ReadAllText(resolutionFile));
            var complete = packages is not null && packages.All(p =>
                Directory.Exists(p.Directory)
                && p.CompileAssemblies.Concat(p.RuntimeAssemblies).Concat(p.NativeLibraries).Concat(p.ExtensionAssemblies).All(File.Exists));
            return complete ? packages : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<IDisposable> AcquireMachineLockAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, "restore.lock");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Key(IReadOnlyList<PackageSpec> packages, IReadOnlyList<string> sources)
    {
        var text = new StringBuilder(TargetFramework).Append('\n');
        foreach (var package in packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(package.Id.ToLowerInvariant()).Append('@').Append(package.VersionRange).Append('\n');
        }

        foreach (var source in sources.Select(s => IsUrl(s) ? s : Path.GetFullPath(s)).Order(StringComparer.Ordinal))
        {
            text.Append(source).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    internal static bool IsUrl(string source) => source.Contains("://", StringComparison.Ordinal);

    internal static void WriteAtomically(string path, string contents)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllText(temp, contents);
        File.Move(temp, path, overwrite: true);
    }
}
