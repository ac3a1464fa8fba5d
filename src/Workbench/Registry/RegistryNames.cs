using System.Text.RegularExpressions;

namespace Workbench.Registry;

/// <summary>Rules for model names and aliases (MLflow's reserved aliases included).</summary>
public static partial class RegistryNames
{
    public const string Champion = "champion";
    public const string Challenger = "challenger";

    public static string ValidateModelName(string? name)
    {
        if (name is null || !ModelNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Model name '{name}' must start with a letter or digit and have 1-200 letters, digits, '-', '_' or '.'.", nameof(name));
        }

        return name;
    }

    public static string ValidateAlias(string? alias)
    {
        if (alias is null || !AliasPattern().IsMatch(alias))
        {
            throw new ArgumentException($"Alias '{alias}' must start with a letter and have 1-64 letters, digits, '-' or '_'.", nameof(alias));
        }

        if (alias.Equals("latest", StringComparison.OrdinalIgnoreCase) || VersionPattern().IsMatch(alias))
        {
            throw new ArgumentException($"Alias '{alias}' is reserved ('latest' and 'v<number>' name versions directly).", nameof(alias));
        }

        return alias;
    }

    /// <summary>Reads "3", "v3" as version 3; anything else is not a version number.</summary>
    public static bool TryParseVersion(string text, out int version)
    {
        var digits = VersionPattern().IsMatch(text) ? text[1..] : text;
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version) && version > 0;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")]
    private static partial Regex ModelNamePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex AliasPattern();

    [GeneratedRegex("^[vV][0-9]+$")]
    private static partial Regex VersionPattern();
}
