using Workbench.Tracking;
using Workbench.Tracking.Query;

namespace Workbench.Tests.Tracking;

public sealed class SearchTests : IDisposable
{
    private static readonly string EvalA = "sha256:" + new string('a', 64);
    private static readonly string EvalC = "sha256:" + new string('c', 64);
    private readonly TrackingHome _home = new();

    public SearchTests()
    {
        var t = _home.Tracker;
        Ids["A"] = t.Run("readmission", "run-a", run =>
        {
            run.LogParams(new { lr = 0.01, epochs = 10, optimizer = "adam" });
            run.LogMetric("auc", 0.91, 3);
            run.LogMetric("loss", 0.3, 3);
            run.SetTag("team", "cardio");
            run.LogInput(EvalA, "holdout", context: DatasetInput.Evaluation);
        }).RunId;
        Ids["B"] = t.Run("readmission", "run-b", run =>
        {
            run.LogParams(new { lr = 0.1, epochs = 20, optimizer = "sgd" });
            run.LogMetric("auc", 0.85, 3);
            run.SetTag("team", "Cardio");
            run.End(RunStatus.Failed);
        }).RunId;
        var c = t.StartRun("readmission", "run-c");
        c.LogParams(new { lr = 0.01, epochs = 5, optimizer = "Adam" });
        c.LogMetric("auc", 0.95, 3);
        c.SetTag("team", "oncology");
        c.LogInput(EvalC, "holdout-2", context: DatasetInput.Evaluation);
        c.Flush();
        Ids["C"] = c.RunId;
        Ids["D"] = t.Run("readmission", "run-d", _ => { }).RunId;
        Ids["E"] = t.Run("other-experiment", "run-e", run => run.LogMetric("auc", 0.99)).RunId;
    }

    private Dictionary<string, string> Ids { get; } = [];

    public void Dispose() => _home.Dispose();

    private string[] Search(string? filter, string? orderBy = null, int max = 1000, params string[] experiments) =>
        _home.Tracker.SearchRuns(filter, orderBy, max, experiments.Length == 0 ? ["readmission"] : experiments)
            .Select(r => Ids.Single(kv => kv.Value == r.RunId).Key).ToArray();

    [Theory]
    [InlineData("metrics.auc > 0.9 and params.lr = '0.01'", "A,C")]
    [InlineData("metrics.auc > 0.9 AND params.lr = '0.01' AND attributes.status = 'FINISHED'", "A")]
    [InlineData("metrics.auc >= 0.85 and metrics.auc <= 0.91", "A,B")]
    [InlineData("metrics.auc != 0.85", "A,C")]
    [InlineData("params.epochs >= 10", "A,B")]
    [InlineData("params.epochs < 10", "C")]
    [InlineData("params.optimizer = 'adam'", "A")]
    [InlineData("params.optimizer IN ('adam', 'sgd')", "A,B")]
    [InlineData("params.optimizer NOT IN ('adam')", "B,C")]
    [InlineData("params.optimizer LIKE 'a%'", "A")]
    [InlineData("params.optimizer ILIKE 'a%'", "A,C")]
    [InlineData("tags.team LIKE 'Card%'", "B")]
    [InlineData("tags.team ILIKE 'card%'", "A,B")]
    [InlineData("tags.team NOT LIKE 'card%'", "B,C")]
    [InlineData("tags.`team` = 'oncology'", "C")]
    [InlineData("attributes.status = 'running'", "C")]
    [InlineData("attributes.status != 'RUNNING'", "A,B,D")]
    [InlineData("attributes.status IN ('FAILED', 'KILLED')", "B")]
    [InlineData("attributes.run_name LIKE 'run-_'", "A,B,C,D")]
    [InlineData("run.name = 'run-d'", "D")]
    [InlineData("attributes.start_time > '2000-01-01'", "A,B,C,D")]
    [InlineData("attributes.start_time < 0", "")]
    [InlineData("metrics.missing > 0", "")]
    public void Filters_select_the_matching_runs(string filter, string expected)
    {
        Search(filter).Order().Should().Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public void Datasets_are_searchable_by_fingerprint_name_and_context()
    {
        Search($"datasets.digest = '{EvalA}'").Should().Equal("A");
        Search("datasets.name LIKE 'holdout%' and datasets.context = 'evaluation'").Order().Should().Equal("A", "C");
    }

    [Fact]
    public void Order_by_a_metric_puts_runs_without_it_last_in_both_directions()
    {
        Search(null, "metrics.auc DESC").Should().Equal("C", "A", "B", "D");
        Search(null, "metrics.auc ASC").Should().Equal("B", "A", "C", "D");
        Search(null, "metrics.auc").Should().Equal("B", "A", "C", "D");
    }

    [Fact]
    public void Order_by_a_numeric_parameter_is_numeric_and_by_several_keys_in_turn()
    {
        Search("params.epochs > 0", "params.epochs DESC").Should().Equal("B", "A", "C");
        Search("params.lr > 0", "params.lr ASC, metrics.auc DESC").Should().Equal("C", "A", "B");
    }

    [Fact]
    public void The_default_order_is_newest_first_and_limit_caps_the_result()
    {
        Search(null).Should().Equal("D", "C", "B", "A");
        Search(null, "metrics.auc DESC", max: 2).Should().Equal("C", "A");
    }

    [Fact]
    public void Experiments_scope_the_search_and_none_means_all()
    {
        _home.Tracker.SearchRuns("metrics.auc > 0.96").Select(r => r.RunId).Should().Equal(Ids["E"]);
        Search("metrics.auc > 0.96").Should().BeEmpty();
        var unknown = () => _home.Tracker.SearchRuns(experiments: ["no-such-experiment"]);
        unknown.Should().Throw<ExperimentNotFoundException>().WithMessage("*'no-such-experiment'*");
    }

    [Fact]
    public void Values_are_bound_not_spliced_so_quotes_cannot_inject_SQL()
    {
        var before = _home.Dump();

        Search("params.optimizer = 'adam'' OR ''1''=''1'").Should().BeEmpty();
        Search("tags.team = 'x''; DROP TABLE runs; --'").Should().BeEmpty();
        Search("tags.`team'; DELETE FROM runs; --` = 'x'").Should().BeEmpty();

        _home.Dump().Should().Be(before);
        Search(null).Should().HaveCount(4);
    }

    [Theory]
    [InlineData("metrics.auc >", 14, "expected a value")]
    [InlineData("metrics.auc ~ 0.9", 13, "unexpected character '~'")]
    [InlineData("metrics.auc 0.9", 13, "expected a comparison operator")]
    [InlineData("foo.bar = 1", 1, "unknown entity 'foo'")]
    [InlineData("auc > 0.9", 1, "needs an entity and a key")]
    [InlineData("metrics.auc = '0.9'", 15, "metrics compare with numbers")]
    [InlineData("tags.team > 'a'", 1, "is a string")]
    [InlineData("tags.team = 3", 13, "compares with quoted strings")]
    [InlineData("metrics.auc LIKE 'x%'", 18, "metrics compare with numbers")]
    [InlineData("metrics.auc > 0.9 or params.lr = '0.1'", 19, "OR is not supported")]
    [InlineData("metrics.auc > 0.9 params.lr = '0.1'", 19, "expected AND")]
    [InlineData("params.optimizer = 'adam", 20, "never closed")]
    [InlineData("params.optimizer = adam", 20, "quote strings")]
    [InlineData("attributes.color = 'red'", 1, "unknown attribute 'color'")]
    [InlineData("attributes.status = 'DONE'", 21, "not a run status")]
    [InlineData("params.x IN 'a'", 13, "expected '('")]
    [InlineData("params.x NOT = 'a'", 14, "expected LIKE, ILIKE or IN after NOT")]
    [InlineData("metrics.auc > 1e+", 15, "is not a number")]
    [InlineData("datasets.size = 'x'", 1, "unknown dataset field")]
    public void Syntax_errors_name_the_position_and_the_problem(string filter, int position, string problem)
    {
        var search = () => _home.Tracker.SearchRuns(filter);

        search.Should().Throw<FilterSyntaxException>()
            .Where(e => e.Position == position, $"the problem is at {position}")
            .WithMessage($"*position {position}*{problem}*");
    }

    [Theory]
    [InlineData("metrics.auc DESCENDING", "expected ASC, DESC")]
    [InlineData("attributes.colour", "cannot order by attribute")]
    [InlineData("DESC", "expected a key")]
    public void Bad_order_by_clauses_are_explained(string orderBy, string problem)
    {
        var search = () => _home.Tracker.SearchRuns(orderBy: orderBy);

        search.Should().Throw<FilterSyntaxException>().WithMessage($"*{problem}*");
    }

    [Fact]
    public void The_caret_points_at_the_problem()
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.ParseFilter("metrics.auc > 0.9 and tags.x >> 'y'"));

        error.Message.Split('\n')[2].IndexOf('^').Should().Be(2 + 30, "two spaces of indent, then the 0-based column of the second '>'");
    }

    [Fact]
    public void The_LIKE_translation_keeps_GLOB_wildcards_literal()
    {
        Workbench.Tracking.Query.RunSearchSql.LikeToGlob("a*b?c[d]%_").Should().Be("a[*]b[?]c[[]d]*?");
    }
}
