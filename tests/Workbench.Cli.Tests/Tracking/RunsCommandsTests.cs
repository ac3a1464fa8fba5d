namespace Workbench.Cli.Tests.Tracking;

public sealed class RunsCommandsTests : IDisposable
{
    private readonly StoreCliFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void List_filters_orders_and_limits_like_the_library()
    {
        var runs = _f.Json("runs", "list", "--filter", "metrics.auc > 0.82", "--order-by", "metrics.auc DESC");

        runs.EnumerateArray().Select(r => r.GetProperty("name").GetString()).Should().Equal("mid", "slow");
        runs[0].GetProperty("params").GetProperty("lr").GetString().Should().Be("0.01");
        runs[0].GetProperty("metrics").GetProperty("auc").GetDouble().Should().Be(0.86);
        _f.Json("runs", "list", "-n", "1", "-o", "params.lr ASC").EnumerateArray().Single().GetProperty("name").GetString().Should().Be("slow");
    }

    [Fact]
    public void List_prints_a_table_with_metric_and_parameter_columns()
    {
        var (exit, output, _) = _f.Cli("runs", "list", "-e", "readmission");

        exit.Should().Be(0);
        output.Should().Contain("metrics.auc").And.Contain("params.lr").And.Contain("3 run(s)");
        output.Should().Contain(_f.RunIds["mid"]).And.Contain("FINISHED");
    }

    [Fact]
    public void A_bad_filter_exits_1_pointing_at_the_position()
    {
        var (exit, output, error) = _f.Cli("runs", "list", "--filter", "metrics.auc >> 1");

        exit.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().StartWith("error: Invalid search expression at position 14");
    }

    [Fact]
    public void A_missing_store_is_named_and_not_created()
    {
        var missing = Path.Combine(_f.Folder, "nowhere");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = Program.BuildRootCommand().Parse(["runs", "list", "--home", missing])
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        exit.Should().Be(1);
        error.ToString().Should().Contain($"No Workbench store at {missing}");
        Directory.Exists(missing).Should().BeFalse();
    }

    [Fact]
    public void Show_gives_params_metrics_datasets_and_artifacts()
    {
        var run = _f.Json("runs", "show", _f.RunIds["fast"]);

        run.GetProperty("status").GetString().Should().Be("FINISHED");
        run.GetProperty("inputs")[0].GetProperty("fingerprint").GetString().Should().Be(StoreCliFixture.Holdout);
        run.GetProperty("artifacts")[0].GetProperty("path").GetString().Should().Be("model/model.bin");
        var (exit, _, error) = _f.Cli("runs", "show", "deadbeef");
        exit.Should().Be(1);
        error.Should().Contain("No run with id 'deadbeef'");
    }

    [Fact]
    public void Compare_marks_the_rows_that_differ()
    {
        var (exit, output, _) = _f.Cli("runs", "compare", _f.RunIds["slow"], _f.RunIds["mid"], "--differences");

        exit.Should().Be(0);
        output.Should().Contain("│ * │ param     │ lr").And.NotContain("epochs");
        output.Should().Contain("4 of 10 rows differ");
        var json = _f.Json("runs", "compare", _f.RunIds["slow"], _f.RunIds["mid"]);
        json.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "epochs").GetProperty("differs").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void Compare_needs_two_runs()
    {
        var (exit, _, error) = _f.Cli("runs", "compare", _f.RunIds["slow"]);

        exit.Should().NotBe(0);
        error.Should().NotBeEmpty();
    }

    [Fact]
    public void History_lists_every_step()
    {
        var history = _f.Json("runs", "history", _f.RunIds["mid"], "loss");

        history.EnumerateArray().Select(p => p.GetProperty("step").GetInt64()).Should().Equal(0L, 1L, 2L);
    }

    [Fact]
    public void The_built_command_runs_as_a_process()
    {
        // Guards the assembly name: a CLI called "workbench" is the same assembly as the library "Workbench".
        var cli = Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");
        var result = Workbench.Testing.ChildProcess.Run("dotnet", [cli, "runs", "experiments", "--home", _f.Home]);

        result.ExitCode.Should().Be(0, result.Combined);
        result.StandardOutput.Should().Contain("readmission");
    }
}
