using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Text;

namespace Workbench.Tests.Features;

public sealed class FeaturePipelineTests
{
    internal static FeaturePipeline PatientsPipeline(MatrixOutput output = MatrixOutput.Auto) => new FeaturePipeline { Output = output }
        .Add("numeric", ColumnSelector.Numeric().Except("num_prior_admissions"), new SimpleImputer(ImputeStrategy.Median) { AddIndicator = true }, new StandardScaler())
        .Add("prior", "num_prior_admissions", new KBinsDiscretizer(3, BinStrategy.Uniform, BinEncoding.OneHot))
        .Add("categorical", ColumnSelector.Categorical().Except("chief_complaint"), new SimpleImputer(ImputeStrategy.MostFrequent), new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.Ignore })
        .Add("flags", ColumnSelector.Booleans())
        .Add("admitted", ColumnSelector.DateTimes(), new DateTimeFeatures(DateParts.Month | DateParts.DayOfWeek | DateParts.Hour, cyclical: true))
        .Add("complaint", "chief_complaint", new TfidfVectorizer { NgramRange = (1, 2), MinDf = 3 });

    [Fact]
    public void Selectors_resolve_by_type_name_and_pattern_and_never_take_the_target()
    {
        var pipeline = PatientsPipeline().Fit(FeatureData.Patients, target: "readmitted_30d");
        var steps = pipeline.Steps.ToDictionary(s => s.Name);
        steps["numeric"].Columns.Should().Equal("age", "bmi", "systolic_bp", "diastolic_bp", "cholesterol", "glucose", "length_of_stay_days");
        steps["categorical"].Columns.Should().Equal("sex", "smoker", "blood_pressure_category", "admission_type", "department", "insurance");
        steps["flags"].Columns.Should().Equal("diabetes");
        steps["admitted"].Columns.Should().Equal("admitted_at");
        pipeline.InputColumns.Select(c => c.Name).Should().NotContain(["readmitted_30d", "patient_id"]);
        pipeline.Target.Should().Be("readmitted_30d");

        var pattern = new FeaturePipeline().Add("pressure", ColumnSelector.Matching("_bp$"), new StandardScaler()).Fit(FeatureData.Patients);
        pattern.Steps[0].Columns.Should().Equal("systolic_bp", "diastolic_bp");
    }

    [Fact]
    public void The_matrix_keeps_readable_feature_names_and_each_steps_block()
    {
        var matrix = PatientsPipeline().FitTransform(FeatureData.Patients, target: "readmitted_30d");
        var names = matrix.FeatureNames;
        names.Should().Contain(["age", "bmi", "bmi_is_missing", "smoker=current", "sex=F", "diabetes", "admitted_at_month_sin", "chief_complaint:chest pain"]);
        names.Should().Contain(n => n.StartsWith("num_prior_admissions<", StringComparison.Ordinal));
        names.Should().OnlyHaveUniqueItems();
        matrix.Blocks.Select(b => b.Step).Should().Equal("numeric", "prior", "categorical", "flags", "admitted", "complaint");
        matrix.Blocks.Sum(b => b.Count).Should().Be(matrix.Columns);
        matrix.Blocks.Single(b => b.Step == "complaint").Sparse.Should().BeTrue();
        var smokerCurrent = names.ToList().IndexOf("smoker=current");
        var currentRows = Enumerable.Range(0, matrix.Rows).Count(r => matrix[r, smokerCurrent] == 1);
        currentRows.Should().Be(Enumerable.Range(0, FeatureData.Patients.RowCount).Count(r => (string?)FeatureData.Patients["smoker"][r] == "current"));
    }

    [Fact]
    public void The_matrix_is_sparse_only_when_a_sparse_step_makes_it_mostly_zeros_or_when_forced()
    {
        var auto = PatientsPipeline().FitTransform(FeatureData.Patients, target: "readmitted_30d");
        auto.IsSparse.Should().Be(auto.Density < 0.3, "Auto follows ColumnTransformer's sparse_threshold");
        auto.IsSparse.Should().BeTrue("the TF-IDF vocabulary makes the matrix mostly zeros");

        var dense = PatientsPipeline(MatrixOutput.Dense).FitTransform(FeatureData.Patients, target: "readmitted_30d");
        dense.IsSparse.Should().BeFalse();
        auto.ToDense().Values.Should().Equal(dense.Dense!.Values);

        var noText = new FeaturePipeline()
            .Add("categorical", ColumnSelector.Categorical().Except("chief_complaint"), new OneHotEncoder())
            .FitTransform(FeatureData.Patients);
        noText.IsSparse.Should().BeFalse("no step is sparse, whatever the density");
        new FeaturePipeline { Output = MatrixOutput.Sparse }.Add("age", "age").FitTransform(FeatureData.Patients).IsSparse.Should().BeTrue();
    }

    [Fact]
    public void Transform_of_new_rows_uses_the_fitted_state_and_ignores_extra_columns()
    {
        var pipeline = PatientsPipeline(MatrixOutput.Dense).Fit(FeatureData.Patients, target: "readmitted_30d");
        var batch = FeatureData.Batch("new_categories");
        var matrix = pipeline.Transform(batch.Drop("readmitted_30d"));
        matrix.Rows.Should().Be(batch.RowCount);
        matrix.FeatureNames.Should().Equal(pipeline.GetFeatureNamesOut());
        var telehealth = Enumerable.Range(0, batch.RowCount).First(r => (string?)batch["admission_type"][r] == "telehealth");
        var admission = matrix.FeatureNames.Select((n, i) => (n, i)).Where(p => p.n.StartsWith("admission_type=", StringComparison.Ordinal)).Select(p => p.i);
        admission.Select(c => matrix[telehealth, c]).Should().OnlyContain(v => v == 0, "the unknown category is ignored");
    }

    [Fact]
    public void Missing_columns_at_transform_time_are_all_listed_with_their_steps()
    {
        var pipeline = PatientsPipeline().Fit(FeatureData.Patients, target: "readmitted_30d");
        var act = () => pipeline.Transform(FeatureData.Batch("corrupt"));
        act.Should().Throw<ArgumentException>().WithMessage("the frame lacks 1 column the pipeline was fitted on: 'cholesterol' (step numeric).*");
    }

    [Fact]
    public void A_missing_value_reaching_the_matrix_is_an_error_naming_step_feature_and_row()
    {
        var pipeline = new FeaturePipeline().Add("numeric", ColumnSelector.Names("age", "bmi"), new StandardScaler());
        var act = () => pipeline.FitTransform(FeatureData.Patients);
        var first = Enumerable.Range(0, FeatureData.Patients.RowCount).First(FeatureData.Patients["bmi"].IsNull);
        act.Should().Throw<InvalidOperationException>()
            .WithMessage($"pipeline step 'numeric' leaves {FeatureData.Patients["bmi"].NullCount} missing values in feature 'bmi' (the first at row {first})*add a SimpleImputer*");

        var text = new FeaturePipeline().Add("smoker", "smoker", new SimpleImputer(ImputeStrategy.MostFrequent));
        FluentActions.Invoking(() => text.FitTransform(FeatureData.Patients)).Should().Throw<InvalidOperationException>()
            .WithMessage("pipeline step 'smoker' outputs column 'smoker' as category, not a number: end the step with an encoder*");
    }

    [Fact]
    public void Remainder_is_dropped_by_default_or_passed_through_when_numeric()
    {
        var frame = FeatureData.Patients.Select("age", "bmi", "num_prior_admissions", "diabetes", "readmitted_30d");
        var dropped = new FeaturePipeline().Add("age", "age").Fit(frame, "readmitted_30d");
        dropped.GetFeatureNamesOut().Should().Equal("age");

        var kept = new FeaturePipeline { Remainder = RemainderPolicy.Passthrough }
            .Add("bmi", "bmi", new SimpleImputer()).Fit(frame, "readmitted_30d");
        kept.GetFeatureNamesOut().Should().Equal("bmi", "age", "num_prior_admissions", "diabetes");
        kept.Steps[^1].IsRemainder.Should().BeTrue();

        var text = new FeaturePipeline { Remainder = RemainderPolicy.Passthrough }.Add("age", "age");
        FluentActions.Invoking(() => text.Fit(FeatureData.Patients.Select("age", "smoker"))).Should().Throw<ArgumentException>()
            .WithMessage("step 'remainder' passes column 'smoker' (category) through*or drop the remainder.");
    }

    [Fact]
    public void Clashing_names_from_two_steps_are_prefixed_with_their_step()
    {
        var pipeline = new FeaturePipeline()
            .Add("raw", "age")
            .Add("scaled", "age", new StandardScaler())
            .Fit(FeatureData.Patients);
        pipeline.GetFeatureNamesOut().Should().Equal("raw__age", "scaled__age");
    }

    [Fact]
    public void Misbuilt_pipelines_fail_when_built_or_fitted_with_the_step_named()
    {
        var scaler = new StandardScaler();
        FluentActions.Invoking(() => new FeaturePipeline().Add("a", "age", scaler).Add("b", "bmi", scaler)).Should().Throw<ArgumentException>()
            .WithMessage("step 'b': this StandardScaler instance is already used*");
        FluentActions.Invoking(() => new FeaturePipeline().Add("a", "age").Add("a", "bmi")).Should().Throw<ArgumentException>()
            .WithMessage("a step is already called 'a'*");
        FluentActions.Invoking(() => new FeaturePipeline().Add("text", "chief_complaint", new TfidfVectorizer(), new StandardScaler())).Should().Throw<ArgumentException>()
            .WithMessage("step 'text': TfidfVectorizer produces sparse output, so it must be the last transform of its step.*");
        FluentActions.Invoking(() => new FeaturePipeline().Add("x", "age_years").Fit(FeatureData.Patients)).Should().Throw<ArgumentException>()
            .WithMessage("pipeline step 'x' selects column 'age_years', which the frame lacks*");
        FluentActions.Invoking(() => new FeaturePipeline().Add("y", "readmitted_30d").Fit(FeatureData.Patients, "readmitted_30d")).Should().Throw<ArgumentException>()
            .WithMessage("pipeline step 'y' selects the target column 'readmitted_30d'*");
        FluentActions.Invoking(() => new FeaturePipeline().Add("lab", ColumnSelector.Matching("^lab_")).Fit(FeatureData.Patients)).Should().Throw<ArgumentException>()
            .WithMessage("pipeline step 'lab' selects no columns (pattern ^lab_)*");
        FluentActions.Invoking(() => new FeaturePipeline().Add("te", "department", new TargetEncoder()).Fit(FeatureData.Patients)).Should().Throw<ArgumentException>()
            .WithMessage("step 'te': TargetEncoder needs the target*");
        FluentActions.Invoking(() => new FeaturePipeline().Transform(FeatureData.Patients)).Should().Throw<NotFittedException>()
            .WithMessage("FeaturePipeline is not fitted yet*");
    }

    [Fact]
    public void A_target_encoder_in_a_pipeline_gives_out_of_fold_values_to_FitTransform_and_full_fit_values_to_Transform()
    {
        var pipeline = new FeaturePipeline().Add("department", "department", new TargetEncoder { Seed = 1 });
        var training = pipeline.FitTransform(FeatureData.Patients, "readmitted_30d");
        var again = pipeline.Transform(FeatureData.Patients);
        training.Dense!.Values.Should().NotEqual(again.Dense!.Values);
        again.Dense.Values.Distinct().Count().Should().Be(FeatureData.Patients["department"].DistinctCount());
    }

    [Fact]
    public void Single_threaded_and_parallel_runs_give_the_same_matrix()
    {
        var one = new FeaturePipeline { MaxDegreeOfParallelism = 1, Output = MatrixOutput.Sparse };
        var many = new FeaturePipeline { MaxDegreeOfParallelism = 4, Output = MatrixOutput.Sparse };
        foreach (var pipeline in new[] { one, many })
        {
            pipeline.Add("n", ColumnSelector.Numeric(), new SimpleImputer(), new RobustScaler())
                .Add("c", ColumnSelector.Categorical().Except("chief_complaint"), new OneHotEncoder())
                .Add("t", "chief_complaint", new HashingVectorizer { Features = 64 });
        }

        var a = one.FitTransform(FeatureData.Patients, "readmitted_30d").Sparse!;
        var b = many.FitTransform(FeatureData.Patients, "readmitted_30d").Sparse!;
        a.RowPointers.Should().Equal(b.RowPointers);
        a.ColumnIndices.Should().Equal(b.ColumnIndices);
        a.Values.Should().Equal(b.Values);
    }

    [Fact]
    public void A_failing_step_surfaces_its_own_error_not_a_parallel_wrapper()
    {
        var pipeline = new FeaturePipeline()
            .Add("numeric", ColumnSelector.Names("age", "bmi"), new SimpleImputer(ImputeStrategy.Median), new StandardScaler())
            .Add("smoker", "smoker", new OneHotEncoder())
            .Fit(FeatureData.Patients);
        var act = () => pipeline.Transform(FeatureData.Batch("corrupt"));
        act.Should().Throw<ArgumentException>().WithMessage("SimpleImputer: column 'age' is category; the median needs numbers*");
    }
}
