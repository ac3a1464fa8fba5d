namespace Workbench.Registry;

/// <summary>A registered model name the registry does not hold.</summary>
public sealed class ModelNotFoundException(string name, IEnumerable<string>? known = null)
    : KeyNotFoundException($"No registered model '{name}'.{Known(known)}")
{
    public string ModelName { get; } = name;

    private static string Known(IEnumerable<string>? known) =>
        known?.ToList() is { Count: > 0 } list ? $" Registered models: {string.Join(", ", list.Take(20))}." : string.Empty;
}

/// <summary>A version number that the model does not have.</summary>
public sealed class ModelVersionNotFoundException(string name, int version, int latest)
    : KeyNotFoundException(latest == 0
        ? $"Model '{name}' has no versions yet (asked for version {version})."
        : $"Model '{name}' has no version {version}; its versions are 1 to {latest}.")
{
    public string ModelName { get; } = name;

    public int Version { get; } = version;
}

/// <summary>An alias that points nowhere.</summary>
public sealed class AliasNotFoundException(string name, string alias, IEnumerable<string> existing)
    : KeyNotFoundException($"Model '{name}' has no alias '{alias}'.{Existing(existing)}")
{
    public string ModelName { get; } = name;

    public string Alias { get; } = alias;

    private static string Existing(IEnumerable<string> existing) =>
        existing.ToList() is { Count: > 0 } list ? $" Its aliases: {string.Join(", ", list)}." : " It has no aliases.";
}
