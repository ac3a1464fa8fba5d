using System.CommandLine;
using Spectre.Console;
using Workbench.Tracking;
using static Workbench.Cli.Commands.StoreCommandSupport;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench runs list|show|compare|history|experiments</c>: read the tracking store from a shell.</summary>
public static class RunsCommands
{
    public static Command Create()
    {
        var home = HomeOption();
        var json = JsonOption();
        var runs = new Command("runs", "Experiment runs: list, search, show, compare.");
        runs.Options.Add(home);
        runs.Options.Add(json);
        runs.Subcommands.Add(List(home, json));
        runs.Subcommands.Add(Show(home, json));
        runs.Subcommands.Add(Compare(home, json));
        runs.Subcommands.Add(History(home, json));
        runs.Subcommands.Add(Experiments(home, json));
        return runs;
    }

    private static Command List(Option<string?> home, Option<bool> json)
    {
        var experiment = new Option<string[]>("--experiment", "-e") { Description = "Only runs of this experiment (repeatable; default: all)." };
        var filter = new Option<string?>("--filter", "-f") { Description = "MLflow-style filter, e.g. \"metrics.auc > 0.9 and params.lr = '0.01'\"." };
        var orderBy = new Option<string?>("--order-by", "-o") { Description = "Order, e.g. \"metrics.auc DESC\" (default: newest first)." };
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many runs.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List runs, optionally filtered and ordered.") { experiment, filter, orderBy, limit };
        command.SetAction(result => Execute(result, () =>
        {
            var store = SqliteTrackingStore.Open(Home(result, home), createIfMissing: false);
            var ids = (result.GetValue(experiment) ?? []).Select(name => (store.GetExperimentByName(name) ?? throw new ExperimentNotFoundException(name)).Id).ToList();
            var order = result.GetValue(orderBy);
            var found = store.SearchRuns(new RunQuery
            {
                ExperimentIds = ids,
                Filter = result.GetValue(filter),
                OrderBy = order is null ? [] : [order],
                MaxResults = result.GetValue(limit),
            });
            if (result.GetValue(json))
            {
                WriteJson(result, found.Select(RunJson).ToList());
                return 0;
            }

            var console = Console(result);
            var metricKeys = found.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).Take(8).ToList();
            var paramKeys = found.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal).Take(8).ToList();
            var table = Table(["run id", "name", "experiment", "status", "started", "duration",
                .. metricKeys.Select(k => $"metrics.{k}"), .. paramKeys.Select(k => $"params.{k}")]);
            foreach (var run in found)
            {
                table.Row([run.RunId, run.Info.Name, run.Info.ExperimentName, StatusText(run.Info, run.Tags), Time(run.Info.StartTime),
                    run.Info.Duration is { } d ? $"{d.TotalSeconds:0.0}s" : "-",
                    .. metricKeys.Select(k => run.Metric(k) is { } v ? Number(v) : null), .. paramKeys.Select(run.Param)]);
            }

            console.Write(table);
            console.WriteLine($"{found.Count} run(s)");
            return 0;
        }));
        return command;
    }

    private static Command Show(Option<string?> home, Option<bool> json)
    {
        var runId = new Argument<string>("run-id") { Description = "The run to show." };
        var command = new Command("show", "Show one run: status, parameters, metrics, datasets, artifacts, tags.") { runId };
        command.SetAction(result => Execute(result, () =>
        {
            var run = SqliteTrackingStore.Open(Home(result, home), createIfMissing: false).GetRun(result.GetValue(runId)!);
            if (result.GetValue(json))
            {
                WriteJson(result, RunJson(run));
                return 0;
            }

            var console = Console(result);
            console.WriteLine($"{run.Info.Name} ({run.RunId}) in {run.Info.ExperimentName}: {StatusText(run.Info, run.Tags)}");
            console.WriteLine($"started {Time(run.Info.StartTime)}, ended {Time(run.Info.EndTime)}{(run.Info.ParentRunId is { } p ? $", parent {p}" : string.Empty)}");
            if (run.Tag(RunEnvironment.Failure) is { } failure)
            {
                console.WriteLine($"failure: {failure}");
            }

            var parameters = Table("parameter", "value", "type");
            foreach (var (key, value) in run.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                parameters.Row(key, value.Text, value.Type.ToString().ToLowerInvariant());
            }

            var metrics = Table("metric", "latest", "step");
            foreach (var metric in run.Metrics.Values.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                metrics.Row(metric.Key, Number(metric.Value), metric.Step.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var inputs = Table("dataset", "context", "rows", "fingerprint");
            foreach (var input in run.Inputs)
            {
                inputs.Row(input.Name, input.Context, input.Rows?.ToString(System.Globalization.CultureInfo.InvariantCulture), input.Fingerprint);
            }

            var artifacts = Table("artifact", "kind", "bytes", "sha256");
            foreach (var artifact in run.Artifacts)
            {
                artifacts.Row(artifact.Path, artifact.Kind, artifact.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), artifact.Sha256);
            }

            var tags = Table("tag", "value");
            foreach (var (key, value) in run.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                tags.Row(key, value);
            }

            console.Write(parameters);
            console.Write(metrics);
            console.Write(inputs);
            console.Write(artifacts);
            console.Write(tags);
            return 0;
        }));
        return command;
    }

    private static Command Compare(Option<string?> home, Option<bool> json)
    {
        var runIds = new Argument<string[]>("run-ids") { Description = "Two or more runs.", Arity = new ArgumentArity(2, 100) };
        var differences = new Option<bool>("--differences", "-d") { Description = "Only the rows where the runs differ." };
        var command = new Command("compare", "Parameters and metrics of runs side by side; rows that differ are marked with *.") { runIds, differences };
        command.SetAction(result => Execute(result, () =>
        {
            var store = SqliteTrackingStore.Open(Home(result, home), createIfMissing: false);
            var comparison = RunComparison.Of(store, result.GetValue(runIds)!);
            var rows = result.GetValue(differences) ? comparison.Differences.ToList() : comparison.Rows.ToList();
            if (result.GetValue(json))
            {
                WriteJson(result, new { runs = comparison.Runs.Select(r => r.RunId), rows });
                return 0;
            }

            var table = Table(["", "section", "key", .. comparison.Runs.Select(r => $"{r.Info.Name} {r.RunId[..8]}")]);
            foreach (var row in rows)
            {
                table.Row([row.Differs ? "*" : "", row.Section, row.Key, .. row.Values]);
            }

            var console = Console(result);
            console.Write(table);
            console.WriteLine($"{comparison.Differences.Count()} of {comparison.Rows.Count} rows differ (*)");
            return 0;
        }));
        return command;
    }

    private static Command History(Option<string?> home, Option<bool> json)
    {
        var runId = new Argument<string>("run-id") { Description = "The run." };
        var key = new Argument<string>("metric") { Description = "The metric name." };
        var command = new Command("history", "Every logged value of one metric of a run, in step order.") { runId, key };
        command.SetAction(result => Execute(result, () =>
        {
            var history = SqliteTrackingStore.Open(Home(result, home), createIfMissing: false).GetMetricHistory(result.GetValue(runId)!, result.GetValue(key)!);
            if (result.GetValue(json))
            {
                WriteJson(result, history.Select(m => new { m.Step, m.Value, timestamp = m.Timestamp.ToUnixTimeMilliseconds() }));
                return 0;
            }

            var table = Table("step", "value", "time");
            foreach (var metric in history)
            {
                table.Row(metric.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), Number(metric.Value), Time(metric.Timestamp));
            }

            Console(result).Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Experiments(Option<string?> home, Option<bool> json)
    {
        var command = new Command("experiments", "List experiments.");
        command.SetAction(result => Execute(result, () =>
        {
            var store = SqliteTrackingStore.Open(Home(result, home), createIfMissing: false);
            var experiments = store.ListExperiments()
                .Select(e => new { e.Id, e.Name, created = e.CreatedAt, e.Tags })
                .ToList();
            if (result.GetValue(json))
            {
                WriteJson(result, experiments);
                return 0;
            }

            var table = Table("id", "name", "created");
            foreach (var e in experiments)
            {
                table.Row(e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Name, Time(e.created));
            }

            Console(result).Write(table);
            return 0;
        }));
        return command;
    }

    private static object RunJson(Run run) => new
    {
        run_id = run.RunId,
        name = run.Info.Name,
        experiment = run.Info.ExperimentName,
        status = run.Info.Status.ToText(),
        process_gone = run.Info.Status == RunStatus.Running ? RunEnvironment.IsProcessGone(run.Tags) : null,
        parent_run_id = run.Info.ParentRunId,
        start_time = run.Info.StartTime,
        end_time = run.Info.EndTime,
        @params = run.Params.ToDictionary(p => p.Key, p => p.Value.Text),
        metrics = run.Metrics.ToDictionary(m => m.Key, m => m.Value.Value),
        tags = run.Tags,
        inputs = run.Inputs,
        artifacts = run.Artifacts,
    };
}
