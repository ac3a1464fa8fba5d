using AngleSharp.Html.Parser;
using Workbench.Data;
using Workbench.Extension.Monitoring;
using Workbench.Extension.Plotly;
using Workbench.Monitoring;
using Workbench.Monitoring.Baselines;
using Workbench.Testing;

namespace Workbench.Extension.Tests.Monitoring;

/// <summary>The monitoring report inline and as a standalone offline page: decision, summary, drift table order, overlays, time series.</summary>
public sealed class MonitoringReportRenderingTests
{
    private static readonly Lazy<MonitoringReport> Shifted = new(() =>
    {
        var baseline = Baseline.Fit(Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv")),
            new BaselineOptions { Target = "readmitted_30d", Timestamp = "admitted_at" });
        var batch = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "batches", "patients", "covariate_shift.csv"));
        return new ModelMonitor(baseline).Check(batch, "admitted_at", TimeSpan.FromHours(6), "covariate </script> shift");
    });

    [Fact]
    public void The_inline_report_shows_the_decision_summary_and_drifted_columns_first()
    {
        var report = Shifted.Value;
        var formatter = new WorkbenchFormatterSource().CreateTypeFormatters().OfType<MonitoringReportHtmlFormatter>().Single();
        using var writer = new StringWriter();

        formatter.Format(report, writer).Should().BeTrue();

        var document = new HtmlParser().ParseDocument(writer.ToString());
        document.QuerySelector("h3 [data-tier]")!.GetAttribute("data-tier").Should().Be(report.Tier.ToString().ToLowerInvariant());
        document.QuerySelector(".wb-decision")!.TextContent.Should().Contain(report.Decision.Summary);
        document.QuerySelectorAll(".wb-evidence li").Should().HaveCount(report.Decision.Evidence.Count);
        var summary = document.QuerySelector("table.wb-summary")!.TextContent;
        summary.Should().Contain("dataset drift").And.Contain(report.Drift.DatasetDrift ? "yes" : "no").And.Contain($"{report.Drift.DriftedFeatures} of {report.Drift.TestedFeatures.Count}");

        var rows = document.QuerySelectorAll("table.wb-drift tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        rows.Select(r => r[0]).Should().Equal(report.Drift.Ordered.Select(c => c.Column));
        var firstNotDrifted = rows.FindIndex(r => r[7] != "drift");
        rows.Skip(firstNotDrifted).Should().OnlyContain(r => r[7] != "drift", "drifted columns come first");
        firstNotDrifted.Should().Be(report.Drift.Columns.Count(c => c.Drifted));

        document.QuerySelectorAll(".wb-overlay").Select(o => o.GetAttribute("data-column"))
            .Should().Equal(report.Drift.Ordered.Where(c => c.Tested && c.Distribution is not null).Select(c => c.Column));
        document.QuerySelectorAll(".wb-plot").Length.Should().BeGreaterThan(document.QuerySelectorAll(".wb-overlay").Length, "the time series is drawn too");
        writer.ToString().Should().NotContain("covariate </script> shift");
    }

    [Fact]
    public void The_standalone_page_carries_plotly_js_inline_once_and_loads_nothing()
    {
        var html = MonitoringReportHtml.Standalone(Shifted.Value);

        html.Should().StartWith("<!DOCTYPE html>");
        var document = new HtmlParser().ParseDocument(html);
        document.QuerySelectorAll("script[src], link[href]").Should().BeEmpty("the page works offline");
        CountOf(html, PlotlyHtml.PlotlyJs[..200]).Should().Be(1);
        document.Title.Should().Be("Monitoring report: covariate </script> shift");
    }

    [Fact]
    public void Saving_writes_the_page_atomically()
    {
        using var folder = new TempDirectory("wb-report");
        var path = folder.File("out/report.html");

        MonitoringReportHtml.Save(Shifted.Value, path);

        var html = File.ReadAllText(path);
        html.Should().StartWith("<!DOCTYPE html>").And.EndWith("</html>");
        new HtmlParser().ParseDocument(html).QuerySelectorAll("table.wb-drift tbody tr").Should().HaveCount(Shifted.Value.Drift.Columns.Count);
        Directory.GetFiles(folder.File("out")).Should().ContainSingle("no temporary file is left behind");
    }

    [Fact]
    public void Plotly_js_accepts_and_draws_the_overlay_and_the_time_series()
    {
        var report = Shifted.Value;
        var drifted = report.Drift.Ordered.First(c => c.Drifted && c.Distribution is { IsNumeric: true });
        var label = report.Drift.Ordered.First(c => c.Tested && c.Distribution is { IsNumeric: false });

        foreach (var figure in new[] { MonitoringReport.DistributionFigure(drifted), MonitoringReport.DistributionFigure(label), report.TimeSeriesFigure()! })
        {
            var drawn = PlotlyCheck.Draw(figure);
            drawn.Errors.Should().BeEmpty();
            drawn.Traces.Should().BeGreaterThan(0);
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
