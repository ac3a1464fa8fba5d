using System.Security.Cryptography;

namespace Workbench.Kernel.Packages;

/// <summary>
/// Finds cached packages that a local folder source now holds a different build of. NuGet never re-extracts an
/// id/version it already has, and a local build (Workbench.Extension 0.1.0, repacked on every build) keeps its
/// version, so without this check users would keep running old code.
/// </summary>
internal static class LocalPackageFreshness
{
    /// <summary>Packages whose .nupkg in a local source differs from the one extracted in the cache.</summary>
    public static IReadOnlyList<ResolvedPackage> FindStale(IEnumerable<ResolvedPackage> packages, IReadOnlyList<string> localSources)
    {
        if (localSources.Count == 0)
        {
            return [];
        }

        var stale = new List<ResolvedPackage>();
        foreach (var package in packages)
        {
            var source = FindInSources(package.Id, package.Version, localSources);
            if (source is null)
            {
                continue;
            }

            var extracted = Path.Combine(package.Directory, $"{package.Id.ToLowerInvariant()}.{package.Version.ToLowerInvariant()}.nupkg.sha512");
            var cachedHash = File.Exists(extracted) ? File.ReadAllText(extracted).Trim() : null;
            if (cachedHash != Sha512(source))
            {
                stale.Add(package);
            }
        }

        return stale;
    }

    /// <summary>The .nupkg for id/version in a folder source, flat (Id.1.0.0.nupkg) or hierarchical (id/1.0.0/id.1.0.0.nupkg).</summary>
    public static string? FindInSources(string id, string version, IReadOnlyList<string> localSources)
    {
        var fileName = $"{id}.{version}.nupkg";
        foreach (var source in localSources)
        {
            if (!Directory.Exists(source))
            {
                continue;
            }

            var flat = Directory.EnumerateFiles(source, "*.nupkg")
                .FirstOrDefault(f => Path.GetFileName(f).Equals(fileName, StringComparison.OrdinalIgnoreCase));
            if (flat is not null)
            {
                return flat;
            }

            var nested = Path.Combine(source, id.ToLowerInvariant(), version.ToLowerInvariant(), fileName.ToLowerInvariant());
            if (File.Exists(nested))
            {
                return nested;
            }
        }

        return null;
    }

    /// <summary>Base64 SHA-512 of a file: what NuGet writes to &lt;id&gt;.&lt;version&gt;.nupkg.sha512.</summary>
    public static string Sha512(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToBase64String(SHA512.HashData(stream));
    }
}
