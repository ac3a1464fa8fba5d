using System.Reflection;
using Workbench.Kernel.Formatting;

namespace Workbench.Kernel.Packages;

/// <summary>
/// Honours a package's <c>interactive-extensions/dotnet</c> folder: loads its assemblies and registers their formatter
/// sources (public types with a parameterless constructor and <c>CreateTypeFormatters()</c>) with one engine's
/// registry, so per-session formatter state stays per session. An <c>extension.dib</c> in that folder is for legacy
/// .NET Interactive and is not run: everything it would do is the formatter registration done here.
/// </summary>
internal static class ExtensionLoader
{
    public sealed record Loaded(string AssemblyName, int Formatters, IReadOnlyList<string> Warnings);

    public static Loaded Load(string assemblyPath, FormatterRegistry registry)
    {
        var warnings = new List<string>();
        var assembly = AssemblyResolution.Load(assemblyPath);
        if (assembly.Location.Length > 0 && !SameBuild(assembly, assemblyPath))
        {
            warnings.Add($"{assembly.GetName().Name} was already loaded in this process from {assembly.Location}, an older or different build than {assemblyPath}; restart the kernel to use the new one.");
        }

        var count = 0;
        foreach (var source in FormatterSources.FindIn(assembly))
        {
            try
            {
                var (registered, problems) = registry.RegisterSource(source);
                count += registered;
                warnings.AddRange(problems);
            }
            catch (Exception e) when (e is InvalidOperationException or MissingMethodException or TargetInvocationException or TypeLoadException)
            {
                warnings.Add($"The formatter source {source.FullName} in {Path.GetFileName(assemblyPath)} failed: {e.Message}");
            }
        }

        return new Loaded(assembly.GetName().Name!, count, warnings);
    }

    private static bool SameBuild(Assembly loaded, string path)
    {
        try
        {
            return ModuleIds.Of(path) == loaded.ManifestModule.ModuleVersionId;
        }
        catch (BadImageFormatException)
        {
            return true;
        }
    }
}
