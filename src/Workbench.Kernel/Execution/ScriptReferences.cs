using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace Workbench.Kernel.Execution;

/// <summary>
/// The metadata references every cell compiles against: all of the shared framework (so any BCL namespace works
/// without <c>#r</c>) and this kernel. Created once per process; Roslyn caches their metadata.
/// </summary>
internal static class ScriptReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(LoadFramework);
    private static readonly Lazy<HashSet<string>> FrameworkNames = new(() =>
        new HashSet<string>(FrameworkFiles().Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase));

    public static ImmutableArray<MetadataReference> Framework => FrameworkReferences.Value;

    /// <summary>Whether an assembly of this simple name ships with the shared framework (a package's copy is then skipped).</summary>
    public static bool IsFrameworkAssembly(string simpleName) => FrameworkNames.Value.Contains(simpleName);

    public static MetadataReference For(Assembly assembly) => MetadataReference.CreateFromFile(assembly.Location);

    private static ImmutableArray<MetadataReference> LoadFramework() =>
        [.. FrameworkFiles().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)), For(typeof(ScriptReferences).Assembly)];

    private static IEnumerable<string> FrameworkFiles()
    {
        var directory = RuntimeEnvironment.GetRuntimeDirectory();
        return Directory.EnumerateFiles(directory, "*.dll")
            .Where(IsManagedAssembly)
            .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.DiaSymReader.Native", StringComparison.OrdinalIgnoreCase))
            .OrderBy(path => path, StringComparer.Ordinal);
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
