using Workbench.Tracking;

namespace Workbench.Tests.Tracking;

public sealed class RunTableAndComparisonTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    private string Train(string name, double lr, int epochs, double finalAuc, string team)
    {
        return _home.Tracker.Run("exp", name, run =>
        {
            run.LogParams(new { lr, epochs, optimizer = "adam" });
            for (var step = 0; step < epochs; step++)
            {
                run.LogMetric("auc", step == epochs - 1 ? finalAuc : finalAuc * (step + 1) / epochs, step);
            }

            run.LogMetric("test_accuracy", 0.8);
            run.SetTag("team", team);
        }).RunId;
    }

    [Fact]
    public void The_runs_table_has_one_typed_column_per_attribute_param_metric_and_user_tag()
    {
        var a = Train("a", 0.01, 3, 0.9, "x");
        Train("b", 0.1, 4, 0.8, "y");

        var table = _home.Tracker.SearchRuns(orderBy: "attributes.run_name").ToTable();

        table.Columns.Should().Equal(
            "run_id", "run_name", "experiment", "status", "start_time", "end_time", "duration_s",
            "params.epochs", "params.lr", "params.optimizer", "metrics.auc", "metrics.test_accuracy", "tags.team");
        table.RowCount.Should().Be(2);
        table.Column("run_id")[0].Should().Be(a);
        table.NumericColumn("params.lr").Should().Equal(0.01, 0.1);
        table.NumericColumn("metrics.auc").Should().Equal(0.9, 0.8);
        table.Column("params.optimizer").Should().AllBeEquivalentTo("adam");
        table.Column("start_time")[0].Should().BeOfType<DateTimeOffset>();
        var missing = () => table.Column("metrics.f1");
        missing.Should().Throw<KeyNotFoundException>().WithMessage("*no column 'metrics.f1'*");
    }

    [Fact]
    public void The_runs_table_exports_CSV_that_pandas_reads_back()
    {
        Train("a, with comma", 0.01, 2, 0.9, "say \"hi\"");
        var csv = _home.Tracker.SearchRuns().ToTable().ToCsv();
        var path = _home.File("runs.csv", csv);

        var output = Workbench.Testing.PythonPeer.Run(
            "import pandas as pd, sys; df = pd.read_csv(sys.argv[1]); print(df.shape[0], df['run_name'][0], df['tags.team'][0], df['params.lr'][0], df['metrics.auc'][0])",
            [path]);

        output.Trim().Should().Be("1 a, with comma say \"hi\" 0.01 0.9");
    }

    [Fact]
    public void Comparison_flags_exactly_the_rows_that_differ_and_keeps_curves()
    {
        var a = Train("a", 0.01, 3, 0.9, "x");
        var b = Train("b", 0.1, 3, 0.8, "x");

        var comparison = _home.Tracker.CompareRuns(a, b);

        comparison.Row("param", "lr").Differs.Should().BeTrue();
        comparison.Row("param", "lr").Values.Should().Equal("0.01", "0.1");
        comparison.Row("param", "epochs").Differs.Should().BeFalse();
        comparison.Row("param", "optimizer").Differs.Should().BeFalse();
        comparison.Row("metric", "auc").Numbers.Should().Equal(0.9, 0.8);
        comparison.Row("metric", "auc").Differs.Should().BeTrue();
        comparison.Row("metric", "test_accuracy").Differs.Should().BeFalse();
        comparison.Row("tag", "team").Differs.Should().BeFalse();
        comparison.Differences.Select(d => $"{d.Section}.{d.Key}").Should().BeEquivalentTo("attribute.run_name", "param.lr", "metric.auc");
        comparison.Curves.Keys.Should().Equal("auc");
        comparison.Curves["auc"].Should().HaveCount(2);
        comparison.Curves["auc"][0].Points.Select(p => p.Step).Should().Equal(0L, 1L, 2L);
    }

    [Fact]
    public void A_value_present_in_one_run_only_is_a_difference()
    {
        var a = Train("a", 0.01, 2, 0.9, "x");
        var c = _home.Tracker.Run("exp", "c", run => run.LogParam("lr", 0.01)).RunId;

        var comparison = _home.Tracker.CompareRuns(a, c);

        comparison.Row("param", "epochs").Values.Should().Equal("2", null);
        comparison.Row("param", "epochs").Differs.Should().BeTrue();
        comparison.Row("param", "lr").Differs.Should().BeFalse();
    }

    [Fact]
    public void Comparing_an_unknown_run_names_it()
    {
        var a = Train("a", 0.01, 2, 0.9, "x");

        var compare = () => _home.Tracker.CompareRuns(a, "feedfacefeedface");

        compare.Should().Throw<RunNotFoundException>().WithMessage("*feedfacefeedface*");
    }
}
