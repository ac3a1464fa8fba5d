using Workbench.Data;
using Workbench.Features;
using Workbench.Testing;
using static Workbench.Tests.Features.Conformance.ScalerConformanceTests;

namespace Workbench.Tests.Features.Conformance;

/// <summary>Encoders, binning and polynomial / power transforms against scikit-learn 1.2 on the same data, to 1e-9.</summary>
public sealed class EncoderConformanceTests
{
    private static readonly string[] Categoricals = ["sex", "smoker", "admission_type", "department", "insurance", "blood_pressure_category"];

    [Fact]
    public void OneHotEncoder_matches_scikit_learn_values_and_names()
    {
        var frame = Sklearn.Patients().Select(Categoricals);
        var (expected, names) = Sklearn.Run($"""
            from sklearn.preprocessing import OneHotEncoder
            encoder = OneHotEncoder(sparse_output=False).fit(patients[{Py(Categoricals)}])
            out = encoder.transform(patients[{Py(Categoricals)}])
            names = encoder.get_feature_names_out()
            """);
        var encoder = new OneHotEncoder();
        Sklearn.ShouldMatch(encoder.FitTransform(frame), expected);
        encoder.GetFeatureNamesOut().Should().Equal(names!.Select(SklearnName));
    }

    [Theory]
    [InlineData("min_frequency=200", 200, null, "none", "ignore")]
    [InlineData("min_frequency=0.1", null, null, "none", "infrequent_if_exist")]
    [InlineData("max_categories=3", null, 3, "none", "infrequent_if_exist")]
    [InlineData("min_frequency=400, max_categories=4", 400, 4, "first", "infrequent_if_exist")]
    [InlineData("max_categories=2", null, 2, "if_binary", "ignore")]
    public void OneHotEncoder_infrequent_grouping_drop_and_unknown_handling_match_scikit_learn(string settings, int? minCount, int? maxCategories, string drop, string unknown)
    {
        var train = Sklearn.Patients().Select(Categoricals);
        var batch = Frame.ReadCsv(RepoPaths.Combine("data-samples", "batches", "patients", "new_categories.csv")).Select(Categoricals);
        var (expected, names) = Sklearn.Run($"""
            from sklearn.preprocessing import OneHotEncoder
            batch = pd.read_csv("data-samples/batches/patients/new_categories.csv")
            encoder = OneHotEncoder(sparse_output=False, {settings}, drop={(drop == "none" ? "None" : $"\"{drop}\"")}, handle_unknown="{unknown}")
            encoder.fit(patients[{Py(Categoricals)}])
            out = encoder.transform(batch[{Py(Categoricals)}])
            names = encoder.get_feature_names_out()
            """);
        var encoder = new OneHotEncoder
        {
            MinFrequency = minCount is { } count ? count : settings.Contains("0.1", StringComparison.Ordinal) ? 0.1 : null,
            MaxCategories = maxCategories,
            Drop = OneHotEncoder.DropPolicies[drop],
            HandleUnknown = OneHotEncoder.UnknownPolicies[unknown],
        };
        encoder.Fit(train);
        Sklearn.ShouldMatch(encoder.Transform(batch), expected);
        encoder.GetFeatureNamesOut().Should().Equal(names!.Select(SklearnName));
    }

    [Fact]
    public void OneHotEncoder_makes_missing_values_a_last_category_like_scikit_learn()
    {
        var batch = Frame.ReadCsv(RepoPaths.Combine("data-samples", "batches", "patients", "missing_values.csv")).Select("smoker");
        var (expected, names) = Sklearn.Run("""
            from sklearn.preprocessing import OneHotEncoder
            batch = pd.read_csv("data-samples/batches/patients/missing_values.csv")
            encoder = OneHotEncoder(sparse_output=False).fit(batch[["smoker"]])
            out = encoder.transform(batch[["smoker"]])
            names = encoder.get_feature_names_out()
            """);
        var encoder = new OneHotEncoder();
        Sklearn.ShouldMatch(encoder.FitTransform(batch), expected);
        names.Should().Equal("smoker_current", "smoker_former", "smoker_never", "smoker_nan");
        encoder.GetFeatureNamesOut().Should().Equal("smoker=current", "smoker=former", "smoker=never", "smoker=null");
    }

    [Fact]
    public void OrdinalEncoder_with_given_categories_and_unknown_values_matches_scikit_learn()
    {
        var train = Sklearn.Patients().Select("smoker", "admission_type", "num_prior_admissions");
        var batch = Frame.ReadCsv(RepoPaths.Combine("data-samples", "batches", "patients", "new_categories.csv")).Select("smoker", "admission_type", "num_prior_admissions");
        var (expected, _) = Sklearn.Run("""
            from sklearn.preprocessing import OrdinalEncoder
            batch = pd.read_csv("data-samples/batches/patients/new_categories.csv")
            cols = ["smoker", "admission_type", "num_prior_admissions"]
            encoder = OrdinalEncoder(categories=[["never", "former", "current"], sorted(patients.admission_type.unique()), sorted(patients.num_prior_admissions.unique())], handle_unknown="use_encoded_value", unknown_value=-1)
            out = encoder.fit(patients[cols]).transform(batch[cols])
            """);
        var encoder = new OrdinalEncoder
        {
            Categories = new Dictionary<string, IReadOnlyList<string>> { ["smoker"] = ["never", "former", "current"] },
            HandleUnknown = OrdinalUnknownPolicy.UseEncodedValue,
            UnknownValue = -1,
        };
        Sklearn.ShouldMatch(encoder.Fit(train).Transform(batch), expected);
    }

    [Theory]
    [InlineData("quantile", 5)]
    [InlineData("uniform", 4)]
    [InlineData("quantile", 10)]
    public void KBinsDiscretizer_matches_scikit_learn_for_ordinal_and_one_hot_output(string strategy, int bins)
    {
        string[] columns = ["mean_radius", "mean_texture", "worst_concavity", "mean_smoothness"];
        var frame = Sklearn.Cancer().Select(columns);
        var (expected, _) = Sklearn.Run($"""
            from sklearn.preprocessing import KBinsDiscretizer
            X = cancer[{Py(columns)}]
            ordinal = KBinsDiscretizer(n_bins={bins}, strategy="{strategy}", encode="ordinal").fit(X.iloc[:400])
            onehot = KBinsDiscretizer(n_bins={bins}, strategy="{strategy}", encode="onehot-dense").fit(X.iloc[:400])
            out = np.hstack([ordinal.transform(X), onehot.transform(X)])
            """);
        var train = frame.Take(Enumerable.Range(0, 400).ToArray());
        var ordinal = new KBinsDiscretizer(bins, KBinsDiscretizer.Strategies[strategy], BinEncoding.Ordinal).Fit(train).Transform(frame);
        var onehot = new KBinsDiscretizer(bins, KBinsDiscretizer.Strategies[strategy], BinEncoding.OneHot).Fit(train).Transform(frame);
        Sklearn.ShouldMatch(new Frame(ordinal.Columns.Select(c => c.WithName("ordinal:" + c.Name)).Concat(onehot.Columns)), expected);
    }

    [Fact]
    public void KBinsDiscretizer_removes_too_narrow_quantile_bins_like_scikit_learn()
    {
        var frame = Sklearn.Patients().Select("num_prior_admissions");
        var (expected, _) = Sklearn.Run("""
            from sklearn.preprocessing import KBinsDiscretizer
            binner = KBinsDiscretizer(n_bins=8, strategy="quantile", encode="ordinal").fit(patients[["num_prior_admissions"]])
            out = [[len(binner.bin_edges_[0])]] + binner.transform(patients[["num_prior_admissions"]]).tolist()
            """);
        var binner = new KBinsDiscretizer(8, BinStrategy.Quantile, BinEncoding.Ordinal).Fit(frame);
        binner.BinEdges[0].Count.Should().Be((int)expected[0][0]!.Value).And.BeLessThan(9);
        Sklearn.ShouldMatch(binner.Transform(frame), expected[1..]);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void InteractionFeatures_match_PolynomialFeatures(int degree, bool interactionOnly)
    {
        string[] columns = ["mean_radius", "mean_texture", "mean_smoothness"];
        var frame = Sklearn.Cancer().Select(columns);
        var (expected, names) = Sklearn.Run($"""
            from sklearn.preprocessing import PolynomialFeatures
            poly = PolynomialFeatures(degree={degree}, interaction_only={(interactionOnly ? "True" : "False")}, include_bias=False)
            out = poly.fit_transform(cancer[{Py(columns)}])
            names = poly.get_feature_names_out()
            """);
        var poly = new InteractionFeatures { Degree = degree, InteractionOnly = interactionOnly };
        Sklearn.ShouldMatch(poly.FitTransform(frame), expected);
        poly.GetFeatureNamesOut().Should().Equal(names!.Select(n => n.Replace(' ', '*')));
    }

    [Theory]
    [InlineData("yeo-johnson", true)]
    [InlineData("yeo-johnson", false)]
    [InlineData("box-cox", true)]
    public void PowerTransformer_matches_scikit_learn_lambdas_and_values(string method, bool standardize)
    {
        string[] columns = ["mean_area", "mean_concavity", "worst_fractal_dimension", "area_error"];
        var frame = Sklearn.Cancer().Select(columns);
        if (method == "box-cox")
        {
            columns = ["mean_area", "worst_fractal_dimension", "area_error"];
            frame = frame.Select(columns);
        }

        var (expected, _) = Sklearn.Run($"""
            from sklearn.preprocessing import PowerTransformer
            power = PowerTransformer(method="{method}", standardize={(standardize ? "True" : "False")}).fit(cancer[{Py(columns)}])
            out = [power.lambdas_.tolist()] + power.transform(cancer[{Py(columns)}]).tolist()
            """);
        var power = new PowerTransformer(PowerTransformer.Methods[method]) { Standardize = standardize }.Fit(frame);
        for (var c = 0; c < columns.Length; c++)
        {
            // Brent stops within its tolerance (1.48e-8 relative); our variance sums differ from numpy's in the last bits.
            power.Lambdas[c].Should().BeApproximately(expected[0][c]!.Value, 1e-7 * Math.Max(1, Math.Abs(expected[0][c]!.Value)), columns[c]);
        }

        var transformed = power.Transform(frame);
        var buffer = new double[frame.RowCount];
        for (var c = 0; c < columns.Length; c++)
        {
            transformed[c].CopyNumbers(buffer);
            for (var r = 0; r < buffer.Length; r++)
            {
                buffer[r].Should().BeApproximately(expected[r + 1][c]!.Value, 1e-6 * Math.Max(1, Math.Abs(expected[r + 1][c]!.Value)), $"{columns[c]} row {r}");
            }
        }
    }

    /// <summary>scikit-learn's <c>column_category</c> names in our <c>column=category</c> form.</summary>
    private static string SklearnName(string name)
    {
        foreach (var column in Categoricals.Concat(["smoker"]))
        {
            if (name.StartsWith(column + "_", StringComparison.Ordinal))
            {
                var category = name[(column.Length + 1)..];
                return $"{column}={(category == "infrequent_sklearn" ? "infrequent" : category)}";
            }
        }

        return name;
    }
}
