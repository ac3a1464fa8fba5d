using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Workbench.Data;
using Workbench.Extension.Features;
using Workbench.Features;
using Workbench.Features.Text;
using Workbench.Features.Validation;
using Workbench.Testing;

namespace Workbench.Extension.Tests.Features;

public sealed class FeatureRenderingTests
{
    private static readonly Lazy<Frame> Patients = new(() => Frame.ReadCsv(RepoPaths.Combine("data-samples", "patients.csv")));

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static Frame Batch(string name) => Frame.ReadCsv(RepoPaths.Combine("data-samples", "batches", "patients", name + ".csv"));

    private static FeaturePipeline Pipeline() => new FeaturePipeline()
        .Add("numeric", ColumnSelector.Names("age", "bmi"), new SimpleImputer(ImputeStrategy.Median), new StandardScaler())
        .Add("categorical", ColumnSelector.Names("smoker", "department"), new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.Ignore })
        .Add("complaint", "chief_complaint", new TfidfVectorizer { MinDf = 2 });

    [Fact]
    public void A_fitted_pipeline_shows_each_step_its_columns_its_transform_chain_and_its_features()
    {
        var pipeline = Pipeline().Fit(Patients.Value, "readmitted_30d");
        var document = Parse(PlotlyPage.Render<FeaturePipelineHtmlFormatter>(pipeline));
        var table = document.QuerySelector("table.wb-pipeline")!;
        table.QuerySelector("caption")!.TextContent.Should().Be($"FeaturePipeline: 3 steps, 5 input columns → {pipeline.GetFeatureNamesOut().Count} features");
        var rows = table.QuerySelectorAll("tbody tr").ToArray();
        rows.Select(r => r.QuerySelector("td")!.TextContent).Should().Equal("numeric", "categorical", "complaint");
        rows[0].QuerySelectorAll("td")[1].QuerySelectorAll(".wb-chip").Select(c => c.TextContent).Should().Equal("age", "bmi");
        rows[0].QuerySelectorAll(".wb-step").Select(s => s.TextContent).Should().Equal("SimpleImputer(median)", "StandardScaler");
        rows[0].QuerySelectorAll(".wb-arrow").Should().HaveCount(1);
        rows[1].QuerySelectorAll("td")[3].TextContent.Should().Be("9");
        rows[1].QuerySelectorAll("td")[4].QuerySelectorAll(".wb-chip").Select(c => c.TextContent).Should().StartWith(["smoker=current", "smoker=former"]);
        rows[2].QuerySelectorAll("td")[3].TextContent.Should().EndWith("(sparse)");
        rows[2].QuerySelector("details summary")!.TextContent.Should().EndWith("more");
        document.QuerySelector("div.wb-muted")!.TextContent.Should().Contain("target readmitted_30d (kept out of the features)");
    }

    [Fact]
    public void An_unfitted_pipeline_shows_its_selectors()
    {
        var document = Parse(PlotlyPage.Render<FeaturePipelineHtmlFormatter>(new FeaturePipeline().Add("numbers", ColumnSelector.Numeric().Except("readmitted_30d"), new RobustScaler())));
        document.QuerySelector("caption")!.TextContent.Should().Be("FeaturePipeline: 1 steps, not fitted");
        document.QuerySelectorAll("tbody td")[1].TextContent.Should().Be("type float64, float32, int64 except readmitted_30d");
    }

    [Fact]
    public void A_feature_matrix_shows_shape_storage_blocks_and_a_preview()
    {
        var matrix = Pipeline().FitTransform(Patients.Value, "readmitted_30d");
        var document = Parse(PlotlyPage.Render<FeatureMatrixHtmlFormatter>(matrix));
        var caption = document.QuerySelector("table.wb-pipeline caption")!.TextContent;
        caption.Should().StartWith($"FeatureMatrix: 5,000 rows × {matrix.Columns} features, float32, sparse (CSR)");
        document.QuerySelectorAll("table.wb-pipeline tbody tr").Select(r => r.QuerySelector("td")!.TextContent).Should().Equal("numeric", "categorical", "complaint");
        var preview = document.QuerySelectorAll("table.wb-table")[1];
        preview.QuerySelectorAll("tbody tr").Should().HaveCount(5);
        preview.QuerySelectorAll("thead th").Skip(1).Select(h => h.ChildNodes[0].TextContent).Should().StartWith(["age", "bmi", "smoker=current"]);
        var age = double.Parse(preview.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td")[1].TextContent, System.Globalization.CultureInfo.InvariantCulture);
        age.Should().BeApproximately(matrix[0, 0], 1e-4);
    }

    [Fact]
    public void An_anomaly_report_highlights_errors_and_warnings_with_counts_fractions_and_examples()
    {
        var schema = DataSchema.Infer(Patients.Value, new SchemaInferenceOptions { Label = "readmitted_30d" });
        var report = schema.Validate(Batch("corrupt"), source: "corrupt.csv");
        var document = Parse(PlotlyPage.Render<ValidationReportHtmlFormatter>(report));
        document.QuerySelector(".wb-summary .wb-bad")!.TextContent.Should().Be($"invalid: {report.Errors.Count()} errors");
        document.QuerySelector(".wb-summary .wb-warn")!.TextContent.Should().Be("1 warning");
        document.QuerySelector(".wb-summary")!.TextContent.Should().Contain("corrupt.csv: 300 rows × 19 columns, checked for training");
        var rows = document.QuerySelectorAll("table.wb-anomalies tbody tr").ToArray();
        rows.Should().HaveCount(report.Anomalies.Count);
        var wrongAge = rows.Single(r => r.QuerySelectorAll("td")[0].TextContent == "age" && r.QuerySelectorAll("td")[1].TextContent == "wrong type");
        wrongAge.ClassName.Should().Be("wb-bad");
        wrongAge.QuerySelectorAll("td")[4].QuerySelectorAll(".wb-chip").Select(c => c.TextContent).Should().Contain(["sixty", "unknown"]);
        wrongAge.QuerySelectorAll("td")[5].TextContent.Should().Be("int64 in [18, 97] ± 7.9");
        var ward = rows.Single(r => r.QuerySelectorAll("td")[0].TextContent == "ward_code");
        ward.ClassName.Should().Be("wb-warn");
        ward.QuerySelectorAll("td")[1].TextContent.Should().Be("extra column");
        var missing = rows.Single(r => r.QuerySelectorAll("td")[1].TextContent == "missing column");
        missing.QuerySelectorAll("td")[3].TextContent.Should().Be("100.0 %");
        missing.QuerySelector(".wb-fraction")!.GetAttribute("style").Should().Be("width:60px");
    }

    [Fact]
    public void A_clean_batch_renders_as_valid_without_a_table()
    {
        var schema = DataSchema.Infer(Patients.Value, new SchemaInferenceOptions { Label = "readmitted_30d" });
        var document = Parse(PlotlyPage.Render<ValidationReportHtmlFormatter>(schema.Validate(Batch("unchanged"))));
        document.QuerySelector(".wb-summary .wb-good")!.TextContent.Should().Be("valid");
        document.QuerySelector("table").Should().BeNull();
        document.QuerySelector("div.wb-good")!.TextContent.Should().StartWith("No anomalies");
    }

    [Fact]
    public void A_schema_lists_types_presence_missing_values_ranges_and_categories()
    {
        var schema = DataSchema.Infer(Patients.Value, new SchemaInferenceOptions { Label = "readmitted_30d" });
        var document = Parse(PlotlyPage.Render<DataSchemaHtmlFormatter>(schema));
        var rows = document.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("td")!.TextContent, r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray());
        rows["age"][1..5].Should().Equal("int64", "required", "none", "[18, 97] ± 10.0 %");
        rows["bmi"][3].Should().StartWith("≤ 7.");
        rows["smoker"][5].Should().Be("currentformernever");
        rows["chief_complaint"][5].Should().Be("any (free text)");
        rows["readmitted_30d"][2].Should().Be("required in training");
    }

    [Fact]
    public void Row_errors_render_row_column_value_and_reason_with_markup_encoded()
    {
        var schema = new DataSchema();
        schema.Add("note", ColumnType.Categorical).WithCategories(["ok"]);
        var errors = schema.CheckRows(Frame.FromArrays(("note", new[] { "ok", "<script>x</script>" })));
        var document = Parse(PlotlyPage.Render<RowErrorsHtmlFormatter>(errors));
        var cells = document.QuerySelectorAll("tbody td").Select(c => c.TextContent).ToArray();
        cells.Should().Equal("1", "note", "<script>x</script>", "'<script>x</script>' is not one of the allowed categories");
        document.QuerySelectorAll("script").Should().BeEmpty();
    }
}
