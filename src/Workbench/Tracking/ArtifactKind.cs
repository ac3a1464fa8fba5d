namespace Workbench.Tracking;

/// <summary>
/// Well-known artifact kinds. Any lowercase word is allowed; these are the ones the registry and the
/// renderers understand (a version takes its model files, feature pipeline, schema and signature by kind).
/// </summary>
public static class ArtifactKind
{
    public const string File = "file";
    public const string Model = "model";
    public const string FeaturePipeline = "feature-pipeline";
    public const string Schema = "schema";
    public const string Signature = "signature";
    public const string Frame = "frame";
    public const string Figure = "figure";
    public const string Text = "text";
    public const string Json = "json";

    /// <summary>Checks a kind: lowercase letters, digits and dashes, 1 to 40 characters.</summary>
    public static string Validate(string kind)
    {
        if (string.IsNullOrEmpty(kind) || kind.Length > 40 || !kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"Artifact kind '{kind}' must be 1-40 lowercase letters, digits or dashes (e.g. '{Model}', '{Figure}').", nameof(kind));
        }

        return kind;
    }
}
