using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// One column's categories as the encoders learn them: the distinct values sorted as scikit-learn sorts them
/// (numerically for numbers, ordinally for text) or as the user listed them, then the missing value as a last
/// category when it occurred at fit time and <see cref="MissingIsCategory"/> is allowed; with the rows seen per category.
/// </summary>
internal sealed class CategorySet
{
    /// <summary>The code for a value that is not a category.</summary>
    public const int Unknown = -1;

    /// <summary>The code for a missing value when missing is not a category.</summary>
    public const int Missing = -2;

    private readonly Dictionary<string, int> _index;

    public CategorySet(string column, string[] categories, bool missingIsCategory, long[] counts)
    {
        Column = column;
        Categories = categories;
        MissingIsCategory = missingIsCategory;
        Counts = counts;
        _index = new Dictionary<string, int>(categories.Length, StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            if (!_index.TryAdd(categories[i], i))
            {
                throw new ArgumentException($"column '{column}': category '{categories[i]}' is listed twice.");
            }
        }
    }

    public string Column { get; }

    /// <summary>The known values (without the missing category).</summary>
    public string[] Categories { get; }

    /// <summary>Whether missing values form the last category (code <c>Categories.Length</c>).</summary>
    public bool MissingIsCategory { get; }

    /// <summary>Rows per category at fit time (the missing category last, when there is one).</summary>
    public long[] Counts { get; }

    /// <summary>Categories including the missing one.</summary>
    public int Size => Categories.Length + (MissingIsCategory ? 1 : 0);

    /// <summary>The label of category <paramref name="code"/> for feature names ("null" for the missing category).</summary>
    public string Label(int code) => code < Categories.Length ? Categories[code] : "null";

    /// <summary>Learns the categories of a column; <paramref name="given"/> fixes them (and their order) instead.</summary>
    public static CategorySet Fit(Column column, IReadOnlyList<string>? given, bool allowMissingCategory, string transform)
    {
        var labels = FeatureColumns.LabelsOf(column);
        var counts = labels.Counts();
        var categories = given?.ToArray()
            ?? FeatureColumns.SortedCategories(labels.Texts.Where((_, i) => counts[i] > 0), labels.Numeric);
        var missingRows = labels.Codes.LongCount(c => c < 0);
        var set = new CategorySet(column.Name, categories, allowMissingCategory && missingRows > 0, new long[categories.Length + (allowMissingCategory && missingRows > 0 ? 1 : 0)]);
        var map = labels.MapTo(set._index);
        for (var i = 0; i < map.Length; i++)
        {
            if (map[i] >= 0)
            {
                set.Counts[map[i]] += counts[i];
            }
            else if (counts[i] > 0)
            {
                var unknown = labels.Texts.Where((t, j) => map[j] < 0 && counts[j] > 0).Take(5).Select(t => $"'{t}'");
                throw new ArgumentException($"{transform}: column '{column.Name}' has values outside the categories given for it: {string.Join(", ", unknown)}.");
            }
        }

        if (set.MissingIsCategory)
        {
            set.Counts[^1] = missingRows;
        }

        return set;
    }

    /// <summary>
    /// The category code of every row: 0..Size-1, <see cref="Unknown"/> for values not seen at fit time,
    /// <see cref="Missing"/> for missing values when missing is not a category.
    /// </summary>
    public int[] Encode(Column column, out UnknownValues unknown)
    {
        var labels = FeatureColumns.LabelsOf(column);
        var map = labels.MapTo(_index);
        var codes = new int[labels.Codes.Length];
        var missingCode = MissingIsCategory ? Categories.Length : Missing;
        unknown = new UnknownValues(column.Name);
        for (var i = 0; i < codes.Length; i++)
        {
            var local = labels.Codes[i];
            if (local < 0)
            {
                codes[i] = missingCode;
                continue;
            }

            var code = map[local];
            if (code < 0)
            {
                unknown.Add(labels.Texts[local], i);
            }

            codes[i] = code;
        }

        return codes;
    }

    public JsonState ToJson() => new JsonState()
        .Set("categories", Categories)
        .Set("missing_is_category", MissingIsCategory)
        .Set("counts", Counts);

    public static CategorySet FromJson(StateReader state, string column)
    {
        var categories = state.StringArray("categories");
        var missing = state.Bool("missing_is_category");
        var counts = state.Int64s("counts", categories.Length + (missing ? 1 : 0));
        try
        {
            return new CategorySet(column, categories, missing, counts);
        }
        catch (ArgumentException e)
        {
            throw state.Fail("categories", e.Message);
        }
    }
}

/// <summary>Values met at transform time that were not categories at fit time: how many rows, and the first few values with a row each.</summary>
internal sealed class UnknownValues(string column)
{
    private readonly Dictionary<string, (int Rows, int FirstRow)> _values = new(StringComparer.Ordinal);

    public string Column => column;

    public int Rows { get; private set; }

    public bool Any => Rows > 0;

    public void Add(string value, int row)
    {
        Rows++;
        _values[value] = _values.TryGetValue(value, out var seen) ? (seen.Rows + 1, seen.FirstRow) : (1, row);
    }

    /// <summary>"'telehealth' (12 rows, first at row 3), ..." for error messages.</summary>
    public string Describe() => string.Join(", ", _values.OrderByDescending(v => v.Value.Rows).ThenBy(v => v.Value.FirstRow).Take(5)
        .Select(v => $"'{v.Key}' ({v.Value.Rows} row{(v.Value.Rows == 1 ? string.Empty : "s")}, first at row {v.Value.FirstRow})"))
        + (_values.Count > 5 ? $" and {_values.Count - 5} more" : string.Empty);
}
