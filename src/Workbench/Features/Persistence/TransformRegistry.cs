using Workbench.Features.Text;

namespace Workbench.Features.Persistence;

/// <summary>
/// The closed set of transform kinds a saved pipeline may name. Reading never instantiates a type named in the file:
/// a kind maps to a factory here, or the file is refused.
/// </summary>
internal static class TransformRegistry
{
    private static readonly Dictionary<string, Func<StateReader, FeatureTransform>> Factories = new(StringComparer.Ordinal)
    {
        ["simple_imputer"] = SimpleImputer.Create,
        ["standard_scaler"] = StandardScaler.Create,
        ["min_max_scaler"] = MinMaxScaler.Create,
        ["robust_scaler"] = RobustScaler.Create,
        ["one_hot_encoder"] = OneHotEncoder.Create,
        ["ordinal_encoder"] = OrdinalEncoder.Create,
        ["target_encoder"] = TargetEncoder.Create,
        ["k_bins_discretizer"] = KBinsDiscretizer.Create,
        ["power_transformer"] = PowerTransformer.Create,
        ["log_transform"] = LogTransform.Create,
        ["interaction_features"] = InteractionFeatures.Create,
        ["datetime_features"] = DateTimeFeatures.Create,
        ["count_vectorizer"] = CountVectorizer.Create,
        ["tfidf_vectorizer"] = TfidfVectorizer.Create,
        ["hashing_vectorizer"] = HashingVectorizer.Create,
        ["feature_hasher"] = FeatureHasher.Create,
    };

    public static IReadOnlyCollection<string> Kinds => Factories.Keys;

    public static JsonState Write(FeatureTransform transform)
    {
        var parameters = new JsonState();
        var state = new JsonState();
        transform.WriteInputs(state);
        transform.WriteState(parameters, state);
        return new JsonState().Set("kind", transform.Kind).Set("params", parameters).Set("state", state);
    }

    public static FeatureTransform Read(StateReader json)
    {
        var kind = json.String("kind");
        if (!Factories.TryGetValue(kind, out var factory))
        {
            throw json.Fail("kind", $"unknown transform kind '{kind}'; this version reads {string.Join(", ", Factories.Keys.Order(StringComparer.Ordinal))}");
        }

        var parameters = json.Object("params");
        FeatureTransform transform;
        try
        {
            transform = factory(parameters);
        }
        catch (ArgumentException e)
        {
            throw parameters.Fail(null, e.Message);
        }

        var state = json.Object("state");
        transform.ReadInputs(state);
        try
        {
            transform.ReadState(state);
        }
        catch (ArgumentException e)
        {
            throw state.Fail(null, e.Message);
        }

        return transform;
    }
}
