using AngleSharp.Html.Parser;
using Workbench.Data;
using Workbench.Extension.Monitoring;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Drift;
using Workbench.Testing;

namespace Workbench.Extension.Tests.Monitoring;

/// <summary>A baseline and a drift result on their own render as tables: one row per column, drifted columns first with their overlays.</summary>
public sealed class BaselineAndDriftRenderingTests
{
    private static readonly Frame Patients = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv"));
    private static readonly Baseline Baseline = Baseline.Fit(Patients, new BaselineOptions { Target = "readmitted_30d", Timestamp = "admitted_at" });

    private static T Formatter<T>() => new WorkbenchFormatterSource().CreateTypeFormatters().OfType<T>().Single();

    [Fact]
    public void A_baseline_renders_a_row_per_column_with_its_constraint()
    {
        using var writer = new StringWriter();

        Formatter<BaselineHtmlFormatter>().Format(Baseline, writer).Should().BeTrue();

        var rows = new HtmlParser().ParseDocument(writer.ToString()).QuerySelectorAll("table.wb-baseline tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        rows.Select(r => r[0]).Should().Equal(Patients.ColumnNames);
        var bmi = rows.Single(r => r[0] == "bmi");
        bmi[2].Should().Be("Numeric");
        bmi[4].Should().Be("2.7 %");
        bmi[7].Should().Be("0.9598");
        rows.Single(r => r[0] == "smoker")[8].Should().Be("3 labels");
        rows.Single(r => r[0] == "patient_id")[3].Should().Be("Identifier");
    }

    [Fact]
    public void A_drift_result_lists_drifted_columns_first_and_draws_them()
    {
        var batch = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "batches", "patients", "covariate_shift.csv"));
        var drift = DataDrift.Detect(Baseline, batch);
        using var writer = new StringWriter();

        Formatter<DataDriftHtmlFormatter>().Format(drift, writer).Should().BeTrue();

        var document = new HtmlParser().ParseDocument(writer.ToString());
        document.QuerySelector("h4")!.TextContent.Should().Be(drift.ToString());
        var rows = document.QuerySelectorAll("table.wb-drift tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        rows.Select(r => r[0]).Should().Equal(drift.Ordered.Select(c => c.Column));
        rows.Take(drift.Columns.Count(c => c.Drifted)).Should().OnlyContain(r => r[4] == "drift");
        document.QuerySelectorAll(".wb-plot").Length.Should().Be(drift.Columns.Count(c => c.Drifted));
        rows.Single(r => r[0] == "chief_complaint")[1].Should().Be("Jensen-Shannon distance");
        rows.Should().NotContain(r => r[0] == "patient_id" || r[0] == "admitted_at", "identifiers and timestamps are not tested for drift");
    }
}
