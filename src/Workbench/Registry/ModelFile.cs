namespace Workbench.Registry;

/// <summary>What part of a model version a file is.</summary>
public static class ModelFileRole
{
    public const string Model = "model";
    public const string FeaturePipeline = "feature-pipeline";
    public const string Schema = "schema";
    public const string Signature = "signature";
}

/// <summary>
/// One file of a model version, frozen at registration: its path in the archive / <c>/opt/ml/model</c> layout,
/// its role, the artifact kind and path it came from, and its content hash.
/// </summary>
public sealed record ModelFile(string Path, string Role, string Kind, string Sha256, long Size, string SourcePath);
