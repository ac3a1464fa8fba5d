namespace Workbench.Tracking.Artifacts;

/// <summary>A stored object whose bytes no longer hash to its address: the file was changed or damaged on disk.</summary>
public sealed class ArtifactCorruptedException(string artifact, string expectedSha256, string actualSha256, string objectPath)
    : IOException(
        $"Artifact '{artifact}' is corrupt: expected sha256 {expectedSha256}, but the stored bytes hash to {actualSha256} ({objectPath}).")
{
    public string Artifact { get; } = artifact;

    public string ExpectedSha256 { get; } = expectedSha256;

    public string ActualSha256 { get; } = actualSha256;

    public string ObjectPath { get; } = objectPath;
}

/// <summary>A referenced object that is not in the store (deleted by hand, or a store copied without its artifacts).</summary>
public sealed class ArtifactMissingException(string artifact, string sha256, string objectPath)
    : FileNotFoundException($"Artifact '{artifact}' (sha256 {sha256}) is missing from the artifact store: {objectPath} does not exist.", objectPath)
{
    public string Artifact { get; } = artifact;

    public string Sha256 { get; } = sha256;
}
