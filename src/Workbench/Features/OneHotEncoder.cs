using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// One 0 / 1 column per category, named <c>column=category</c>, as scikit-learn 1.2's <c>OneHotEncoder</c>:
/// categories sorted (numbers numerically, text ordinally) or given; missing values are a category of their own
/// (<c>column=null</c>, last) when they occur at fit time; unknown categories fail, encode as zeros, or join the
/// infrequent category (<see cref="HandleUnknown"/>); rare categories are grouped into <c>column=infrequent</c>
/// by <see cref="MinFrequency"/> and <see cref="MaxCategories"/>; <see cref="Drop"/> removes one column per input.
/// </summary>
/// <remarks>
/// Infrequent grouping follows scikit-learn 1.2: a category is infrequent when its count is below
/// <see cref="MinFrequency"/> (a count, or a fraction of the rows); then, if more than <see cref="MaxCategories"/>
/// output columns would remain (counting one for the infrequent group), the categories with the smallest counts
/// (ties: earlier in category order first) join the group until <c>MaxCategories - 1</c> frequent ones remain.
/// Dropping happens after grouping (the first output column, which may be the infrequent group). A missing value at
/// transform time when none was seen at fit time stays missing under <see cref="UnknownCategoryPolicy.Error"/> (the
/// row's cells are missing, which an imputer before the encoder prevents and a pipeline reports), and is encoded as an
/// unknown category under the other policies.
/// Feature names use <c>=</c> where scikit-learn uses <c>_</c>, and the group is called <c>infrequent</c>, not <c>infrequent_sklearn</c>.
/// </remarks>
public sealed class OneHotEncoder : FrameTransform<OneHotEncoder>
{
    internal static readonly IReadOnlyDictionary<string, UnknownCategoryPolicy> UnknownPolicies = new Dictionary<string, UnknownCategoryPolicy>
    {
        ["error"] = UnknownCategoryPolicy.Error,
        ["ignore"] = UnknownCategoryPolicy.Ignore,
        ["infrequent_if_exist"] = UnknownCategoryPolicy.InfrequentIfExist,
    };

    internal static readonly IReadOnlyDictionary<string, DropCategory> DropPolicies = new Dictionary<string, DropCategory>
    {
        ["none"] = DropCategory.None,
        ["first"] = DropCategory.First,
        ["if_binary"] = DropCategory.IfBinary,
    };

    private Layout[] _layouts = [];
    private string[] _names = [];

    public override string Kind => "one_hot_encoder";

    public UnknownCategoryPolicy HandleUnknown { get; init; } = UnknownCategoryPolicy.Error;

    /// <summary>Categories with fewer rows than this (a count, or a fraction of the rows) are grouped as infrequent.</summary>
    public CountOrFraction? MinFrequency { get; init; }

    /// <summary>At most this many output columns per input column, the infrequent group included (at least 2).</summary>
    public int? MaxCategories { get; init; }

    public DropCategory Drop { get; init; } = DropCategory.None;

    /// <summary>Fixed categories (in this order) for some columns, by column name; other values fail at fit time.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Categories { get; init; }

    /// <summary>The categories per input column (the missing category excluded), in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> CategoriesOut => IsFitted
        ? _layouts.Select(l => (IReadOnlyList<string>)l.Set.Categories).ToArray()
        : throw NotFitted(nameof(CategoriesOut));

    /// <summary>The categories grouped as infrequent, per input column (empty when none).</summary>
    public IReadOnlyList<IReadOnlyList<string>> InfrequentCategories => IsFitted
        ? _layouts.Select(l => (IReadOnlyList<string>)Enumerable.Range(0, l.Set.Size).Where(k => l.Grouped[k]).Select(l.Set.Label).ToArray()).ToArray()
        : throw NotFitted(nameof(InfrequentCategories));

    public override string Describe()
    {
        var parts = new List<string> { $"unknown={UnknownPolicies.Single(p => p.Value == HandleUnknown).Key}" };
        if (MinFrequency is { } min)
        {
            parts.Add($"min_frequency={min}");
        }

        if (MaxCategories is { } max)
        {
            parts.Add($"max_categories={max}");
        }

        if (Drop != DropCategory.None)
        {
            parts.Add($"drop={DropPolicies.Single(p => p.Value == Drop).Key}");
        }

        return $"OneHotEncoder({string.Join(", ", parts)})";
    }

    private protected override void FitCore(Frame frame, Column? target)
    {
        if (MaxCategories is < 2)
        {
            throw new ArgumentException($"{Name}: MaxCategories must be at least 2 (one frequent category and the infrequent group), got {MaxCategories}.");
        }

        _layouts = new Layout[frame.ColumnCount];
        for (var c = 0; c < _layouts.Length; c++)
        {
            var column = frame[c];
            IReadOnlyList<string>? given = null;
            Categories?.TryGetValue(column.Name, out given);
            var set = CategorySet.Fit(column, given, allowMissingCategory: true, Name);
            _layouts[c] = new Layout(set, Infrequent(set.Counts, frame.RowCount), Drop);
        }

        _names = _layouts.SelectMany(l => l.Names).ToArray();
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var groups = new (int[] Codes, int Width)[frame.ColumnCount];
        for (var c = 0; c < groups.Length; c++)
        {
            var layout = _layouts[c];
            var codes = layout.Set.Encode(frame[c], out var unknown);
            if (unknown.Any && HandleUnknown == UnknownCategoryPolicy.Error)
            {
                throw new ArgumentException(
                    $"{Name}: column '{frame[c].Name}' has {unknown.Rows} rows with categories not seen at fit time: {unknown.Describe()}. " +
                    "Set HandleUnknown = UnknownCategoryPolicy.Ignore (all zeros) or InfrequentIfExist, or refit with these categories.");
            }

            var unknownOutput = HandleUnknown == UnknownCategoryPolicy.InfrequentIfExist ? layout.InfrequentOutput : IndicatorBlock.Zeros;
            var missingOutput = HandleUnknown == UnknownCategoryPolicy.Error ? IndicatorBlock.MissingRow : unknownOutput;
            for (var r = 0; r < codes.Length; r++)
            {
                var code = codes[r];
                codes[r] = code >= 0 ? layout.OutputOf[code] : code == CategorySet.Missing ? missingOutput : unknownOutput;
            }

            groups[c] = (codes, layout.Width);
        }

        return FeatureOutput.OneHot(new IndicatorBlock(frame.RowCount, groups, _names));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => _names;

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        parameters.Set("handle_unknown", UnknownPolicies.Single(p => p.Value == HandleUnknown).Key)
            .Set("min_frequency", MinFrequency?.ToString())
            .Set("max_categories", MaxCategories is { } max ? max : null)
            .Set("drop", DropPolicies.Single(p => p.Value == Drop).Key)
            .Set("categories", GivenToJson(Categories));
        state.Set("per_column", _layouts.Select(l => l.Set.ToJson()
            .Set("infrequent", Enumerable.Range(0, l.Set.Size).Where(k => l.Grouped[k]).Select(k => (long)k).ToArray())));
    }

    internal static OneHotEncoder Create(StateReader parameters) => new()
    {
        HandleUnknown = parameters.Choice("handle_unknown", UnknownPolicies),
        MinFrequency = parameters.OptionalString("min_frequency") is { } min ? parameters.Parse("min_frequency", min, CountOrFraction.Parse) : null,
        MaxCategories = parameters.Has("max_categories") ? parameters.Int32("max_categories", 2) : null,
        Drop = parameters.Choice("drop", DropPolicies),
        Categories = GivenFromJson(parameters, "categories"),
    };

    internal override void ReadState(StateReader state)
    {
        var items = state.Objects("per_column", FeatureNamesIn.Count);
        _layouts = new Layout[items.Count];
        for (var c = 0; c < items.Count; c++)
        {
            var set = CategorySet.FromJson(items[c], FeatureNamesIn[c]);
            var grouped = new bool[set.Size];
            foreach (var k in items[c].Int64s("infrequent"))
            {
                grouped[k is >= 0 && k < int.MaxValue && k < grouped.Length ? (int)k : throw items[c].Fail("infrequent", $"{k} is not a category index (0..{set.Size - 1})")] = true;
            }

            _layouts[c] = new Layout(set, grouped, Drop);
        }

        _names = _layouts.SelectMany(l => l.Names).ToArray();
    }

    /// <summary>Fixed categories as a JSON object (column -> list), or null.</summary>
    internal static JsonState? GivenToJson(IReadOnlyDictionary<string, IReadOnlyList<string>>? given)
    {
        if (given is null)
        {
            return null;
        }

        var json = new JsonState();
        foreach (var (column, categories) in given)
        {
            json.Set(column, categories);
        }

        return json;
    }

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>>? GivenFromJson(StateReader parameters, string key)
    {
        if (!parameters.Has(key))
        {
            return null;
        }

        var json = parameters.Object(key);
        return json.Keys.ToDictionary(k => k, k => (IReadOnlyList<string>)json.StringArray(k), StringComparer.Ordinal);
    }

    /// <summary>scikit-learn 1.2's <c>_identify_infrequent</c>.</summary>
    private bool[] Infrequent(long[] counts, long rows)
    {
        var infrequent = new bool[counts.Length];
        if (MinFrequency is { } min)
        {
            var threshold = min.Resolve(rows);
            for (var k = 0; k < counts.Length; k++)
            {
                infrequent[k] = counts[k] < threshold;
            }
        }

        var outputs = counts.Length - infrequent.Count(f => f) + 1;
        if (MaxCategories is { } max && max < outputs)
        {
            // Stable ascending sort by count: every category but the (max - 1) largest joins the group.
            var order = Enumerable.Range(0, counts.Length).OrderBy(k => counts[k]).ToArray();
            foreach (var k in order.Take(counts.Length - (max - 1)))
            {
                infrequent[k] = true;
            }
        }

        return infrequent;
    }

    /// <summary>One input column's output columns: each category's column after grouping and dropping.</summary>
    private sealed class Layout
    {
        public Layout(CategorySet set, bool[] grouped, DropCategory drop)
        {
            Set = set;
            Grouped = grouped;
            var size = set.Size;
            var before = new int[size];
            var frequent = 0;
            for (var k = 0; k < size; k++)
            {
                before[k] = grouped[k] ? -1 : frequent++;
            }

            var hasGroup = grouped.Any(g => g);
            for (var k = 0; k < size; k++)
            {
                if (grouped[k])
                {
                    before[k] = frequent;
                }
            }

            var width = frequent + (hasGroup ? 1 : 0);
            var dropped = drop switch
            {
                DropCategory.First => 0,
                DropCategory.IfBinary when width == 2 => 0,
                _ => -1,
            };
            OutputOf = before.Select(o => Shift(o, dropped)).ToArray();
            InfrequentOutput = hasGroup ? Shift(frequent, dropped) : IndicatorBlock.Zeros;
            Width = width - (dropped >= 0 && width > 0 ? 1 : 0);
            var names = new string[Width];
            for (var k = 0; k < size; k++)
            {
                if (OutputOf[k] >= 0)
                {
                    names[OutputOf[k]] = grouped[k] ? $"{set.Column}=infrequent" : $"{set.Column}={set.Label(k)}";
                }
            }

            Names = names;
        }

        public CategorySet Set { get; }

        public bool[] Grouped { get; }

        /// <summary>Output column per category code; <see cref="IndicatorBlock.Zeros"/> for the dropped one.</summary>
        public int[] OutputOf { get; }

        public int InfrequentOutput { get; }

        public int Width { get; }

        public string[] Names { get; }

        private static int Shift(int output, int dropped) =>
            dropped < 0 ? output : output == dropped ? IndicatorBlock.Zeros : output > dropped ? output - 1 : output;
    }
}
