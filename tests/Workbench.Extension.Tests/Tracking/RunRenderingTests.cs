using Workbench.Extension.Tracking;
using Workbench.Tracking;

namespace Workbench.Extension.Tests.Tracking;

public sealed class RunRenderingTests : IDisposable
{
    private readonly TrackingRenderingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_run_renders_its_status_parameters_metrics_datasets_and_artifacts_escaped()
    {
        var runId = _f.Train("baseline", 0.01, 0.3, note: "<script>alert(1)</script>");

        var document = _f.Document(_f.Tracker.GetRun(runId));

        document.QuerySelector(".wb-badge.wb-good")!.TextContent.Should().Be("FINISHED");
        var tables = document.QuerySelectorAll("table.wb-table").ToDictionary(t => t.QuerySelector("caption")?.TextContent ?? "");
        tables["Parameters"].QuerySelectorAll("tbody tr").Select(r => r.Children[0].TextContent).Should().Equal("epochs", "lr", "note");
        tables["Parameters"].TextContent.Should().Contain("<script>alert(1)</script>", "the value is shown as text");
        document.QuerySelectorAll("script").Should().BeEmpty("a parameter value cannot inject a script");
        tables["Metrics (latest)"].QuerySelectorAll("tbody tr").Select(r => r.Children[1].TextContent).Should().Equal("0.82", "0.3");
        tables["Datasets"].TextContent.Should().Contain("holdout").And.Contain("evaluation");
        tables["Artifacts (2)"].QuerySelectorAll("tbody tr").Should().HaveCount(2);
    }

    [Fact]
    public void A_running_run_whose_process_is_gone_is_shown_as_not_finished()
    {
        var info = new RunInfo("feed", "orphan", 1, "exp", null, RunStatus.Running, DateTimeOffset.UtcNow, null);
        var tags = new Dictionary<string, string>
        {
            [RunEnvironment.Machine] = Environment.MachineName,
            [RunEnvironment.ProcessId] = "999999999",
            [RunEnvironment.ProcessStarted] = "0",
        };
        var run = new Run(info, new Dictionary<string, ParamValue>(), new Dictionary<string, Metric>(), tags, [], []);

        var badge = _f.Document(run).QuerySelector(".wb-badge")!;

        badge.ClassList.Should().Contain("wb-bad");
        badge.TextContent.Should().Contain("process gone, not finished");
    }

    [Fact]
    public void An_active_run_renders_with_its_queued_metrics_flushed()
    {
        using var run = _f.Tracker.StartRun("readmission", "live");
        run.LogMetric("loss", 0.75, 3);

        var document = _f.Document(run);

        document.QuerySelector(".wb-badge")!.TextContent.Should().Be("RUNNING");
        document.QuerySelector("table.wb-table tbody tr")!.TextContent.Should().Contain("loss").And.Contain("0.75");
        run.End();
    }

    [Fact]
    public void A_run_list_has_one_row_per_run_with_param_and_metric_columns()
    {
        _f.Train("a", 0.01, 0.3);
        _f.Train("b", 0.1, 0.2);

        var document = _f.Document(_f.Tracker.SearchRuns("params.lr > 0", "metrics.loss ASC"));

        var headers = document.QuerySelectorAll("thead th").Select(h => h.TextContent).ToList();
        headers.Should().Contain(["params.lr", "metrics.loss", "metrics.auc", "status"]);
        var rows = document.QuerySelectorAll("tbody tr");
        rows.Should().HaveCount(2);
        rows[0].TextContent.Should().StartWith("b ");
        document.QuerySelector(".wb-muted")!.TextContent.Should().Contain("filter params.lr > 0").And.Contain("order by metrics.loss ASC");
    }

    [Fact]
    public void The_comparison_highlights_exactly_the_differing_rows_and_overlays_the_curves()
    {
        var a = _f.Train("a", 0.01, 0.3);
        var b = _f.Train("b", 0.1, 0.2);
        var comparison = _f.Tracker.CompareRuns(a, b);

        var document = _f.Document(comparison);

        var highlighted = document.QuerySelectorAll("table.wb-compare tbody tr.wb-differs").Select(r => $"{r.Children[0].TextContent}.{r.Children[1].TextContent}");
        highlighted.Should().BeEquivalentTo(comparison.Differences.Select(d => $"{d.Section}.{d.Key}"));
        highlighted.Should().Contain(["param.lr", "metric.loss"]).And.NotContain("param.epochs");
        document.QuerySelectorAll("div.wb-plot").Should().ContainSingle();
        var figure = MetricCurves.Figure(comparison)!;
        figure.Traces.Should().HaveCount(4, "two metrics (one subplot each) times two runs");
        figure.Traces.Select(t => t.Name).Distinct().Should().BeEquivalentTo("a", "b");
    }

    [Fact]
    public void A_comparison_without_step_histories_draws_no_plot()
    {
        var a = _f.Tracker.Run("x", "a", r => r.LogMetric("auc", 0.8)).RunId;
        var b = _f.Tracker.Run("x", "b", r => r.LogMetric("auc", 0.9)).RunId;

        _f.Document(_f.Tracker.CompareRuns(a, b)).QuerySelectorAll("div.wb-plot").Should().BeEmpty();
    }
}
