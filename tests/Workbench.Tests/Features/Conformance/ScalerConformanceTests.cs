using Workbench.Data;
using Workbench.Features;

namespace Workbench.Tests.Features.Conformance;

/// <summary>Scalers and the imputer against scikit-learn 1.2 on the same data samples, to 1e-9.</summary>
public sealed class ScalerConformanceTests
{
    private static readonly string[] CancerColumns = ["mean_radius", "mean_texture", "mean_area", "mean_smoothness", "worst_concavity", "worst_fractal_dimension"];
    private static readonly string[] PatientNumbers = ["age", "bmi", "cholesterol", "glucose", "length_of_stay_days", "num_prior_admissions"];

    [Fact]
    public void StandardScaler_matches_scikit_learn()
    {
        var frame = Sklearn.Cancer().Select(CancerColumns);
        var (expected, _) = Sklearn.Run($"""
            from sklearn.preprocessing import StandardScaler
            out = StandardScaler().fit_transform(cancer[{Py(CancerColumns)}])
            """);
        Sklearn.ShouldMatch(new StandardScaler().FitTransform(frame), expected);
    }

    [Fact]
    public void StandardScaler_ignores_missing_values_when_fitting_and_keeps_them_missing_like_scikit_learn()
    {
        var frame = Sklearn.Patients().Select(PatientNumbers);
        var (expected, _) = Sklearn.Run($"""
            from sklearn.preprocessing import StandardScaler
            out = StandardScaler().fit_transform(patients[{Py(PatientNumbers)}])
            """);
        var scaled = new StandardScaler().FitTransform(frame);
        scaled["bmi"].NullCount.Should().Be(frame["bmi"].NullCount).And.BeGreaterThan(0);
        Sklearn.ShouldMatch(scaled, expected);
    }

    [Fact]
    public void MinMaxScaler_with_a_feature_range_and_clipping_matches_scikit_learn_on_unseen_rows()
    {
        var frame = Sklearn.Cancer().Select(CancerColumns);
        var train = frame.Take(Enumerable.Range(0, 300).ToArray());
        var test = frame.Take(Enumerable.Range(300, 269).ToArray());
        var (expected, _) = Sklearn.Run($"""
            from sklearn.preprocessing import MinMaxScaler
            X = cancer[{Py(CancerColumns)}]
            scaler = MinMaxScaler(feature_range=(-1, 2)).fit(X.iloc[:300])
            clipped = MinMaxScaler(feature_range=(-1, 2), clip=True).fit(X.iloc[:300])
            out = np.hstack([scaler.transform(X.iloc[300:]), clipped.transform(X.iloc[300:])])
            """);
        var plain = new MinMaxScaler { FeatureRange = (-1, 2) }.Fit(train).Transform(test);
        var clip = new MinMaxScaler { FeatureRange = (-1, 2), Clip = true }.Fit(train).Transform(test);
        Sklearn.ShouldMatch(new Frame(plain.Columns.Concat(clip.Columns.Select(c => c.WithName(c.Name + "_clipped")))), expected);
    }

    [Theory]
    [InlineData(25, 75, false)]
    [InlineData(10, 90, true)]
    public void RobustScaler_matches_scikit_learn(double low, double high, bool unitVariance)
    {
        var frame = Sklearn.Patients().Select(PatientNumbers);
        var (expected, _) = Sklearn.Run($"""
            from sklearn.preprocessing import RobustScaler
            out = RobustScaler(quantile_range=({low}, {high}), unit_variance={(unitVariance ? "True" : "False")}).fit_transform(patients[{Py(PatientNumbers)}])
            """);
        Sklearn.ShouldMatch(new RobustScaler { QuantileRange = (low, high), UnitVariance = unitVariance }.FitTransform(frame), expected);
    }

    [Theory]
    [InlineData("mean")]
    [InlineData("median")]
    [InlineData("most_frequent")]
    [InlineData("constant")]
    public void SimpleImputer_on_numbers_with_indicators_matches_scikit_learn(string strategy)
    {
        var frame = Sklearn.Patients().Select(PatientNumbers);
        var (expected, names) = Sklearn.Run($"""
            from sklearn.impute import SimpleImputer
            imputer = SimpleImputer(strategy="{strategy}", fill_value=-1, add_indicator=True)
            out = imputer.fit_transform(patients[{Py(PatientNumbers)}])
            names = imputer.get_feature_names_out()
            """);
        var imputer = new SimpleImputer(SimpleImputer.Strategies[strategy]) { FillValue = -1, AddIndicator = true };
        var imputed = imputer.FitTransform(frame);
        Sklearn.ShouldMatch(imputed, expected);
        imputer.GetFeatureNamesOut().Should().Equal(names!.Select(n => n.Replace("missingindicator_", string.Empty) is var c && n.StartsWith("missingindicator_", StringComparison.Ordinal) ? c + "_is_missing" : n));
    }

    [Theory]
    [InlineData("most_frequent")]
    [InlineData("constant")]
    public void SimpleImputer_on_text_matches_scikit_learn(string strategy)
    {
        var batch = Frame.ReadCsv(Workbench.Testing.RepoPaths.Combine("data-samples", "batches", "patients", "missing_values.csv"));
        var (expected, _) = Sklearn.Run($$"""
            from sklearn.impute import SimpleImputer
            batch = pd.read_csv("data-samples/batches/patients/missing_values.csv")
            filled = SimpleImputer(strategy="{{strategy}}").fit_transform(batch[["smoker"]].astype(object).where(batch[["smoker"]].notna(), np.nan))
            codes = {"current": 0, "former": 1, "never": 2, "missing_value": 3}
            out = [[codes[v]] for v in filled[:, 0]]
            """);
        var imputed = new SimpleImputer(SimpleImputer.Strategies[strategy]).FitTransform(batch.Select("smoker"));
        var labels = new[] { "current", "former", "never", "missing_value" };
        imputed["smoker"].NullCount.Should().Be(0);
        Enumerable.Range(0, imputed.RowCount).Select(r => (double?)Array.IndexOf(labels, imputed["smoker"].Format(r)))
            .Should().Equal(expected.Select(r => r[0]));
    }

    internal static string Py(IEnumerable<string> names) => "[" + string.Join(", ", names.Select(n => $"\"{n}\"")) + "]";
}
