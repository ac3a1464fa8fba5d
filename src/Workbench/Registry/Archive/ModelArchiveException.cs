namespace Workbench.Registry.Archive;

/// <summary>A model archive or model folder that cannot be used: names the archive and the entry at fault, and says what was not done.</summary>
public sealed class ModelArchiveException : IOException
{
    /// <summary>An archive refused on import: nothing was registered.</summary>
    public ModelArchiveException(string archive, string problem)
        : this(archive, problem, "Nothing was registered.")
    {
    }

    /// <summary>An archive or folder refused; <paramref name="consequence"/> says what was not done ("Nothing was extracted.").</summary>
    public ModelArchiveException(string archive, string problem, string consequence)
        : base($"Model archive {archive}: {problem} {consequence}")
    {
        Archive = archive;
    }

    public string Archive { get; }
}
