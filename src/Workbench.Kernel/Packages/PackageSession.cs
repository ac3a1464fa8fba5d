using Microsoft.CodeAnalysis;
using Workbench.Kernel.Execution;

namespace Workbench.Kernel.Packages;

/// <summary>
/// One engine's references: package sources added with <c>#i</c>, assemblies from <c>#r "x.dll"</c>, and the
/// cumulative package set of <c>#r "nuget: ..."</c>, restored as a whole so dependency versions agree.
/// </summary>
internal sealed class PackageSession(ExecutionEngine engine)
{
    private readonly List<PackageSpec> _packages = [];
    private readonly List<string> _sources = [];
    private readonly HashSet<string> _referenced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _extensions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _installed = new(StringComparer.OrdinalIgnoreCase);
    private NuGetRestorer? _restorer;

    public sealed record InstallReport(
        IReadOnlyList<(string Id, string Version)> Installed,
        IReadOnlyList<(string Assembly, int Formatters)> Extensions,
        IReadOnlyList<string> Warnings,
        bool FromCache);

    public IReadOnlyList<string> Sources => _sources;

    public IReadOnlyDictionary<string, string> Installed => _installed;

    public NuGetRestorer Restorer => _restorer ??= new NuGetRestorer(engine.Options.WorkbenchHome, engine.Options.DotnetPath);

    /// <summary>Adds a package source: a feed URL, a file:// URL or a folder (relative to the notebook's folder).</summary>
    public string AddSource(string source)
    {
        string resolved;
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            resolved = uri.LocalPath;
        }
        else if (NuGetRestorer.IsUrl(source))
        {
            resolved = source;
        }
        else
        {
            resolved = Path.GetFullPath(Path.Combine(engine.Options.BaseDirectory, ExpandHome(source)));
        }

        if (!NuGetRestorer.IsUrl(resolved) && !Directory.Exists(resolved))
        {
            throw new DirectoryNotFoundException($"#i: the package folder {resolved} does not exist (relative sources start at {engine.Options.BaseDirectory}).");
        }

        if (!_sources.Contains(resolved, StringComparer.Ordinal))
        {
            _sources.Add(resolved);
        }

        return resolved;
    }

    /// <summary>References an assembly file; its dependencies are looked for in the same folder.</summary>
    public string AddAssembly(string path)
    {
        var full = Path.GetFullPath(Path.Combine(engine.Options.BaseDirectory, ExpandHome(path)));
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"#r: the assembly {full} does not exist (relative paths start at {engine.Options.BaseDirectory}).", full);
        }

        if (_referenced.Add(full))
        {
            AssemblyResolution.RegisterAssembly(full);
            AssemblyResolution.RegisterProbeDirectory(Path.GetDirectoryName(full)!);
            engine.AddReferences([MetadataReference.CreateFromFile(full)]);
        }

        return full;
    }

    public async Task<InstallReport> AddPackagesAsync(IReadOnlyList<PackageSpec> requested, CancellationToken cancellationToken)
    {
        var added = new List<PackageSpec>();
        foreach (var spec in requested)
        {
            var existing = _packages.FirstOrDefault(p => string.Equals(p.Id, spec.Id, StringComparison.OrdinalIgnoreCase));
            if (existing is null)
            {
                added.Add(spec);
            }
            else if (spec.Version is not null && existing.Version != spec.Version)
            {
                var loaded = _installed.TryGetValue(spec.Id, out var version) ? version : existing.VersionRange;
                throw new PackageRestoreException(
                    $"{spec.Id} {loaded} is already loaded in this session; a session holds one version of a package, so restart the kernel to use {spec.Version}.");
            }
        }

        if (added.Count == 0)
        {
            return new InstallReport([], [], [], FromCache: true);
        }

        var set = _packages.Concat(added).ToArray();
        var resolution = await Restorer.RestoreAsync(set, _sources, cancellationToken).ConfigureAwait(false);
        _packages.AddRange(added);
        return Apply(resolution);
    }

    private InstallReport Apply(PackageResolution resolution)
    {
        var installed = new List<(string, string)>();
        var extensions = new List<(string, int)>();
        var warnings = new List<string>();
        var references = new List<MetadataReference>();
        foreach (var package in resolution.Packages)
        {
            if (_installed.TryGetValue(package.Id, out var previous))
            {
                if (previous != package.Version)
                {
                    warnings.Add($"{package.Id} resolved to {package.Version} now, but {previous} is already loaded; restart the kernel to use {package.Version}.");
                }

                continue;
            }

            _installed[package.Id] = package.Version;
            installed.Add((package.Id, package.Version));
            foreach (var path in package.RuntimeAssemblies)
            {
                AssemblyResolution.RegisterAssembly(path);
                var name = Path.GetFileNameWithoutExtension(path);
                if (!ScriptReferences.IsFrameworkAssembly(name) && AssemblyResolution.HostCopy(name) is { } host && !SameFile(host, path))
                {
                    warnings.Add($"{name} from {package.Id} {package.Version} is not the build this process runs: the host ships its own {host}, which is the one loaded. Types or members missing from the host's build will fail to load; run a host built from the same sources.");
                }
            }

            foreach (var path in package.NativeLibraries)
            {
                AssemblyResolution.RegisterNativeLibrary(path);
            }

            foreach (var path in package.CompileAssemblies)
            {
                if (!ScriptReferences.IsFrameworkAssembly(Path.GetFileNameWithoutExtension(path)) && _referenced.Add(path))
                {
                    references.Add(MetadataReference.CreateFromFile(path));
                }
            }
        }

        engine.AddReferences(references);

        // Extensions load after every package of the set is registered, so their dependencies resolve.
        foreach (var path in resolution.Packages.Where(p => installed.Contains((p.Id, p.Version))).SelectMany(p => p.ExtensionAssemblies))
        {
            if (!_extensions.Add(Path.GetFileNameWithoutExtension(path)))
            {
                continue;
            }

            try
            {
                var loaded = ExtensionLoader.Load(path, engine.Formatters);
                extensions.Add((loaded.AssemblyName, loaded.Formatters));
                warnings.AddRange(loaded.Warnings);
            }
            catch (Exception e) when (e is FileLoadException or BadImageFormatException or FileNotFoundException or TypeLoadException)
            {
                warnings.Add($"The extension {path} could not be loaded: {e.Message}");
            }
        }

        return new InstallReport(installed, extensions, warnings, resolution.FromCache);
    }

    private static bool SameFile(string first, string second)
    {
        try
        {
            return Packages.ModuleIds.Of(first) == Packages.ModuleIds.Of(second);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
