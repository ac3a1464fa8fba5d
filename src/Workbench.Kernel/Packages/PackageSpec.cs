namespace Workbench.Kernel.Packages;

/// <summary>A requested package: <c>#r "nuget: Id, Version"</c>. A null version means the latest stable release.</summary>
public sealed record PackageSpec(string Id, string? Version)
{
    /// <summary>The version as a PackageReference writes it: "*" for latest stable, "*-*" including prereleases.</summary>
    public string VersionRange => string.IsNullOrWhiteSpace(Version) ? "*" : Version;

    public override string ToString() => Version is null ? Id : $"{Id}, {Version}";
}

/// <summary>A restored package and the files of it this machine uses.</summary>
/// <param name="Id">As the package spells it.</param>
/// <param name="Version">The version restore chose.</param>
/// <param name="Directory">The package's folder in the cache.</param>
/// <param name="CompileAssemblies">Assemblies cells compile against (reference assemblies where the package has them).</param>
/// <param name="RuntimeAssemblies">Assemblies loaded when cells run.</param>
/// <param name="NativeLibraries">Native libraries for this OS and architecture (runtimes/&lt;rid&gt;/native).</param>
/// <param name="ExtensionAssemblies">Assemblies under interactive-extensions/dotnet: formatter sources to register.</param>
public sealed record ResolvedPackage(
    string Id,
    string Version,
    string Directory,
    IReadOnlyList<string> CompileAssemblies,
    IReadOnlyList<string> RuntimeAssemblies,
    IReadOnlyList<string> NativeLibraries,
    IReadOnlyList<string> ExtensionAssemblies);

/// <summary>The outcome of a restore: every package of the set, dependencies included.</summary>
/// <param name="Packages">The packages, dependencies included.</param>
/// <param name="FromCache">True when an earlier restore of the same set was reused without running <c>dotnet restore</c>.</param>
/// <param name="ProjectDirectory">The generated project's folder (its obj/project.assets.json is the full record).</param>
public sealed record PackageResolution(IReadOnlyList<ResolvedPackage> Packages, bool FromCache, string ProjectDirectory);

/// <summary>A package that cannot be restored; the message names the package, the version and the sources tried.</summary>
public sealed class PackageRestoreException(string message) : Exception(message);
