using Workbench.Data;
using Workbench.Features.Persistence;
using Workbench.Features.Validation;
using Workbench.Testing;

namespace Workbench.Tests.Features;

/// <summary>Schema inference, editing, persistence and every anomaly kind, on the data samples' drifted and corrupt batches.</summary>
public sealed class SchemaValidationTests
{
    private static readonly Lazy<DataSchema> PatientsSchema = new(() => DataSchema.Infer(FeatureData.Patients, new SchemaInferenceOptions { Label = "readmitted_30d" }));

    private static DataSchema Schema => DataSchema.FromJson(PatientsSchema.Value.ToJson());

    [Fact]
    public void Inference_records_types_nulls_ranges_categories_and_the_label_environment()
    {
        var schema = Schema;
        schema.Columns.Select(c => c.Name).Should().Equal(FeatureData.Patients.ColumnNames);
        var age = schema.Column("age");
        age.Type.Should().Be(ColumnType.Int64);
        (age.Min, age.Max).Should().Be((18, 97));
        age.RangeTolerance.Should().Be(0.1);
        age.AllowedRange.Should().Be((18 - 7.9, 97 + 7.9));
        age.IsNullable.Should().BeFalse();

        var bmi = schema.Column("bmi");
        var observed = FeatureData.Patients["bmi"].NullCount / 5000.0;
        bmi.ObservedNullFraction.Should().BeApproximately(observed, 1e-12);
        bmi.MaxNullFraction.Should().BeApproximately(Math.Max(2 * observed, observed + 0.05), 1e-12);

        schema.Column("smoker").Categories.Should().Equal("current", "former", "never");
        schema.Column("department").DistinctCount.Should().Be(6);
        schema.Column("chief_complaint").Type.Should().Be(ColumnType.String, "120 distinct complaints are free text, above the 50-category cap");
        schema.Column("chief_complaint").Categories.Should().BeNull();
        schema.Column("patient_id").Type.Should().Be(ColumnType.String);
        schema.Column("admitted_at").Type.Should().Be(ColumnType.DateTime);
        schema.Column("diabetes").Type.Should().Be(ColumnType.Boolean);
        schema.Column("readmitted_30d").Environments.Should().Equal("training");
    }

    [Fact]
    public void The_unchanged_batch_is_valid_for_training_and_for_serving_without_its_label()
    {
        var batch = FeatureData.Batch("unchanged");
        Schema.Validate(batch).Anomalies.Should().BeEmpty();
        var serving = Schema.Validate(batch.Drop("readmitted_30d"), SchemaEnvironments.Serving);
        serving.IsValid.Should().BeTrue();
        serving.Anomalies.Should().BeEmpty();
        Schema.Validate(batch.Drop("readmitted_30d")).Find("readmitted_30d", AnomalyKind.MissingColumn).Should().NotBeNull("the label is required in training");
        var withLabel = Schema.Validate(batch, SchemaEnvironments.Serving);
        withLabel.IsValid.Should().BeTrue();
        withLabel.Find("readmitted_30d", AnomalyKind.ExtraColumn)!.Expected.Should().Be("not expected in serving (only in training)");
    }

    [Fact]
    public void Too_many_nulls_are_reported_with_counts_fractions_and_example_rows()
    {
        var batch = FeatureData.Batch("missing_values");
        var report = Schema.Validate(batch);
        report.IsValid.Should().BeFalse();
        foreach (var column in new[] { "bmi", "smoker", "systolic_bp", "cholesterol", "glucose" })
        {
            var anomaly = report.Find(column, AnomalyKind.TooManyNulls);
            anomaly.Should().NotBeNull(column);
            anomaly!.Count.Should().Be(batch[column].NullCount);
            anomaly.Fraction.Should().Be(batch[column].NullCount / 1000.0);
            anomaly.Examples.Should().HaveCount(5).And.OnlyContain(e => e.StartsWith("row ", StringComparison.Ordinal));
            batch[column].IsNull(int.Parse(anomaly.Examples[0][4..], System.Globalization.CultureInfo.InvariantCulture)).Should().BeTrue();
        }

        report.Find("smoker", AnomalyKind.TooManyNulls)!.Expected.Should().Be("no missing values");
        report.Find("bmi", AnomalyKind.TooManyNulls)!.Description.Should().StartWith("bmi: 344 rows (34.4 %) are missing; expected at most 7.");
    }

    [Fact]
    public void Unexpected_categories_name_the_new_values()
    {
        var report = Schema.Validate(FeatureData.Batch("new_categories"));
        report.Anomalies.Where(a => a.Kind == AnomalyKind.UnexpectedCategory).Select(a => (a.Column, a.Examples.Single()))
            .Should().Equal(("admission_type", "telehealth"), ("department", "emergency_psychiatry"), ("insurance", "veterans_affairs"));
        report.Find("admission_type", AnomalyKind.UnexpectedCategory)!.Count.Should().Be(
            Enumerable.Range(0, 1000).Count(r => (string?)FeatureData.Batch("new_categories")["admission_type"][r] == "telehealth"));
    }

    [Fact]
    public void A_corrupt_file_read_with_text_columns_validates_into_anomalies_without_throwing()
    {
        var corrupt = FeatureData.Batch("corrupt");
        corrupt["age"].Type.Should().BeOneOf(ColumnType.Categorical, ColumnType.String);
        var report = Schema.Validate(corrupt, source: "corrupt.csv");
        report.Find("cholesterol", AnomalyKind.MissingColumn).Should().NotBeNull();
        report.Find("ward_code", AnomalyKind.ExtraColumn)!.Severity.Should().Be(AnomalySeverity.Warning);
        report.Find("age", AnomalyKind.WrongType)!.Examples.Should().Contain(["sixty", "unknown"]);
        report.Find("systolic_bp", AnomalyKind.WrongType)!.Examples.Should().Contain("high");
        report.Find("age", AnomalyKind.OutOfRange)!.Examples.Should().Contain(["430", "-4"]);
        report.Find("bmi", AnomalyKind.OutOfRange)!.Examples.Should().Contain(["250", "-1"]);

        // The same file read with every column as text gives the same findings.
        var text = Frame.ReadCsv(RepoPaths.Combine("data-samples", "batches", "patients", "corrupt.csv"), new Workbench.Data.Io.CsvReadOptions
        {
            ColumnTypes = corrupt.ColumnNames.ToDictionary(n => n, _ => ColumnType.String),
        });
        var fromText = Schema.Validate(text, source: "corrupt.csv");
        fromText.Anomalies.Select(a => (a.Column, a.Kind, a.Count)).Should().Equal(report.Anomalies.Select(a => (a.Column, a.Kind, a.Count)));
    }

    [Fact]
    public void Integers_with_fractions_and_unparsable_dates_and_booleans_are_wrong_types()
    {
        var schema = new DataSchema();
        schema.Add("visits", ColumnType.Int64);
        schema.Add("at", ColumnType.DateTime);
        schema.Add("flag", ColumnType.Boolean);
        var frame = Frame.FromArrays(
            ("visits", new[] { 1.0, 2.5, 3.0 }),
            ("at", new[] { "2025-01-06T08:00:00", "yesterday", "2025-01-06" }),
            ("flag", new[] { "true", "0", "maybe" }));
        var report = schema.Validate(frame);
        report.Anomalies.Select(a => (a.Column, a.Kind, a.Examples.Single())).Should().Equal(
            ("visits", AnomalyKind.WrongType, "2.5"), ("at", AnomalyKind.WrongType, "yesterday"), ("flag", AnomalyKind.WrongType, "maybe"));
    }

    [Fact]
    public void Row_errors_give_serving_each_bad_cell_with_row_column_value_and_reason()
    {
        var corrupt = FeatureData.Batch("corrupt").Drop("readmitted_30d");
        var errors = Schema.CheckRows(corrupt, SchemaEnvironments.Serving);
        errors[0].Should().Be(new RowError(null, "cholesterol", null, AnomalyKind.MissingColumn, "the column is missing; expected float64 in [100, 315.4] ± 21.54"));
        var unknown = errors.First(e => e.Value == "unknown");
        unknown.Column.Should().Be("age");
        unknown.Kind.Should().Be(AnomalyKind.WrongType);
        unknown.Reason.Should().Be("'unknown' is not int64");
        ((string?)corrupt["age"][unknown.Row!.Value]).Should().Be("unknown");
        errors.Should().Contain(e => e.Column == "bmi" && e.Value == "250" && e.Reason == "250 is above the allowed maximum 50.09");
        errors.Where(e => e.Row is not null).Select(e => e.Row!.Value).Should().BeInAscendingOrder();
        errors.Should().NotContain(e => e.Column == "ward_code", "extra columns are not errors for a request");
        errors.Should().NotContain(e => e.Column == "bmi" && e.Kind == AnomalyKind.TooManyNulls, "bmi may be missing");
        Schema.CheckRows(corrupt, SchemaEnvironments.Serving, maxErrors: 3).Should().HaveCount(3);
        Schema.CheckRows(FeatureData.Batch("unchanged"), SchemaEnvironments.Serving).Should().BeEmpty();
    }

    [Fact]
    public void Row_errors_on_float_columns_without_nulls_name_every_bad_cell()
    {
        // Float columns with no null mask: what a served CSV request becomes. A clean one is skipped whole; any other
        // is checked cell by cell.
        var schema = new DataSchema();
        schema.Add("clean", ColumnType.Double).WithRange(0, 10);
        schema.Add("range", ColumnType.Double).WithRange(0, 10);
        schema.Add("nan", ColumnType.Double).WithRange(0, 10);
        schema.Add("inf", ColumnType.Double);
        schema.Add("count", ColumnType.Int64).WithRange(0, 10);
        var frame = new Frame(
            new DoubleColumn("clean", new[] { 0.0, 5.0, 10.0 }),
            new DoubleColumn("range", new[] { 1.0, 10.5, -0.5 }),
            new DoubleColumn("nan", new[] { 1.0, double.NaN, 2.0 }),
            new DoubleColumn("inf", new[] { double.NegativeInfinity, 1e300, 0.0 }),
            new DoubleColumn("count", new[] { 3.0, 4.0, 2.5 }));
        var errors = schema.CheckRows(frame, SchemaEnvironments.Serving);
        errors.Select(e => (e.Row, e.Column, e.Kind)).Should().Equal(
            (0, "inf", AnomalyKind.OutOfRange),
            (1, "range", AnomalyKind.OutOfRange),
            (1, "nan", AnomalyKind.TooManyNulls),
            (2, "range", AnomalyKind.OutOfRange),
            (2, "count", AnomalyKind.WrongType));
        var clean = new Frame(frame.Columns.Select(c => (Column)new DoubleColumn(c.Name, new[] { 0.0, 4.0, 10.0 })));
        schema.CheckRows(clean, SchemaEnvironments.Serving).Should().BeEmpty();
    }

    [Fact]
    public void Editing_the_schema_changes_what_validation_accepts()
    {
        var schema = Schema;
        var batch = FeatureData.Batch("new_categories");
        schema.Column("admission_type").AddCategories("telehealth");
        schema.Column("department").AnyCategory();
        schema.Remove("insurance");
        var report = schema.Validate(batch);
        report.Anomalies.Where(a => a.Kind == AnomalyKind.UnexpectedCategory).Should().BeEmpty();
        report.Find("insurance", AnomalyKind.ExtraColumn).Should().NotBeNull();

        schema.Column("age").WithRange(40, 60).WithTolerance(0);
        schema.Validate(batch).Find("age", AnomalyKind.OutOfRange)!.Count.Should().Be(
            Enumerable.Range(0, 1000).Count(r => (long)batch["age"][r]! is < 40 or > 60));
        schema.Column("age").Optional();
        schema.Validate(batch.Drop("age")).Find("age", AnomalyKind.MissingColumn).Should().BeNull();
        FluentActions.Invoking(() => schema.Column("agee")).Should().Throw<ColumnNotFoundException>().WithMessage("*age*");
        FluentActions.Invoking(() => schema.Column("smoker").WithRange(0, 1)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Bad_calls_throw_but_bad_data_never_does()
    {
        FluentActions.Invoking(() => Schema.Validate(FeatureData.Patients, "production")).Should().Throw<ArgumentException>()
            .WithMessage("the schema knows the environments training, serving, not 'production'.*");
        FluentActions.Invoking(() => Schema.Validate(null!)).Should().Throw<ArgumentNullException>();
        var weird = Frame.FromArrays(("age", new[] { double.NaN, double.PositiveInfinity, 40 }), ("smoker", new[] { 1L, 2, 3 }));
        var report = Schema.Validate(weird);
        report.Find("age", AnomalyKind.OutOfRange)!.Count.Should().Be(1);
        report.Find("age", AnomalyKind.TooManyNulls)!.Count.Should().Be(1, "NaN counts as missing");
        report.Find("smoker", AnomalyKind.UnexpectedCategory)!.Examples.Should().Equal("1", "2", "3");
        FluentActions.Invoking(() => report.ThrowIfInvalid()).Should().Throw<SchemaValidationException>().WithMessage("*missing_column*".Replace("missing_column", "the column is missing"));
    }

    [Fact]
    public void A_saved_schema_loads_back_equal_and_writes_the_same_bytes()
    {
        using var folder = new TempDirectory("wb-schema");
        var schema = Schema;
        schema.Column("age").WithRange(0, 120);
        schema.Save(folder.File("schema.json"));
        var loaded = DataSchema.Load(folder.File("schema.json"));
        loaded.ToJson().Should().Be(schema.ToJson());
        loaded.Column("age").Max.Should().Be(120);
        loaded.Column("readmitted_30d").Environments.Should().Equal("training");
        loaded.Validate(FeatureData.Batch("corrupt")).Anomalies.Should().BeEquivalentTo(schema.Validate(FeatureData.Batch("corrupt")).Anomalies);
        loaded.Save(folder.File("again.json"));
        File.ReadAllBytes(folder.File("again.json")).Should().Equal(File.ReadAllBytes(folder.File("schema.json")));
    }

    [Theory]
    [InlineData("\"version\": 1", "\"version\": 3", "$.version: version 3 is not supported*")]
    [InlineData("\"type\": \"int64\"", "\"type\": \"integer128\"", "$.columns[*].type: 'integer128' is not a column type*")]
    [InlineData("\"max_null_fraction\": 0,", "\"max_null_fraction\": \"none\",", "$.columns[0].max_null_fraction: expected a number, found the string \"none\"")]
    [InlineData("\"environments\": [", "\"environment\": [", "$.columns[18]: unknown field 'environment'*")]
    public void A_corrupted_schema_file_names_the_JSON_path(string find, string replace, string message)
    {
        using var folder = new TempDirectory("wb-schema");
        var json = Schema.ToJson();
        json.Should().Contain(find);
        var index = json.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllText(folder.File("schema.json"), json[..index] + replace + json[(index + find.Length)..]);
        FluentActions.Invoking(() => DataSchema.Load(folder.File("schema.json"))).Should().Throw<DocumentFormatException>()
            .WithMessage($"{folder.File("schema.json")}: {message}");
    }
}
