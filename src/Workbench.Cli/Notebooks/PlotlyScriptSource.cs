using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Workbench.Kernel.Execution;

namespace Workbench.Cli.Notebooks;

/// <summary>
/// Finds plotly.js for the HTML export of figures that carry no HTML of their own: the copy embedded in the
/// Workbench.Extension assembly, either loaded by the notebook that just ran or restored in the package cache.
/// The CLI does not reference the extension, so a notebook's <c>#r "nuget: Workbench.Extension"</c> gets the package's build.
/// </summary>
internal static class PlotlyScriptSource
{
    private const string AssemblyName = "Workbench.Extension";
    private const string ResourceName = "Workbench.Extension.plotly.min.js";

    public static string? Find(string workbenchHome)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == AssemblyName);
        if (loaded?.GetManifestResourceStream(ResourceName) is { } stream)
        {
            using (stream)
            using (var reader = new StreamReader(stream))
            {
                return reader.ReadToEnd();
            }
        }

        var packages = Path.Combine(workbenchHome, "nuget", "packages", AssemblyName.ToLowerInvariant());
        if (!Directory.Exists(packages))
        {
            return null;
        }

        var newest = Directory.EnumerateFiles(packages, AssemblyName + ".dll", SearchOption.AllDirectories)
            .Where(p => p.Contains($"{Path.DirectorySeparatorChar}lib{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        return newest is null ? null : ReadResource(newest, ResourceName);
    }

    /// <summary>Reads an embedded resource from an assembly file without loading it.</summary>
    internal static string? ReadResource(string assemblyPath, string resourceName)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || metadata.GetString(resource.Name) != resourceName)
            {
                continue;
            }

            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var section = pe.GetSectionData(directory.RelativeVirtualAddress).GetReader();
            section.Offset = (int)resource.Offset;
            var length = section.ReadInt32();
            return System.Text.Encoding.UTF8.GetString(section.ReadBytes(length));
        }

        return null;
    }

    /// <summary>The package cache the engine uses, for callers that only have the defaults.</summary>
    public static string DefaultHome => EngineOptions.DefaultWorkbenchHome();
}
