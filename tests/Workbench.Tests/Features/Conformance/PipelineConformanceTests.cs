using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Text;
using Workbench.Testing;

namespace Workbench.Tests.Features.Conformance;

/// <summary>A whole FeaturePipeline against the same scikit-learn ColumnTransformer: the float32 matrix equals scikit-learn's float64 one rounded to float32.</summary>
public sealed class PipelineConformanceTests
{
    [Fact]
    public void The_patients_pipeline_matches_a_ColumnTransformer_on_unseen_rows()
    {
        var train = Sklearn.Patients();
        var batch = Frame.ReadCsv(RepoPaths.Combine("data-samples", "batches", "patients", "new_categories.csv"));
        var pipeline = new FeaturePipeline { Output = MatrixOutput.Dense }
            .Add("numeric", ColumnSelector.Names("age", "bmi", "systolic_bp", "cholesterol", "glucose", "length_of_stay_days"), new SimpleImputer(ImputeStrategy.Median), new StandardScaler())
            .Add("counts", ColumnSelector.Names("num_prior_admissions"), new MinMaxScaler())
            .Add("categorical", ColumnSelector.Names("sex", "smoker", "admission_type", "department", "insurance"), new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.Ignore })
            .Add("complaint", "chief_complaint", new TfidfVectorizer { NgramRange = (1, 2), MinDf = 5 });
        pipeline.Fit(train, target: "readmitted_30d");
        var matrix = pipeline.Transform(batch);

        var (expected, names) = Sklearn.Run("""
            from sklearn.compose import ColumnTransformer
            from sklearn.pipeline import make_pipeline
            from sklearn.impute import SimpleImputer
            from sklearn.preprocessing import StandardScaler, MinMaxScaler, OneHotEncoder
            from sklearn.feature_extraction.text import TfidfVectorizer
            batch = pd.read_csv("data-samples/batches/patients/new_categories.csv")
            transformer = ColumnTransformer([
                ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), ["age", "bmi", "systolic_bp", "cholesterol", "glucose", "length_of_stay_days"]),
                ("counts", MinMaxScaler(), ["num_prior_admissions"]),
                ("categorical", OneHotEncoder(handle_unknown="ignore"), ["sex", "smoker", "admission_type", "department", "insurance"]),
                ("complaint", TfidfVectorizer(ngram_range=(1, 2), min_df=5), "chief_complaint"),
            ], sparse_threshold=0)
            transformer.fit(patients.drop(columns=["readmitted_30d"]))
            out = transformer.transform(batch)
            names = transformer.get_feature_names_out()
            """);

        matrix.IsSparse.Should().BeFalse();
        matrix.Shape.Should().Be((batch.RowCount, expected[0].Length));
        pipeline.GetFeatureNamesOut().Should().Equal(names!.Select(Ours));
        for (var r = 0; r < matrix.Rows; r++)
        {
            for (var c = 0; c < matrix.Columns; c++)
            {
                var want = (float)expected[r][c]!.Value;
                if (matrix[r, c] != want)
                {
                    matrix[r, c].Should().Be(want, $"feature {matrix.FeatureNames[c]}, row {r}");
                }
            }
        }
    }

    /// <summary>"numeric__age" -> "age", "categorical__smoker_never" -> "smoker=never", "complaint__chest pain" -> "chief_complaint:chest pain".</summary>
    private static string Ours(string name)
    {
        var (step, feature) = (name[..name.IndexOf("__", StringComparison.Ordinal)], name[(name.IndexOf("__", StringComparison.Ordinal) + 2)..]);
        return step switch
        {
            "categorical" => ReplaceFirstUnderscore(feature),
            "complaint" => "chief_complaint:" + feature,
            _ => feature,
        };
    }

    private static string ReplaceFirstUnderscore(string feature)
    {
        foreach (var column in new[] { "sex", "smoker", "admission_type", "department", "insurance" })
        {
            if (feature.StartsWith(column + "_", StringComparison.Ordinal))
            {
                return $"{column}={feature[(column.Length + 1)..]}";
            }
        }

        return feature;
    }
}
