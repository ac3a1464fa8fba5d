using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Workbench.Cli.Tests.Support;
using Workbench.Testing;

namespace Workbench.Cli.Tests.Notebooks;

/// <summary>
/// notebooks/05-monitoring-and-retraining.ipynb headless against the packed packages: every cell runs, the reports
/// render inline, the tiers are the ones the markdown explains, and every number the markdown quotes is printed.
/// </summary>
[Collection(nameof(PackedPackagesCollection))]
public sealed class MonitoringNotebookTests(PackedPackages packages) : IDisposable
{
    private readonly TempDirectory _folder = new("wb-nb05");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_monitoring_notebook_runs_and_its_explanations_quote_its_outputs()
    {
        var notebook = packages.RepositoryCopy(_folder, "05-monitoring-and-retraining.ipynb");

        var result = WorkbenchCli.Run(
            ["notebook", "run", notebook, "-p", "dataDir", RepoPaths.DataSamples, "--output-dir", _folder.File("out")],
            _folder.Path, _folder.File("home"), TimeSpan.FromMinutes(8));

        result.ExitCode.Should().Be(0, result.Combined);
        var output = _folder.File("out/05-monitoring-and-retraining.ipynb");
        NotebookFiles.Validate(output).Should().Be("ok");
        var cells = NotebookFiles.Cells(output);
        var markdown = string.Join("\n", cells.Where(c => c!["cell_type"]!.GetValue<string>() == "markdown").Select(c => NotebookFiles.Text(c!["source"])));
        var printed = string.Join("\n", cells.Where(c => c!["cell_type"]!.GetValue<string>() == "code").Select(c => NotebookFiles.Stdout(c!)));

        // The tier of each batch, as the summary prints it and the markdown explains it.
        printed.Should().MatchRegex(@"unchanged\s+1 / 16\s+6 %\s+0\s+0\.506\s+none")
            .And.MatchRegex(@"covariate_shift\s+11 / 16\s+69 %\s+0\s+0\.798\s+retrain")
            .And.MatchRegex(@"missing_values\s+2 / 16\s+12 %\s+5\s+0\.888\s+escalate")
            .And.MatchRegex(@"new_categories\s+4 / 16\s+25 %\s+4\s+0\.703\s+retrain")
            .And.MatchRegex(@"corrupt\s+3 / 15\s+20 %\s+10\s+0\.564\s+escalate");
        printed.Should().Contain("retrain queue: covariate_shift, new_categories")
            .And.Contain("tracked runs in 'monitoring': 5; tiers: unchanged=none, covariate_shift=retrain, missing_values=escalate, new_categories=retrain, corrupt=escalate");
        foreach (var (quote, shown) in new[]
        {
            ("decision is **none**", "decision: none"), ("ROC AUC 0.506", "ROC AUC 0.506"), ("(ROC AUC 0.798)", "ROC AUC 0.798"),
            ("11 of the 16 features drift (69 %)", "11 of 16 features drifted (69 %"), ("at least 95.98 %", "completeness >= 0.9598"),
            ("34.4 % missing where 4.02 % is allowed", "bmi: 0.344 of the values are missing (reference 0.0274, allowed 0.0402)"),
            ("`telehealth` in 18.6 %", "'telehealth' (186)"), ("6 `age` and 9 `systolic_bp`", "age: 6 of 298 values"), ("6 major", "10 of 72 quality checks failed (3 critical, 6 major, 1 minor)"),
            ("2025-01-09", "first drifting day: distances 2025-01-09, tests 2025-01-09"),
            ("38 % of the features already cross it", "2025-01-08   171 rows  distances: 38 %"),
            ("from 0.988 to 0.830", "accuracy 0.830 (baseline 0.988)"), ("accuracy is 0.993", "accuracy 0.993 (baseline 0.988)"),
            ("8 of 30 features drift", "covariate_shift: 8 of 30 features drifted"),
        })
        {
            markdown.Should().Contain(quote);
            printed.Should().Contain(shown);
        }

        // The reports render inline: the first carries plotly.js, each shows its tier.
        var rendered = cells.SelectMany(c => c!["outputs"]?.AsArray() ?? []).Select(o => o!["data"]?["text/html"]).Where(h => h is not null)
            .Select(h => NotebookFiles.Text(h)).Where(h => h.Contains("wb-monitor", StringComparison.Ordinal)).ToList();
        rendered.Count.Should().Be(5);
        rendered.Select(h => new HtmlParser().ParseDocument(h).QuerySelector("h3 [data-tier]")!.GetAttribute("data-tier"))
            .Should().Equal("none", "retrain", "escalate", "retrain", "escalate");
        var written = _folder.File("repo/artifacts/monitoring");
        File.Exists(Path.Combine(written, "baseline", "statistics.json")).Should().BeTrue();
        File.ReadAllText(Path.Combine(written, "corrupt", "constraint_violations.json")).Should().Contain("missing_column_check");
        File.ReadAllText(Path.Combine(written, "covariate_shift", "report.html")).Should().StartWith("<!DOCTYPE html>");
    }
}
