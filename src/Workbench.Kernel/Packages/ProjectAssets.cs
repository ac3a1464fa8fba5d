using System.Text.Json;

namespace Workbench.Kernel.Packages;

/// <summary>Reads what <c>dotnet restore</c> wrote to obj/project.assets.json: packages, their assets, sources and errors.</summary>
internal sealed class ProjectAssets
{
    private readonly JsonElement _root;

    private ProjectAssets(JsonElement root) => _root = root;

    public static ProjectAssets Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        return new ProjectAssets(document.RootElement.Clone());
    }

    /// <summary>The sources restore used (from project.restore.sources).</summary>
    public IReadOnlyList<string> Sources =>
        _root.TryGetProperty("project", out var project)
        && project.TryGetProperty("restore", out var restore)
        && restore.TryGetProperty("sources", out var sources)
            ? sources.EnumerateObject().Select(p => p.Name).ToArray()
            : [];

    /// <summary>Restore's error messages: (code, message, the package they concern).</summary>
    public IReadOnlyList<(string Code, string Message, string? LibraryId)> Errors =>
        _root.TryGetProperty("logs", out var logs)
            ? logs.EnumerateArray()
                .Where(l => l.TryGetProperty("level", out var level) && level.GetString() == "Error")
                .Select(l => (
                    l.TryGetProperty("code", out var c) ? c.GetString() ?? string.Empty : string.Empty,
                    l.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty,
                    l.TryGetProperty("libraryId", out var id) ? id.GetString() : null))
                .ToArray()
            : [];

    public IReadOnlyList<ResolvedPackage> Packages(IReadOnlyList<string> runtimeIds)
    {
        var folder = _root.GetProperty("packageFolders").EnumerateObject().First().Name;
        var libraries = _root.GetProperty("libraries");
        var target = _root.GetProperty("targets").EnumerateObject().First(t => !t.Name.Contains('/', StringComparison.Ordinal)).Value;
        var packages = new List<ResolvedPackage>();
        foreach (var entry in target.EnumerateObject())
        {
            if (entry.Value.TryGetProperty("type", out var type) && type.GetString() != "package")
            {
                continue;
            }

            var library = libraries.GetProperty(entry.Name);
            var directory = Path.GetFullPath(Path.Combine(folder, library.GetProperty("path").GetString()!));
            var slash = entry.Name.IndexOf('/', StringComparison.Ordinal);
            var (runtime, native) = RuntimeSpecific(entry.Value, runtimeIds);
            var runtimeAssemblies = Assets(entry.Value, "runtime").ToList();
            if (runtime.Count > 0)
            {
                var replaced = runtime.Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
                runtimeAssemblies.RemoveAll(a => replaced.Contains(Path.GetFileName(a)));
                runtimeAssemblies.AddRange(runtime);
            }

            var files = library.TryGetProperty("files", out var list) ? list.EnumerateArray().Select(f => f.GetString()!).ToArray() : [];
            packages.Add(new ResolvedPackage(
                entry.Name[..slash],
                entry.Name[(slash + 1)..],
                directory,
                Assets(entry.Value, "compile").Select(a => Full(directory, a)).ToArray(),
                runtimeAssemblies.Select(a => Full(directory, a)).ToArray(),
                Assets(entry.Value, "native").Concat(native).Select(a => Full(directory, a)).ToArray(),
                files.Where(f => f.StartsWith("interactive-extensions/dotnet/", StringComparison.OrdinalIgnoreCase) && f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    .Select(f => Full(directory, f))
                    .ToArray()));
        }

        return packages;
    }

    private static IEnumerable<string> Assets(JsonElement package, string section) =>
        package.TryGetProperty(section, out var assets)
            ? assets.EnumerateObject().Select(a => a.Name).Where(a => !a.EndsWith("/_._", StringComparison.Ordinal))
            : [];

    /// <summary>runtimeTargets for the most specific runtime identifier this machine matches, by asset type.</summary>
    private static (List<string> Runtime, List<string> Native) RuntimeSpecific(JsonElement package, IReadOnlyList<string> runtimeIds)
    {
        var runtime = new List<string>();
        var native = new List<string>();
        if (!package.TryGetProperty("runtimeTargets", out var targets))
        {
            return (runtime, native);
        }

        var entries = targets.EnumerateObject()
            .Select(t => (Path: t.Name, Type: t.Value.GetProperty("assetType").GetString(), Rid: t.Value.GetProperty("rid").GetString()))
            .Where(t => !t.Path.EndsWith("/_._", StringComparison.Ordinal))
            .ToArray();
        foreach (var (assetType, into) in new[] { ("runtime", runtime), ("native", native) })
        {
            var candidates = entries.Where(e => e.Type == assetType).ToArray();
            var best = runtimeIds.FirstOrDefault(rid => candidates.Any(c => c.Rid == rid));
            if (best is not null)
            {
                into.AddRange(candidates.Where(c => c.Rid == best).Select(c => c.Path));
            }
        }

        return (runtime, native);
    }

    private static string Full(string directory, string relative) => Path.GetFullPath(Path.Combine(directory, relative));
}
