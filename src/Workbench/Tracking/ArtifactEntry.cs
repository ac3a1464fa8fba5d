namespace Workbench.Tracking;

/// <summary>A file a run logged: its path inside the run, what it is, and the content it points at.</summary>
public sealed record ArtifactEntry(string Path, string Kind, string Sha256, long Size, DateTimeOffset LoggedAt);
