using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Text;

namespace Workbench.Tests.Features;

/// <summary>The bad inputs: each a clear error naming what is wrong, or a documented policy, never a silent NaN.</summary>
public sealed class TransformBadInputTests
{
    public static TheoryData<FeatureTransform> EveryKind => new()
    {
        new SimpleImputer(),
        new StandardScaler(),
        new MinMaxScaler(),
        new RobustScaler(),
        new OneHotEncoder(),
        new OrdinalEncoder(),
        new TargetEncoder(),
        new KBinsDiscretizer(),
        new PowerTransformer(),
        new LogTransform(),
        new InteractionFeatures(),
        new DateTimeFeatures(),
        new CountVectorizer(),
        new TfidfVectorizer(),
        new HashingVectorizer(),
        new FeatureHasher(),
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Transform_before_Fit_is_an_error_naming_the_transform(FeatureTransform transform)
    {
        var act = () => transform.TransformFeatures(Frame.FromArrays(("x", new[] { 1.0, 2.0 })));
        act.Should().Throw<NotFittedException>().WithMessage($"{transform.GetType().Name} is not fitted yet: call Fit(frame) before Transform.");
        transform.IsFitted.Should().BeFalse();
        FluentActions.Invoking(() => transform.GetFeatureNamesOut()).Should().Throw<NotFittedException>().WithMessage($"*{transform.GetType().Name}*");
    }

    [Fact]
    public void A_column_missing_at_transform_time_is_named_with_the_closest_columns()
    {
        var scaler = new StandardScaler().Fit(FeatureData.Patients.Select("age", "bmi"));
        var act = () => scaler.Transform(FeatureData.Patients.Rename(("bmi", "BMI")));
        act.Should().Throw<ArgumentException>().WithMessage("StandardScaler was fitted on column 'bmi', which the frame lacks*BMI*");
    }

    [Fact]
    public void New_categories_fail_by_default_naming_the_column_values_and_first_rows()
    {
        var encoder = new OneHotEncoder().Fit(FeatureData.Patients.Select("admission_type", "department"));
        var batch = FeatureData.Batch("new_categories");
        var act = () => encoder.Transform(batch.Select("admission_type", "department"));
        act.Should().Throw<ArgumentException>()
            .WithMessage("OneHotEncoder: column 'admission_type' has * rows with categories not seen at fit time: 'telehealth' (* rows, first at row *)*HandleUnknown*");
    }

    [Fact]
    public void New_categories_become_zeros_or_the_infrequent_column_when_asked()
    {
        var train = FeatureData.Patients.Select("admission_type");
        var batch = FeatureData.Batch("new_categories").Select("admission_type");
        var telehealth = Enumerable.Range(0, batch.RowCount).First(r => (string?)batch["admission_type"][r] == "telehealth");

        var ignoring = new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.Ignore }.Fit(train).Transform(batch);
        ignoring.Columns.Select(c => (double)c[telehealth]!).Should().OnlyContain(v => v == 0);

        var grouping = new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.InfrequentIfExist, MaxCategories = 3 }.Fit(train);
        grouping.GetFeatureNamesOut().Should().Contain("admission_type=infrequent");
        grouping.Transform(batch)["admission_type=infrequent"][telehealth].Should().Be(1.0);
    }

    [Fact]
    public void An_all_missing_column_cannot_be_imputed_by_a_statistic_but_can_be_kept_with_the_constant()
    {
        var frame = Frame.FromArrays(("empty", new double?[] { null, null, null }), ("x", new double?[] { 1, null, 3 }));
        var act = () => new SimpleImputer(ImputeStrategy.Median).Fit(frame);
        act.Should().Throw<ArgumentException>().WithMessage("SimpleImputer: column 'empty' has no values at all, so it has no median*KeepEmptyFeatures*");

        var kept = new SimpleImputer(ImputeStrategy.Median) { KeepEmptyFeatures = true }.FitTransform(frame);
        FeatureData.Values(kept["empty"]).Should().Equal(0, 0, 0);
        FeatureData.Values(kept["x"]).Should().Equal(1, 2, 3);

        FluentActions.Invoking(() => new StandardScaler().Fit(frame)).Should().Throw<ArgumentException>().WithMessage("StandardScaler: column 'empty' has no values at all*");
        FluentActions.Invoking(() => new MinMaxScaler().Fit(frame)).Should().Throw<ArgumentException>().WithMessage("MinMaxScaler: column 'empty'*");
        FluentActions.Invoking(() => new RobustScaler().Fit(frame)).Should().Throw<ArgumentException>().WithMessage("RobustScaler: column 'empty'*");
    }

    [Fact]
    public void A_constant_column_gets_scale_one_as_in_scikit_learn_so_it_becomes_zeros_not_NaN()
    {
        var frame = Frame.FromArrays(("constant", new[] { 7.0, 7.0, 7.0, 7.0 }), ("x", new[] { 1.0, 2.0, 3.0, 4.0 }));
        var standard = new StandardScaler().Fit(frame);
        standard.Scale[0].Should().Be(1);
        FeatureData.Values(standard.Transform(frame)["constant"]).Should().Equal(0, 0, 0, 0);
        FeatureData.Values(new MinMaxScaler().FitTransform(frame)["constant"]).Should().Equal(0, 0, 0, 0);
        FeatureData.Values(new RobustScaler().FitTransform(frame)["constant"]).Should().Equal(0, 0, 0, 0);
        new KBinsDiscretizer(3, BinStrategy.Uniform, BinEncoding.OneHot).Fit(frame).GetFeatureNamesOut().Should().Contain("constant=all");
    }

    [Fact]
    public void Missing_values_pass_through_scalers_as_missing_cells_not_NaN_values()
    {
        var frame = Frame.FromArrays(("x", new double?[] { 1, null, 3 }));
        var scaled = new StandardScaler().FitTransform(frame);
        scaled["x"].IsNull(1).Should().BeTrue();
        scaled["x"].NullCount.Should().Be(1);
    }

    [Fact]
    public void Text_in_a_numeric_transform_and_numbers_in_a_vectorizer_are_refused_by_name()
    {
        var frame = FeatureData.Patients.Select("age", "smoker");
        FluentActions.Invoking(() => new StandardScaler().Fit(frame)).Should().Throw<ArgumentException>()
            .WithMessage("StandardScaler: column 'smoker' is category, not numeric; encode it first*");
        FluentActions.Invoking(() => new SimpleImputer(ImputeStrategy.Mean).Fit(frame)).Should().Throw<ArgumentException>()
            .WithMessage("SimpleImputer: column 'smoker' is category; the mean needs numbers*");
        FluentActions.Invoking(() => new TfidfVectorizer().Fit(frame.Select("age"))).Should().Throw<ArgumentException>()
            .WithMessage("TfidfVectorizer: column 'age' is int64, not text.");
        FluentActions.Invoking(() => new CountVectorizer().Fit(frame)).Should().Throw<ArgumentException>()
            .WithMessage("CountVectorizer takes one text column, got 2*");
    }

    [Fact]
    public void Infinite_values_are_refused_with_the_row()
    {
        var frame = Frame.FromArrays(("x", new[] { 1.0, double.PositiveInfinity }));
        FluentActions.Invoking(() => new StandardScaler().Fit(frame)).Should().Throw<ArgumentException>()
            .WithMessage("StandardScaler: column 'x', row 1: the value is Infinity*");
    }

    [Fact]
    public void Log_and_Box_Cox_refuse_values_outside_their_domain_by_row()
    {
        var frame = Frame.FromArrays(("stay", new[] { 2.0, 0.0, 5.0 }));
        FluentActions.Invoking(() => new LogTransform().Fit(frame)).Should().Throw<ArgumentException>()
            .WithMessage("LogTransform: column 'stay', row 1: log(0 + 0) is undefined*");
        FeatureData.Values(new LogTransform { Offset = 1 }.FitTransform(frame)["stay"]).Should().Equal(Math.Log(3), 0, Math.Log(6));
        FluentActions.Invoking(() => new PowerTransformer(PowerMethod.BoxCox).Fit(frame)).Should().Throw<ArgumentException>()
            .WithMessage("PowerTransformer: column 'stay', row 1: 0 is not strictly positive*");
    }

    [Fact]
    public void Vectorizers_say_when_nothing_is_left_to_count()
    {
        var documents = new[] { "the and of", "a to in" };
        FluentActions.Invoking(() => new CountVectorizer { StopWords = StopWords.English }.Fit(documents)).Should().Throw<ArgumentException>()
            .WithMessage("*vocabulary of column 'text' is empty; perhaps the documents only contain stop words.");
        FluentActions.Invoking(() => new CountVectorizer { MinDf = 2 }.Fit(new[] { "alpha beta", "gamma delta" })).Should().Throw<ArgumentException>()
            .WithMessage("*no terms of column 'text' remain; try a lower MinDf or a higher MaxDf.");
        FluentActions.Invoking(() => new CountVectorizer { MinDf = 3, MaxDf = 0.5 }.Fit(new[] { "alpha", "beta", "gamma" })).Should().Throw<ArgumentException>()
            .WithMessage("*MaxDf (0.5) corresponds to fewer documents than MinDf (3)*");
    }

    [Fact]
    public void A_missing_document_is_an_empty_one()
    {
        var counts = new CountVectorizer().FitTransform(new[] { "chest pain", null, "pain" });
        counts.DenseRow(1).Should().OnlyContain(v => v == 0);
        counts.DenseRow(2).Should().Equal(0, 1);
    }

    [Fact]
    public void Unknown_categories_in_an_ordinal_encoder_fail_or_take_the_unknown_value()
    {
        var train = Frame.FromArrays(("smoker", new[] { "never", "former", "current" }));
        var batch = Frame.FromArrays(("smoker", new[] { "never", "vaping", null }));
        FluentActions.Invoking(() => new OrdinalEncoder().Fit(train).Transform(batch)).Should().Throw<ArgumentException>()
            .WithMessage("OrdinalEncoder: column 'smoker' has 1 rows with categories not seen at fit time: 'vaping' (1 row, first at row 1)*");
        var encoded = new OrdinalEncoder { HandleUnknown = OrdinalUnknownPolicy.UseEncodedValue, UnknownValue = -1, EncodedMissingValue = -2 }.Fit(train).Transform(batch);
        FeatureData.Values(encoded["smoker"]).Should().Equal(2, -1, -2);
        FluentActions.Invoking(() => new OrdinalEncoder { HandleUnknown = OrdinalUnknownPolicy.UseEncodedValue, UnknownValue = 1 }.Fit(train)).Should().Throw<ArgumentException>()
            .WithMessage("*UnknownValue 1 is also the code of category 'former'*");
    }

    [Fact]
    public void Given_categories_fix_the_order_and_refuse_other_values_at_fit_time()
    {
        var frame = Frame.FromArrays(("smoker", new[] { "never", "former", "current", "never" }));
        var order = new Dictionary<string, IReadOnlyList<string>> { ["smoker"] = ["never", "former", "current"] };
        FeatureData.Values(new OrdinalEncoder { Categories = order }.FitTransform(frame)["smoker"]).Should().Equal(0, 1, 2, 0);
        new OneHotEncoder { Categories = order }.Fit(frame).GetFeatureNamesOut().Should().Equal("smoker=never", "smoker=former", "smoker=current");
        var narrow = new Dictionary<string, IReadOnlyList<string>> { ["smoker"] = ["never", "former"] };
        FluentActions.Invoking(() => new OneHotEncoder { Categories = narrow }.Fit(frame)).Should().Throw<ArgumentException>()
            .WithMessage("OneHotEncoder: column 'smoker' has values outside the categories given for it: 'current'.");
    }
}
