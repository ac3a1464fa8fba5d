namespace Workbench.Tracking;

/// <summary>
/// Names of parameters, metrics and tags follow MLflow's rule: 1-250 characters of letters, digits,
/// underscores, dashes, periods, spaces, colons and slashes, with no <c>..</c> and no leading slash.
/// </summary>
public static class KeyRules
{
    public const int MaxKeyLength = 250;
    public const int MaxTagValueLength = 8000;

    /// <summary>Returns <paramref name="key"/> or throws an error naming the <paramref name="what"/> (e.g. "metric").</summary>
    public static string Validate(string? key, string what)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"A {what} name cannot be empty.", nameof(key));
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"The {what} name '{key[..40]}…' has {key.Length} characters; the limit is {MaxKeyLength}.", nameof(key));
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ' ' or ':' or '/'))
            {
                throw new ArgumentException(
                    $"The {what} name '{key}' has '{c}' at position {i + 1}; names may contain letters, digits, '_', '-', '.', ' ', ':' and '/'.", nameof(key));
            }
        }

        if (key.StartsWith('/') || key.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {what} name '{key}' may not start with '/' or contain '..'.", nameof(key));
        }

        return key;
    }

    public static string ValidateTagValue(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(value, $"tag '{key}'");
        if (value.Length > MaxTagValueLength)
        {
            throw new ArgumentException($"Tag '{key}' has a {value.Length}-character value; the limit is {MaxTagValueLength}.", nameof(value));
        }

        return value;
    }

    /// <summary>
    /// Checks a run artifact path: relative, forward slashes, no empty / <c>.</c> / <c>..</c> segments.
    /// Returns it normalised (backslashes are refused rather than guessed at).
    /// </summary>
    public static string ValidateArtifactPath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("An artifact path cannot be empty.", nameof(path));
        }

        if (path.StartsWith('/') || path.Contains('\\') || path.Contains(':') || path.EndsWith('/'))
        {
            throw new ArgumentException($"Artifact path '{path}' must be relative, use '/' between folders and name a file.", nameof(path));
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.Any(char.IsControl))
            {
                throw new ArgumentException($"Artifact path '{path}' has an empty, '.', '..' or control-character segment.", nameof(path));
            }
        }

        return path;
    }
}
