using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Extension.Monitoring;
using Workbench.Monitoring;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Capture;
using Workbench.Monitoring.Drift;
using Workbench.Monitoring.Json;
using Workbench.Monitoring.Multivariate;
using Workbench.Monitoring.Policy;
using Workbench.Monitoring.Windows;
using Workbench.Tracking;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench monitor</c>: fit a baseline from training data, and check a batch or captured traffic against it.
/// <c>check</c> exits 0 / 1 / 2 for the policy's none / retrain / escalate, and 3 when the check cannot run
/// (unreadable input, unknown option or column); every option is read inside the command so a usage mistake
/// never exits with a decision's code.
/// </summary>
public static class MonitorCommands
{
    /// <summary>The exit code when a check cannot run.</summary>
    public const int CannotRun = 3;

    public static Command Create()
    {
        var monitor = new Command("monitor", "Baselines, drift and data-quality checks, and the retraining decision (SageMaker Model Monitor's files, Evidently's tests).");
        monitor.Subcommands.Add(BaselineCommand());
        monitor.Subcommands.Add(CheckCommand());
        return monitor;
    }

    private static Command BaselineCommand()
    {
        var data = new Option<FileInfo?>("--data") { Description = "The reference (training) data: CSV, or JSON Lines (.jsonl)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for baseline.json, statistics.json, constraints.json and reference.csv." };
        var target = new Option<string?>("--target") { Description = "The ground-truth label column." };
        var prediction = new Option<string?>("--prediction") { Description = "The model's output column, if the data has one." };
        var timestamp = new Option<string?>("--timestamp") { Description = "The time column used for windows." };
        var ids = new Option<string[]>("--id") { Description = "Identifier columns (never tested for drift); repeat for several.", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Columns left out of the baseline; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var schema = new Option<FileInfo?>("--schema") { Description = "A feature schema (workbench features schema) whose types, ranges, missing fractions and categories win over the data's." };
        var separator = new Option<string>("--separator") { Description = "CSV field separator (\\t for tab).", DefaultValueFactory = _ => "," };
        var command = new Command("baseline", "Learn a baseline from reference data: Workbench's baseline.json plus Model Monitor's statistics.json and constraints.json.")
        {
            data, output, target, prediction, timestamp, ids, exclude, schema, separator,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result => Guard(result, "baseline", () =>
        {
            var dataFile = Required(result.GetValue(data), "--data");
            var folder = Required(result.GetValue(output), "--out").FullName;
            var frame = DataCommands.Read(dataFile, result.GetValue(separator));
            var baseline = Baseline.Fit(frame, new BaselineOptions
            {
                Target = result.GetValue(target),
                Prediction = result.GetValue(prediction),
                Timestamp = result.GetValue(timestamp),
                IdColumns = result.GetValue(ids) ?? [],
                Exclude = result.GetValue(exclude) ?? [],
                Schema = result.GetValue(schema) is { } schemaFile ? Workbench.Features.Validation.DataSchema.Load(schemaFile.FullName) : null,
            });
            baseline.Save(folder);
            var console = StoreCommandSupport.Console(result);
            console.MarkupLine(Markup.Escape($"{baseline} written to {folder}"));
            var table = new Table().AddColumns("column", "kind", "role", "missing", "distinct", "completeness ≥", "domain");
            foreach (var column in baseline.Columns)
            {
                var constraint = baseline.Constraints.Find(column.Name);
                table.AddRow(
                    Markup.Escape(column.Name), column.Kind.ToString(), column.Role.ToString(),
                    column.MissingShare.ToString("P1", CultureInfo.InvariantCulture), column.Distinct.ToString("N0", CultureInfo.InvariantCulture),
                    constraint?.Completeness?.ToString("0.####", CultureInfo.InvariantCulture) ?? "",
                    constraint?.Domains is { } domains ? $"{domains.Count} labels" : "");
            }

            console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command CheckCommand()
    {
        var baselineFolder = new Option<DirectoryInfo?>("--baseline") { Description = "The baseline folder (Workbench's, or Model Monitor's statistics.json and constraints.json)." };
        var data = new Option<FileInfo?>("--data") { Description = "A batch to check: CSV, or JSON Lines (.jsonl)." };
        var capture = new Option<DirectoryInfo?>("--capture") { Description = "A data-capture folder (endpoint/variant/yyyy/mm/dd/hh/*.jsonl) to check instead of --data." };
        var groundTruth = new Option<string?>("--ground-truth") { Description = "Ground truth in Model Monitor's merge format (folder or file), joined to the capture on eventId." };
        var window = new Option<string?>("--window") { Description = "Also check window by window: 30m, 1h, 1d, 1w. Capture windows on the inference time; batches on --time-column." };
        var timeColumn = new Option<string?>("--time-column") { Description = "The time column of a --data batch for --window (default: the baseline's timestamp column)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for report.html, report.json and constraint_violations.json." };
        var name = new Option<string?>("--name") { Description = "A name for this check (default: the file or folder name)." };
        var method = new Option<string?>("--method") { Description = "One drift method for every column it applies to: ks, chisquare, z, wasserstein, jensenshannon, psi, kl, hellinger, anderson, cvm, linf, linf_robust." };
        var columnMethods = new Option<string[]>("--column-method") { Description = "A method for one column, COLUMN=METHOD; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<string?>("--threshold") { Description = "One drift threshold for every column (default: 0.05 for p-values, 0.1 for distances)." };
        var bins = new Option<string?>("--bins") { Description = "Equal-width bins for PSI, KL, Jensen-Shannon and Hellinger (default: Sturges' rule)." };
        var driftShare = new Option<string?>("--drift-share") { Description = "The share of drifted features that makes dataset drift (default 0.5)." };
        var noDomainClassifier = new Option<bool>("--no-domain-classifier") { Description = "Skip the multivariate domain-classifier test." };
        var noTrack = new Option<bool>("--no-track") { Description = "Do not record the decision as a run of the tracking store." };
        var experiment = new Option<string>("--experiment") { Description = "The tracking experiment of the run.", DefaultValueFactory = _ => "monitoring" };
        var home = StoreCommandSupport.HomeOption();
        var separator = new Option<string>("--separator") { Description = "CSV field separator (\\t for tab).", DefaultValueFactory = _ => "," };
        var command = new Command("check", "Check a batch or captured traffic against a baseline; write report.html, report.json and constraint_violations.json; exit 0 / 1 / 2 for none / retrain / escalate (3: cannot run).")
        {
            baselineFolder, data, capture, groundTruth, window, timeColumn, output, name, method, columnMethods, threshold, bins, driftShare, noDomainClassifier, noTrack, experiment, home, separator,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result => Guard(result, "check", () =>
        {
            var baseline = Baseline.Load(Required(result.GetValue(baselineFolder), "--baseline").FullName);
            var folder = Required(result.GetValue(output), "--out").FullName;
            var dataFile = result.GetValue(data);
            var captureFolder = result.GetValue(capture);
            if ((dataFile is null) == (captureFolder is null))
            {
                throw new ArgumentException("give either --data FILE or --capture FOLDER (one of them).");
            }

            var options = new MonitorOptions
            {
                Drift = DriftOptions(result.GetValue(method), result.GetValue(columnMethods) ?? [], result.GetValue(threshold), result.GetValue(bins), result.GetValue(driftShare)),
                DomainClassifier = result.GetValue(noDomainClassifier) ? null : new DomainClassifierOptions(),
            };
            var windowLength = result.GetValue(window) is { } w ? TimeWindow.Parse(w) : (TimeSpan?)null;
            using var tracker = result.GetValue(noTrack) ? null : Tracker.Open(StoreCommandSupport.Home(result, home));
            var monitor = new ModelMonitor(baseline, options)
            {
                Tracker = tracker,
                Experiment = result.GetValue(experiment)!,
                OnRecord = (report, run) => run.LogText(MonitoringReportHtml.Standalone(report), "report.html", ArtifactKind.Text),
            };

            MonitoringReport report;
            if (captureFolder is not null)
            {
                var captured = DataCapture.Read(captureFolder.FullName, baseline);
                Frame? labels = null;
                if (result.GetValue(groundTruth) is { } truth)
                {
                    var target = baseline.Target?.Name ?? throw new ArgumentException("--ground-truth needs a baseline with a target column (baseline --target).");
                    (labels, var truthIssues) = DataCapture.ReadGroundTruth(truth, target);
                    foreach (var issue in truthIssues.Take(20))
                    {
                        result.InvocationConfiguration.Error.WriteLine($"ground truth: {issue}");
                    }
                }

                report = monitor.Check(captured, windowLength, result.GetValue(name) ?? captureFolder.Name, labels);
                foreach (var issue in captured.Issues.Take(20))
                {
                    result.InvocationConfiguration.Error.WriteLine($"capture: {issue}");
                }
            }
            else
            {
                var frame = DataCommands.Read(dataFile!, result.GetValue(separator));
                var batchName = result.GetValue(name) ?? Path.GetFileNameWithoutExtension(dataFile!.Name);
                if (windowLength is { } length)
                {
                    var time = result.GetValue(timeColumn) ?? baseline.Timestamp?.Name
                        ?? throw new ArgumentException("--window on a --data batch needs --time-column (the baseline has no timestamp column).");
                    report = monitor.Check(frame, time, length, batchName);
                }
                else
                {
                    report = monitor.Check(frame, batchName);
                }
            }

            report.Save(folder);
            MonitoringReportHtml.Save(report, Path.Combine(folder, "report.html"));
            Summarize(result, report, folder);
            return (int)report.Tier;
        }));
        return command;
    }

    private static DriftOptions DriftOptions(string? method, string[] columnMethods, string? threshold, string? bins, string? driftShare)
    {
        var perColumn = new Dictionary<string, DriftMethod>(StringComparer.Ordinal);
        foreach (var pair in columnMethods)
        {
            var cut = pair.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0 || cut == pair.Length - 1)
            {
                throw new ArgumentException($"--column-method '{pair}' must read COLUMN=METHOD, e.g. bmi=psi.");
            }

            perColumn[pair[..cut]] = DriftMethods.Parse(pair[(cut + 1)..]);
        }

        return new DriftOptions
        {
            Method = method is null ? DriftMethod.Auto : DriftMethods.Parse(method),
            ColumnMethods = perColumn,
            Threshold = threshold is null ? null : Number(threshold, "--threshold"),
            Bins = bins is null ? null : (int)Number(bins, "--bins"),
            DriftShare = driftShare is null ? 0.5 : Number(driftShare, "--drift-share"),
        };
    }

    private static void Summarize(ParseResult result, MonitoringReport report, string folder)
    {
        var console = StoreCommandSupport.Console(result);
        console.MarkupLine(Markup.Escape($"{report.Name}: {report.Drift}"));
        console.MarkupLine(Markup.Escape(report.Quality.ToString()));
        if (report.Multivariate is { } multivariate)
        {
            console.MarkupLine(Markup.Escape(multivariate.ToString()));
        }

        var table = new Table().AddColumns("column", "method", "score", "threshold", "drift");
        foreach (var column in report.Drift.Ordered.Where(c => c.Tested))
        {
            table.AddRow(Markup.Escape(column.Column), Markup.Escape(column.MethodName), column.Score.ToString("G4", CultureInfo.InvariantCulture),
                column.Threshold.ToString("G3", CultureInfo.InvariantCulture), column.Drifted ? "DRIFT" : "no");
        }

        console.Write(table);
        foreach (var failure in report.Quality.Failures)
        {
            console.MarkupLine(Markup.Escape($"quality {failure.Severity.ToString().ToLowerInvariant()}: {failure.Column ?? "(dataset)"}: {failure.Description}"));
        }

        console.MarkupLine(Markup.Escape($"decision: {report.Tier.ToString().ToLowerInvariant()} (exit {(int)report.Tier}): {report.Decision.Summary}"));
        console.MarkupLine(Markup.Escape($"action: {report.ActionTaken}{(report.RunId is { } run ? $" (run {run})" : "")}"));
        console.MarkupLine(Markup.Escape($"wrote report.html, report.json and constraint_violations.json to {folder}"));
    }

    private static T Required<T>(T? value, string option)
        where T : class => value ?? throw new ArgumentException($"{option} is required.");

    private static double Number(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{option} must be a number, not '{text}'.");

    private static int Guard(ParseResult result, string name, Func<int> action)
    {
        if (result.UnmatchedTokens.Count > 0)
        {
            result.InvocationConfiguration.Error.WriteLine($"workbench monitor {name}: unknown argument{(result.UnmatchedTokens.Count == 1 ? "" : "s")} {string.Join(" ", result.UnmatchedTokens)}; see workbench monitor {name} --help.");
            return CannotRun;
        }

        try
        {
            return action();
        }
        catch (Exception e) when (e is DataFormatException or MonitoringFormatException or FormatException or FileNotFoundException or DirectoryNotFoundException
            or ArgumentException or KeyNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            result.InvocationConfiguration.Error.WriteLine($"workbench monitor {name}: {e.Message}");
            return CannotRun;
        }
    }
}
