namespace Workbench.Serving.Models;

/// <summary>
/// Where a served model comes from, as users write it: a registry reference (<c>models:/readmission/3</c>,
/// <c>models:/readmission@champion</c>, <c>models:/readmission/latest</c>), an exported <c>model.tar.gz</c>, or a
/// folder laid out as SageMaker's <c>/opt/ml/model</c> (an extracted archive or a registry download).
/// </summary>
public abstract record ModelReference
{
    public const string RegistryScheme = "models:/";

    /// <summary>The reference as the user wrote it.</summary>
    public abstract string Text { get; }

    /// <summary>Reads a reference: <c>models:/…</c>, a path ending in <c>.tar.gz</c> / <c>.tgz</c>, or a folder.</summary>
    /// <exception cref="FormatException">A <c>models:/</c> reference without a name and a version or alias.</exception>
    public static ModelReference Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith(RegistryScheme, StringComparison.Ordinal))
        {
            return RegistryModelReference.ParseRegistry(trimmed);
        }

        return trimmed.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || trimmed.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)
            ? new ArchiveModelReference(trimmed)
            : new FolderModelReference(trimmed);
    }

    public sealed override string ToString() => Text;
}

/// <summary>A registered version: <c>models:/name/3</c>, <c>models:/name/latest</c> or <c>models:/name@alias</c>.</summary>
public sealed record RegistryModelReference(string Name, string VersionOrAlias, bool IsAlias) : ModelReference
{
    public override string Text => IsAlias ? $"{RegistryScheme}{Name}@{VersionOrAlias}" : $"{RegistryScheme}{Name}/{VersionOrAlias}";

    internal static RegistryModelReference ParseRegistry(string text)
    {
        var rest = text[RegistryScheme.Length..].Trim('/');
        var at = rest.LastIndexOf('@');
        var slash = rest.LastIndexOf('/');
        if (at > 0 && at > slash && at < rest.Length - 1)
        {
            return new RegistryModelReference(rest[..at], rest[(at + 1)..], IsAlias: true);
        }

        if (slash > 0 && slash < rest.Length - 1)
        {
            return new RegistryModelReference(rest[..slash], rest[(slash + 1)..], IsAlias: false);
        }

        throw new FormatException($"'{text}' is not a registry reference: write models:/<name>/<version>, models:/<name>/latest or models:/<name>@<alias>.");
    }
}

/// <summary>An exported <c>model.tar.gz</c>; it is unpacked (and verified) into a scratch folder before loading.</summary>
public sealed record ArchiveModelReference(string Path) : ModelReference
{
    public override string Text => Path;
}

/// <summary>A folder holding the model files (SageMaker's <c>/opt/ml/model</c> layout).</summary>
public sealed record FolderModelReference(string Path) : ModelReference
{
    public override string Text => Path;
}
