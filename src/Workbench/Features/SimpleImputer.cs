using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// Fills missing values per column, as scikit-learn's <c>SimpleImputer</c>: the mean, median, most frequent value or
/// a constant learnt at fit time; optionally adds a 0 / 1 <c>&lt;column&gt;_is_missing</c> indicator for every column
/// that had missing values at fit time (<c>add_indicator=True</c>, <c>features="missing-only"</c>).
/// </summary>
/// <remarks>
/// Numeric and boolean columns come out as float64; text and categorical columns (most-frequent or constant
/// strategy) keep their type, so an encoder can follow. A column with no value at all at fit time has no mean,
/// median or mode: fitting fails naming it, unless <see cref="KeepEmptyFeatures"/> is set, which fills it with
/// <see cref="FillValue"/> (default 0) or <see cref="FillText"/> (scikit-learn 1.2's <c>keep_empty_features</c>).
/// </remarks>
public sealed class SimpleImputer : FrameTransform<SimpleImputer>
{
    internal static readonly IReadOnlyDictionary<string, ImputeStrategy> Strategies = new Dictionary<string, ImputeStrategy>
    {
        ["mean"] = ImputeStrategy.Mean,
        ["median"] = ImputeStrategy.Median,
        ["most_frequent"] = ImputeStrategy.MostFrequent,
        ["constant"] = ImputeStrategy.Constant,
    };

    private double[] _numbers = [];
    private string?[] _texts = [];
    private string[] _indicators = [];

    public SimpleImputer()
    {
    }

    public SimpleImputer(ImputeStrategy strategy)
    {
        Strategy = strategy;
    }

    public override string Kind => "simple_imputer";

    public ImputeStrategy Strategy { get; init; } = ImputeStrategy.Mean;

    /// <summary>The constant for numeric columns (constant strategy, and empty columns with <see cref="KeepEmptyFeatures"/>).</summary>
    public double FillValue { get; init; }

    /// <summary>The constant for text columns.</summary>
    public string FillText { get; init; } = "missing_value";

    /// <summary>Adds a 0 / 1 <c>&lt;column&gt;_is_missing</c> column after the imputed ones for each column with missing values at fit time.</summary>
    public bool AddIndicator { get; init; }

    /// <summary>Fill a column that is entirely missing at fit time with the constant instead of failing.</summary>
    public bool KeepEmptyFeatures { get; init; }

    /// <summary>The fill value per input column: a double for numeric columns, a string for text columns.</summary>
    public IReadOnlyList<object> Statistics => IsFitted
        ? _numbers.Select((n, i) => _texts[i] is { } text ? (object)text : n).ToArray()
        : throw NotFitted(nameof(Statistics));

    /// <summary>The columns that get a missing-value indicator.</summary>
    public IReadOnlyList<string> IndicatorColumns => IsFitted ? _indicators : throw NotFitted(nameof(IndicatorColumns));

    public override string Describe() => $"SimpleImputer({Strategies.Single(s => s.Value == Strategy).Key}{(AddIndicator ? ", indicator" : string.Empty)})";

    private protected override void CheckInputTypes(Frame frame)
    {
        foreach (var column in frame.Columns)
        {
            var text = IsText(column.Type);
            if (!column.IsNumeric && !text)
            {
                throw new ArgumentException($"{Name}: column '{column.Name}' is {column.Type.DisplayName()}; impute numbers, booleans, text or categories (extract date parts with DateTimeFeatures first).");
            }

            if (text && Strategy is ImputeStrategy.Mean or ImputeStrategy.Median)
            {
                throw new ArgumentException($"{Name}: column '{column.Name}' is {column.Type.DisplayName()}; the {Strategy.ToString().ToLowerInvariant()} needs numbers: use ImputeStrategy.MostFrequent or Constant for text.");
            }
        }
    }

    private protected override void FitCore(Frame frame, Column? target)
    {
        var count = frame.ColumnCount;
        _numbers = new double[count];
        _texts = new string?[count];
        var indicators = new List<string>();
        for (var c = 0; c < count; c++)
        {
            var column = frame[c];
            if (IsText(column.Type))
            {
                _numbers[c] = double.NaN;
                _texts[c] = FitText(column);
                if (AddIndicator && column.HasNulls)
                {
                    indicators.Add(column.Name);
                }

                continue;
            }

            var values = FeatureColumns.Numbers(column, Name);
            var present = FeatureColumns.Present(values);
            _numbers[c] = FitNumber(column.Name, present);
            if (AddIndicator && present.Length < values.Length)
            {
                indicators.Add(column.Name);
            }
        }

        _indicators = [.. indicators];
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var columns = new List<Column>(frame.ColumnCount + _indicators.Length);
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            var column = frame[c];
            columns.Add(_texts[c] is { } fill ? FillLabels(column, fill) : FillNumbers(column, _numbers[c]));
        }

        foreach (var name in _indicators)
        {
            var column = frame[name];
            var flags = new double[column.Length];
            var numbers = column.IsNumeric ? FeatureColumns.Numbers(column, Name) : null;
            for (var i = 0; i < flags.Length; i++)
            {
                flags[i] = column.IsNull(i) || (numbers is not null && double.IsNaN(numbers[i])) ? 1 : 0;
            }

            columns.Add(DoubleColumn.Adopt(IndicatorName(name), flags, null));
        }

        return FeatureOutput.Dense(new Frame(columns));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => [.. FeatureNamesIn, .. _indicators.Select(IndicatorName)];

    internal static string IndicatorName(string column) => column + "_is_missing";

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        parameters.Set("strategy", Strategies.Single(s => s.Value == Strategy).Key)
            .Set("fill_value", FillValue)
            .Set("fill_text", FillText)
            .Set("add_indicator", AddIndicator)
            .Set("keep_empty_features", KeepEmptyFeatures);
        state.Set("numbers", _numbers)
            .Set("texts", _texts.Select(t => t ?? string.Empty).ToArray())
            .Set("indicators", _indicators);
    }

    internal static SimpleImputer Create(StateReader parameters) => new()
    {
        Strategy = parameters.Choice("strategy", Strategies),
        FillValue = parameters.Double("fill_value"),
        FillText = parameters.String("fill_text"),
        AddIndicator = parameters.Bool("add_indicator"),
        KeepEmptyFeatures = parameters.Bool("keep_empty_features"),
    };

    internal override void ReadState(StateReader state)
    {
        var count = FeatureNamesIn.Count;
        _numbers = state.Doubles("numbers", count);
        var texts = state.StringArray("texts", count);
        _texts = new string?[count];
        for (var i = 0; i < count; i++)
        {
            _texts[i] = IsText(FeatureTypesIn[i]) ? texts[i] : null;
            if (_texts[i] is null && double.IsNaN(_numbers[i]))
            {
                throw state.Fail($"numbers[{i}]", $"column '{FeatureNamesIn[i]}' needs a fill value, found NaN");
            }
        }

        _indicators = state.StringArray("indicators");
        foreach (var name in _indicators)
        {
            if (!FeatureNamesIn.Contains(name))
            {
                throw state.Fail("indicators", $"'{name}' is not one of the fitted columns");
            }
        }
    }

    private static bool IsText(ColumnType type) => type is ColumnType.String or ColumnType.Categorical;

    private double FitNumber(string column, double[] present)
    {
        if (Strategy == ImputeStrategy.Constant)
        {
            return FillValue;
        }

        if (present.Length == 0)
        {
            return KeepEmptyFeatures
                ? FillValue
                : throw new ArgumentException($"{Name}: column '{column}' has no values at all, so it has no {Strategy.ToString().ToLowerInvariant()}; drop it, use ImputeStrategy.Constant, or set KeepEmptyFeatures.");
        }

        return Strategy switch
        {
            ImputeStrategy.Mean => Data.Stats.Mean(present),
            ImputeStrategy.Median => Quantiles.Median(present),
            _ => MostFrequent(present),
        };
    }

    private static double MostFrequent(double[] present)
    {
        Array.Sort(present);
        double best = present[0];
        var bestCount = 0;
        var i = 0;
        while (i < present.Length)
        {
            var j = i;
            while (j < present.Length && present[j] == present[i])
            {
                j++;
            }

            // Ascending order with a strict comparison keeps the smallest of tied values.
            if (j - i > bestCount)
            {
                bestCount = j - i;
                best = present[i];
            }

            i = j;
        }

        return best;
    }

    private string FitText(Column column)
    {
        if (Strategy == ImputeStrategy.Constant)
        {
            return FillText;
        }

        var labels = FeatureColumns.LabelsOf(column);
        var counts = labels.Counts();
        string? best = null;
        var bestCount = 0L;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > bestCount || (counts[i] == bestCount && counts[i] > 0 && string.CompareOrdinal(labels.Texts[i], best) < 0))
            {
                best = labels.Texts[i];
                bestCount = counts[i];
            }
        }

        return best ?? (KeepEmptyFeatures
            ? FillText
            : throw new ArgumentException($"{Name}: column '{column.Name}' has no values at all, so it has no most frequent value; drop it, use ImputeStrategy.Constant, or set KeepEmptyFeatures."));
    }

    private Column FillNumbers(Column column, double fill)
    {
        var values = FeatureColumns.Numbers(column, Name);
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                values[i] = fill;
            }
        }

        return DoubleColumn.Adopt(column.Name, values, null);
    }

    private static Column FillLabels(Column column, string fill)
    {
        if (!column.HasNulls)
        {
            return column;
        }

        if (column is CategoricalColumn categorical)
        {
            var categories = categorical.Categories.ToList();
            var code = categories.IndexOf(fill);
            if (code < 0)
            {
                code = categories.Count;
                categories.Add(fill);
            }

            var codes = categorical.Codes.ToArray();
            for (var i = 0; i < codes.Length; i++)
            {
                if (codes[i] < 0)
                {
                    codes[i] = code;
                }
            }

            return CategoricalColumn.Adopt(column.Name, codes, [.. categories]);
        }

        var strings = ((StringColumn)column).Values.ToArray();
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] ??= fill;
        }

        return StringColumn.Adopt(column.Name, strings);
    }
}
