namespace Workbench.Tracking.Storage;

/// <summary>The database was written by a newer Workbench; it is left untouched.</summary>
public sealed class SchemaVersionException : InvalidOperationException
{
    public SchemaVersionException(string path, int found, int supported)
        : base($"The Workbench store {path} has schema version {found}, newer than this Workbench understands ({supported}); " +
               "upgrade Workbench to open it. Nothing in the store was changed.")
    {
        DatabasePath = path;
        FoundVersion = found;
        SupportedVersion = supported;
    }

    public string DatabasePath { get; }

    public int FoundVersion { get; }

    public int SupportedVersion { get; }
}
