using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Workbench.Kernel.Packages;

/// <summary>
/// Lets the process find the assemblies and native libraries that <c>#r</c> brought in. Everything loads into the
/// default load context, so a type from a package is the same type for cells, for the package's extension and
/// for the host. Process-wide: a process holds one version of an assembly, so a different version needs a new
/// process (a kernel restart); assemblies the host already ships take precedence over a package's copy.
/// </summary>
public static class AssemblyResolution
{
    private static readonly ConcurrentDictionary<string, string> Managed = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, string> Native = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, byte> ProbeDirectories = new(StringComparer.Ordinal);
    private static int _hooked;

    /// <summary>Makes <paramref name="path"/> the file loaded for its assembly name (the first registration wins).</summary>
    public static void RegisterAssembly(string path)
    {
        Hook();
        Managed.TryAdd(Path.GetFileNameWithoutExtension(path), Path.GetFullPath(path));
    }

    /// <summary>Makes a native library findable by the names DllImport asks for (e_sqlite3 finds libe_sqlite3.so).</summary>
    public static void RegisterNativeLibrary(string path)
    {
        Hook();
        Native.TryAdd(Path.GetFileName(path), Path.GetFullPath(path));
    }

    /// <summary>Dependencies of a <c>#r</c>'d assembly are looked for beside it.</summary>
    public static void RegisterProbeDirectory(string directory)
    {
        Hook();
        ProbeDirectories.TryAdd(Path.GetFullPath(directory), 0);
    }

    private static readonly Lazy<Dictionary<string, string>> HostAssemblies = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The host's own copy of an assembly (from its deps.json), which the runtime loads instead of a package's copy
    /// of the same name; null when the host does not ship it.
    /// </summary>
    public static string? HostCopy(string simpleName) => HostAssemblies.Value.TryGetValue(simpleName, out var path) ? path : null;

    /// <summary>The assembly of that simple name already in the default context, if any.</summary>
    public static Assembly? FindLoaded(string simpleName) =>
        AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads an assembly by path unless one of that name is already loaded or shipped by the host (which then wins).</summary>
    public static Assembly Load(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        if (FindLoaded(name.Name!) is { } loaded)
        {
            return loaded;
        }

        try
        {
            // Host-shipped (trusted platform) assemblies resolve by name; anything else comes from the registered path.
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException)
        {
            var preferred = Managed.TryGetValue(name.Name!, out var registered) ? registered : path;
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(preferred);
        }
    }

    private static void Hook()
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 1)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += ResolveManaged;
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += ResolveNative;
    }

    private static Assembly? ResolveManaged(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null)
        {
            return null;
        }

        if (FindLoaded(name.Name) is { } loaded)
        {
            return loaded;
        }

        if (Managed.TryGetValue(name.Name, out var path) && File.Exists(path))
        {
            return context.LoadFromAssemblyPath(path);
        }

        foreach (var directory in ProbeDirectories.Keys)
        {
            var candidate = Path.Combine(directory, name.Name + ".dll");
            if (File.Exists(candidate))
            {
                return context.LoadFromAssemblyPath(candidate);
            }
        }

        return null;
    }

    private static IntPtr ResolveNative(Assembly assembly, string libraryName)
    {
        if (libraryName.Contains('/', StringComparison.Ordinal) || libraryName.Contains('\\', StringComparison.Ordinal))
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in NativeNames(libraryName))
        {
            if (Native.TryGetValue(candidate, out var path) && NativeLibrary.TryLoad(path, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    private static IEnumerable<string> NativeNames(string name)
    {
        yield return name;
        foreach (var prefix in new[] { "lib", string.Empty })
        {
            foreach (var suffix in new[] { ".so", ".dylib", ".dll" })
            {
                yield return prefix + name + suffix;
            }
        }
    }
}
