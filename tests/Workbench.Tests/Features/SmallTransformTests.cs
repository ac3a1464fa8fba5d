using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Text;

namespace Workbench.Tests.Features;

/// <summary>Behaviour of the transforms that have no scikit-learn counterpart to compare with, or details the cross-checks do not reach.</summary>
public sealed class SmallTransformTests
{
    [Fact]
    public void The_tokenizer_finds_runs_of_two_or_more_word_characters_and_forms_ngrams_after_stop_words()
    {
        var tokenizer = new Tokenizer(stopWords: StopWords.English, ngramRange: (1, 2));
        tokenizer.Tokenize("Chest-pain, x2 I a_b 日本 ½½").Should().Equal("chest", "pain", "x2", "a_b", "日本", "½½");
        tokenizer.Analyze("pain in the left arm").Should().Equal("pain", "left", "arm", "pain left", "left arm");
        new Tokenizer(lowercase: false).Tokenize("ECG Normal").Should().Equal("ECG", "Normal");
        new Tokenizer(tokenPattern: @"(?u)\b(\w+)\b").Tokenize("a bb").Should().Equal("a", "bb");
        FluentActions.Invoking(() => new Tokenizer(tokenPattern: "(a)(b)")).Should().Throw<ArgumentException>().WithMessage("*more than one capturing group*");
        FluentActions.Invoking(() => new Tokenizer(ngramRange: (2, 1))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void DateTimeFeatures_extract_calendar_parts_and_cyclical_pairs_and_parse_ISO_text()
    {
        var frame = Frame.FromArrays(("at", new DateTime?[] { new DateTime(2024, 12, 28, 23, 0, 0), null, new DateTime(2024, 1, 1, 6, 30, 0) }));
        var parts = new DateTimeFeatures(DateParts.Year | DateParts.Month | DateParts.DayOfWeek | DateParts.Hour | DateParts.IsWeekend).FitTransform(frame);
        parts.ColumnNames.Should().Equal("at_year", "at_month", "at_dayofweek", "at_hour", "at_is_weekend");
        FeatureData.Values(parts["at_dayofweek"]).Should().Equal(5, null, 0);
        FeatureData.Values(parts["at_is_weekend"]).Should().Equal(1, null, 0);

        var cyclical = new DateTimeFeatures(DateParts.Month, cyclical: true).FitTransform(frame);
        cyclical.ColumnNames.Should().Equal("at_month_sin", "at_month_cos");
        ((double)cyclical["at_month_sin"][0]!).Should().BeApproximately(Math.Sin(2 * Math.PI * 12 / 12), 1e-12);

        var text = Frame.FromArrays(("at", new[] { "2024-12-28T23:00:00", "not a date" }));
        FluentActions.Invoking(() => new DateTimeFeatures().FitTransform(text)).Should().Throw<ArgumentException>()
            .WithMessage("DateTimeFeatures: column 'at', row 1: 'not a date' is not an ISO 8601 timestamp.");
    }

    [Fact]
    public void Named_interaction_pairs_follow_the_inputs()
    {
        var frame = Frame.FromArrays(("age", new[] { 60.0, 40 }), ("bmi", new double?[] { 30, null }), ("stay", new[] { 2.0, 3 }));
        var pairs = new InteractionFeatures { Pairs = [("age", "bmi"), ("age", "stay")] };
        var result = pairs.FitTransform(frame);
        result.ColumnNames.Should().Equal("age", "bmi", "stay", "age*bmi", "age*stay");
        FeatureData.Values(result["age*bmi"]).Should().Equal(1800, null);
        FeatureData.Values(result["age*stay"]).Should().Equal(120, 120);
        FluentActions.Invoking(() => new InteractionFeatures { Pairs = [("age", "weight")] }.Fit(frame)).Should().Throw<ArgumentException>()
            .WithMessage("InteractionFeatures: the pair names column 'weight', which is not among the inputs (age, bmi, stay).");
        new InteractionFeatures { IncludeBias = true }.Fit(frame.Select("age", "stay")).GetFeatureNamesOut().Should().Equal("1", "age", "stay", "age^2", "age*stay", "stay^2");
    }

    [Fact]
    public void Text_imputation_keeps_categories_and_adds_the_fill_value()
    {
        var batch = FeatureData.Batch("missing_values").Select("smoker");
        var imputer = new SimpleImputer(ImputeStrategy.Constant) { AddIndicator = true };
        var filled = imputer.FitTransform(batch);
        filled["smoker"].Type.Should().Be(ColumnType.Categorical);
        filled["smoker"].NullCount.Should().Be(0);
        filled.Get<CategoricalColumn>("smoker").Categories.Should().Contain("missing_value");
        FeatureData.Values(filled["smoker_is_missing"]).Count(v => v == 1).Should().Be(batch["smoker"].NullCount);
        imputer.Statistics.Should().Equal("missing_value");
    }

    [Fact]
    public void CountOrFraction_keeps_integers_as_counts_and_decimals_as_fractions()
    {
        CountOrFraction count = 2;
        CountOrFraction fraction = 0.5;
        count.Resolve(10).Should().Be(2);
        fraction.Resolve(10).Should().Be(5);
        CountOrFraction.Parse(count.ToString()).Should().Be(count);
        CountOrFraction.Parse(fraction.ToString()).Should().Be(fraction);
        CountOrFraction.Parse("1.0").Fraction.Should().Be(1.0);
        FluentActions.Invoking(() => CountOrFraction.OfFraction(1.5)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void SparseFeatures_hand_over_a_float32_matrix_with_the_same_entries()
    {
        var tfidf = new TfidfVectorizer().FitTransform(new[] { "chest pain", "pain pain", "fever" }, "note");
        var matrix = tfidf.ToSparseMatrix();
        matrix.ColumnNames.Should().Equal("note:chest", "note:fever", "note:pain");
        matrix.RowPointers.Should().Equal(tfidf.RowPointers);
        matrix.Values.Should().Equal(tfidf.Values.Select(v => (float)v));
        tfidf.Density.Should().BeApproximately(4 / 9.0, 1e-12);
    }
}
