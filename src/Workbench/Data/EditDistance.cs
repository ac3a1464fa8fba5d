namespace Workbench.Data;

/// <summary>Closest-name suggestions for a mistyped column name (optimal string alignment distance).</summary>
internal static class EditDistance
{
    /// <summary>Insertions, deletions, substitutions and adjacent swaps to turn <paramref name="a"/> into <paramref name="b"/>, ignoring case.</summary>
    public static int Between(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>Up to <paramref name="limit"/> candidates nearest to <paramref name="name"/>, nearest first; a candidate that contains the name, or is contained in it, counts as near.</summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates, int limit = 3)
    {
        var threshold = Math.Max(2, name.Length / 3);
        return candidates
            .Select(c => (Name: c, Distance: Math.Min(Between(name, c), PrefixDistance(name, c))))
            .Where(c => c.Distance <= threshold
                || c.Name.Contains(name, StringComparison.OrdinalIgnoreCase)
                || (name.Length >= 3 && name.Contains(c.Name, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(limit)
            .Select(c => c.Name)
            .ToArray();
    }

    // A name typed short, or mistyped at its start: compared with the candidate cut to its length ('readmited' ~ 'readmitted_30d').
    private static int PrefixDistance(string name, string candidate) =>
        candidate.Length > name.Length ? Between(name, candidate[..name.Length]) + 1 : int.MaxValue;

    /// <summary>"no column 'x' in the frame; did you mean 'a', 'b'?" with the available names when nothing is close.</summary>
    public static string MissingMessage(string what, string name, IReadOnlyCollection<string> available)
    {
        var closest = Closest(name, available);
        if (closest.Count > 0)
        {
            return $"no {what} '{name}'; did you mean {string.Join(", ", closest.Select(c => $"'{c}'"))}?";
        }

        var shown = available.Take(12).Select(c => $"'{c}'");
        var more = available.Count > 12 ? $", ... ({available.Count} in all)" : string.Empty;
        return available.Count == 0
            ? $"no {what} '{name}': there are none."
            : $"no {what} '{name}'; the {what}s are {string.Join(", ", shown)}{more}.";
    }
}
