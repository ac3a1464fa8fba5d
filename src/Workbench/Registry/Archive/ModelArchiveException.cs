namespace Workbench.Registry.Archive;

/// <summary>A model archive that cannot be imported: names the archive and the entry at fault. Nothing was registered.</summary>
public sealed class ModelArchiveException(string archive, string problem)
    : IOException($"Model archive {archive}: {problem} Nothing was registered.")
{
    public string Archive { get; } = archive;
}
