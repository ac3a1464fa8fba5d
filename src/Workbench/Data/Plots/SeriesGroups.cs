namespace Workbench.Data.Plots;

/// <summary>
/// Splits row indices by a facet key and a colour key (each optional), keys in order of first appearance,
/// so one trace per (facet, colour) pair can be drawn with a consistent colour and legend entry.
/// </summary>
internal sealed class SeriesGroups
{
    public const string MissingLabel = "(missing)";

    private SeriesGroups(IReadOnlyList<string> facets, IReadOnlyList<string> colors, Dictionary<(int Facet, int Color), List<int>> rows)
    {
        Facets = facets;
        Colors = colors;
        Rows = rows;
    }

    /// <summary>Facet labels; one empty label when there is no facet.</summary>
    public IReadOnlyList<string> Facets { get; }

    /// <summary>Colour labels; one empty label when there is no colour.</summary>
    public IReadOnlyList<string> Colors { get; }

    /// <summary>The row indices of each (facet, colour) pair that has any.</summary>
    public Dictionary<(int Facet, int Color), List<int>> Rows { get; }

    public bool HasColor => Colors.Count > 1 || Colors[0].Length > 0;

    public static SeriesGroups Create(int length, IReadOnlyList<string?>? color, IReadOnlyList<string?>? facet)
    {
        Check(length, color, nameof(color));
        Check(length, facet, nameof(facet));
        var facetIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var colorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var facets = new List<string>();
        var colors = new List<string>();
        var rows = new Dictionary<(int, int), List<int>>();
        for (var i = 0; i < length; i++)
        {
            var f = Index(facet is null ? string.Empty : facet[i] ?? MissingLabel, facetIndex, facets);
            var c = Index(color is null ? string.Empty : color[i] ?? MissingLabel, colorIndex, colors);
            if (!rows.TryGetValue((f, c), out var list))
            {
                rows[(f, c)] = list = [];
            }

            list.Add(i);
        }

        if (facets.Count == 0)
        {
            facets.Add(string.Empty);
        }

        if (colors.Count == 0)
        {
            colors.Add(string.Empty);
        }

        return new SeriesGroups(facets, colors, rows);
    }

    private static int Index(string key, Dictionary<string, int> index, List<string> keys)
    {
        if (!index.TryGetValue(key, out var position))
        {
            position = keys.Count;
            index[key] = position;
            keys.Add(key);
        }

        return position;
    }

    private static void Check(int length, IReadOnlyList<string?>? labels, string name)
    {
        if (labels is not null && labels.Count != length)
        {
            throw new ArgumentException($"{labels.Count} {name} labels for {length} values: give one label per value.", name);
        }
    }
}
