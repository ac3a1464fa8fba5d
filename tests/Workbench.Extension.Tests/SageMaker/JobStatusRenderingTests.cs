using System.Text.Json;
using AngleSharp.Html.Parser;
using Workbench.Extension.SageMaker;
using Workbench.Jobs;

namespace Workbench.Extension.Tests.SageMaker;

public sealed class JobStatusRenderingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, IReadOnlyList<JobMetricPoint>> Metrics(int epochs) => new()
    {
        ["train:loss"] = Enumerable.Range(1, epochs).Select(e => new JobMetricPoint(Start.AddSeconds(e), 1.0 / e, e)).ToList(),
        ["train:accuracy"] = Enumerable.Range(1, epochs).Select(e => new JobMetricPoint(Start.AddSeconds(e), 1 - 0.5 / e, e)).ToList(),
    };

    private static JobStatusTransition Step(int second, string status, string secondary, string message) => new(Start.AddSeconds(second), status, secondary, message);

    [Fact]
    public void A_failed_job_shows_its_reason_encoded_its_timeline_in_order_and_its_metric_curves()
    {
        var job = new FixedJob(new JobState
        {
            Status = "Failed",
            SecondaryStatus = "Failed",
            FailureReason = "AlgorithmError: row 7 has <script>alert(1)</script> in 'age'",
            IsTerminal = true,
            IsFailure = true,
            CreatedAt = Start,
            StartedAt = Start.AddSeconds(20),
            EndedAt = Start.AddSeconds(80),
            BillableSeconds = 60,
            Transitions = [Step(0, "InProgress", "Starting", "Preparing"), Step(10, "InProgress", "Downloading", "Downloading input data"), Step(20, "InProgress", "Training", "Training"), Step(80, "Failed", "Failed", "Training job failed")],
            Metrics = Metrics(5),
            Details = new Dictionary<string, string> { ["instances"] = "1 × ml.m5.large" },
        });

        var html = PlotlyPage.Render<TrackedJobHtmlFormatter>(job);
        var document = new HtmlParser().ParseDocument(html);

        document.QuerySelector(".wb-job")!.GetAttribute("data-status").Should().Be("Failed");
        document.QuerySelector(".wb-badge")!.ClassList.Should().Contain("wb-bad");
        document.QuerySelector(".wb-failure")!.TextContent.Should().Be("Failure reason: AlgorithmError: row 7 has <script>alert(1)</script> in 'age'");
        document.QuerySelector(".wb-failure")!.InnerHtml.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        document.QuerySelectorAll("script").Should().NotContain(s => s.TextContent == "alert(1)");
        document.QuerySelector(".wb-times")!.TextContent.Should().StartWith("elapsed 1 min 0 s · billable 1 min 0 s");
        document.QuerySelectorAll(".wb-timeline > div").Select(d => d.TextContent).Should().Equal("Starting", "Downloading", "Training", "Failed");
        var rows = document.QuerySelectorAll("table.wb-table")[0].QuerySelectorAll("tbody tr");
        rows.Select(r => r.QuerySelectorAll("td")[2].TextContent).Should().Equal("Starting", "Downloading", "Training", "Failed");
        rows[2].QuerySelectorAll("td")[3].TextContent.Should().Be("1 min 0 s");
        document.QuerySelectorAll("div.wb-plot").Should().ContainSingle("a finished job draws its curves");
        document.QuerySelectorAll("table.wb-table").Last().TextContent.Should().Contain("1 × ml.m5.large");
    }

    [Fact]
    public void While_running_without_plotly_on_the_page_metrics_are_a_table_of_latest_values()
    {
        var job = new FixedJob(new JobState
        {
            Status = "InProgress",
            SecondaryStatus = "Training",
            CreatedAt = Start,
            StartedAt = Start,
            Transitions = [Step(0, "InProgress", "Starting", "Preparing"), Step(5, "InProgress", "Training", "Training")],
            Metrics = Metrics(3),
        });

        var document = new HtmlParser().ParseDocument(PlotlyPage.Render<TrackedJobHtmlFormatter>(job));

        document.QuerySelectorAll("div.wb-plot").Should().BeEmpty("plotly.js goes out with the final render");
        var metrics = document.QuerySelectorAll("table.wb-table")[1];
        metrics.QuerySelector("caption")!.TextContent.Should().Be("Metrics (latest)");
        metrics.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[0].TextContent + "=" + r.QuerySelectorAll("td")[1].TextContent + "@" + r.QuerySelectorAll("td")[2].TextContent)
            .Should().Equal("train:accuracy=0.833333@3", "train:loss=0.333333@3");
        document.QuerySelector(".wb-times")!.TextContent.Should().Contain("billable —");
        document.QuerySelector(".wb-failure").Should().BeNull();
    }

    [Fact]
    public void The_metric_curves_put_losses_and_other_metrics_in_two_panels_and_plotly_draws_them()
    {
        var job = new FixedJob(new JobState { Status = "Completed", IsTerminal = true, CreatedAt = Start, Metrics = Metrics(4) });

        var figure = JobCharts.MetricCurves(job)!;
        using var json = JsonDocument.Parse(figure.ToJson());

        var traces = json.RootElement.GetProperty("data").EnumerateArray().ToList();
        traces.Select(t => t.GetProperty("name").GetString()).Should().Equal("train:loss", "train:accuracy");
        traces[0].GetProperty("x").EnumerateArray().Select(x => x.GetDouble()).Should().Equal(1, 2, 3, 4);
        traces[1].GetProperty("xaxis").GetString().Should().Be("x2");
        PlotlyPage.Draw(figure).Single().Errors.Should().BeEmpty();
        JobCharts.MetricCurves(new FixedJob(new JobState { Status = "InProgress", CreatedAt = Start })).Should().BeNull();
    }

    private sealed class FixedJob(JobState state) : TrackedJob("readmission-7", "Training job", "local")
    {
        protected override Task<JobState> FetchAsync(CancellationToken cancellationToken) => Task.FromResult(state);
    }
}
