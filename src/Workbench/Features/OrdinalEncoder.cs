using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>What <see cref="OrdinalEncoder"/> does with a category it did not see at fit time (scikit-learn's <c>handle_unknown</c>).</summary>
public enum OrdinalUnknownPolicy
{
    /// <summary>Fail, naming the column, the values and their first rows.</summary>
    Error,

    /// <summary>Encode it as <see cref="OrdinalEncoder.UnknownValue"/>.</summary>
    UseEncodedValue,
}

/// <summary>
/// Each category as its position 0, 1, 2, ... (float64), as scikit-learn's <c>OrdinalEncoder</c>: categories sorted
/// (numbers numerically, text ordinally) or given in order through <see cref="Categories"/> (e.g. never &lt; former &lt; current).
/// Missing values stay missing unless <see cref="EncodedMissingValue"/> gives them a code; unknown categories fail or take
/// <see cref="UnknownValue"/>.
/// </summary>
public sealed class OrdinalEncoder : FrameTransform<OrdinalEncoder>
{
    internal static readonly IReadOnlyDictionary<string, OrdinalUnknownPolicy> UnknownPolicies = new Dictionary<string, OrdinalUnknownPolicy>
    {
        ["error"] = OrdinalUnknownPolicy.Error,
        ["use_encoded_value"] = OrdinalUnknownPolicy.UseEncodedValue,
    };

    private CategorySet[] _sets = [];

    public override string Kind => "ordinal_encoder";

    public OrdinalUnknownPolicy HandleUnknown { get; init; } = OrdinalUnknownPolicy.Error;

    /// <summary>The code for unknown categories under <see cref="OrdinalUnknownPolicy.UseEncodedValue"/> (e.g. -1); it must not be a category's code.</summary>
    public double? UnknownValue { get; init; }

    /// <summary>The code for missing values; null keeps them missing.</summary>
    public double? EncodedMissingValue { get; init; }

    /// <summary>Fixed categories in order for some columns, by column name; other values fail at fit time.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Categories { get; init; }

    /// <summary>The categories per input column, in code order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> CategoriesOut => IsFitted
        ? _sets.Select(s => (IReadOnlyList<string>)s.Categories).ToArray()
        : throw NotFitted(nameof(CategoriesOut));

    public override string Describe() => HandleUnknown == OrdinalUnknownPolicy.Error
        ? "OrdinalEncoder"
        : $"OrdinalEncoder(unknown={FeatureColumns.Text(UnknownValue ?? double.NaN)})";

    private protected override void FitCore(Frame frame, Column? target)
    {
        if (HandleUnknown == OrdinalUnknownPolicy.UseEncodedValue && UnknownValue is null)
        {
            throw new ArgumentException($"{Name}: HandleUnknown = UseEncodedValue needs an UnknownValue (for example -1).");
        }

        _sets = new CategorySet[frame.ColumnCount];
        for (var c = 0; c < _sets.Length; c++)
        {
            IReadOnlyList<string>? given = null;
            Categories?.TryGetValue(frame[c].Name, out given);
            _sets[c] = CategorySet.Fit(frame[c], given, allowMissingCategory: false, Name);
            if (UnknownValue is { } unknown && unknown >= 0 && unknown < _sets[c].Size && unknown == Math.Floor(unknown))
            {
                throw new ArgumentException($"{Name}: UnknownValue {unknown} is also the code of category '{_sets[c].Categories[(int)unknown]}' in column '{frame[c].Name}'; use a negative value such as -1.");
            }
        }
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var outputs = new double[frame.ColumnCount][];
        for (var c = 0; c < outputs.Length; c++)
        {
            var codes = _sets[c].Encode(frame[c], out var unknown);
            if (unknown.Any && HandleUnknown == OrdinalUnknownPolicy.Error)
            {
                throw new ArgumentException(
                    $"{Name}: column '{frame[c].Name}' has {unknown.Rows} rows with categories not seen at fit time: {unknown.Describe()}. " +
                    "Set HandleUnknown = OrdinalUnknownPolicy.UseEncodedValue with an UnknownValue, or refit with these categories.");
            }

            var values = new double[codes.Length];
            var missing = EncodedMissingValue ?? double.NaN;
            var unknownValue = UnknownValue ?? double.NaN;
            for (var r = 0; r < values.Length; r++)
            {
                values[r] = codes[r] switch
                {
                    >= 0 => codes[r],
                    CategorySet.Missing => missing,
                    _ => unknownValue,
                };
            }

            outputs[c] = values;
        }

        return FeatureOutput.Dense(FeatureColumns.Output(frame.ColumnNames, outputs));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => FeatureNamesIn;

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        parameters.Set("handle_unknown", UnknownPolicies.Single(p => p.Value == HandleUnknown).Key)
            .Set("unknown_value", UnknownValue)
            .Set("encoded_missing_value", EncodedMissingValue)
            .Set("categories", OneHotEncoder.GivenToJson(Categories));
        state.Set("per_column", _sets.Select(s => s.ToJson()));
    }

    internal static OrdinalEncoder Create(StateReader parameters) => new()
    {
        HandleUnknown = parameters.Choice("handle_unknown", UnknownPolicies),
        UnknownValue = parameters.OptionalDouble("unknown_value"),
        EncodedMissingValue = parameters.OptionalDouble("encoded_missing_value"),
        Categories = OneHotEncoder.GivenFromJson(parameters, "categories"),
    };

    internal override void ReadState(StateReader state)
    {
        var items = state.Objects("per_column", FeatureNamesIn.Count);
        _sets = items.Select((item, c) => CategorySet.FromJson(item, FeatureNamesIn[c])).ToArray();
    }
}
