using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Workbench.Kernel.Packages;

/// <summary>An assembly file's module version id (MVID): equal ids mean the same build, whatever the file's version says.</summary>
internal static class ModuleIds
{
    public static Guid Of(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }
}
