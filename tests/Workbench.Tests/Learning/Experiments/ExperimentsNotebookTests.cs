using Microsoft.Data.Sqlite;
using Workbench.Data;
using Workbench.Learning.Experiments;
using Workbench.Learning.Training;
using Workbench.Registry;
using Workbench.Testing;
using Workbench.Tests.Support;
using Workbench.Tests.Tracking;
using Workbench.Tracking;

namespace Workbench.Tests.Learning.Experiments;

/// <summary>
/// Runs the code cells of notebooks/03-gpu-experiments.ipynb in order as one C# script (<see cref="NotebookScript"/>;
/// <c>display</c> provided by a recording stand-in for the kernel's), with its tracking store in a temporary
/// folder, then checks that every number its conclusions quote is what the cells computed, that the learning-curve
/// displays were redrawn while the networks trained, and what the store holds afterwards. The main job's headless run
/// renders the same cells with the kernel; this test keeps the prose honest on its own.
/// </summary>
[Collection(ProcessStateCollection.Name)] // Console.Out is redirected while the cells run.
public sealed class ExperimentsNotebookTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-notebook-03");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Cells_run_and_the_conclusions_quote_their_outputs()
    {
        var home = _folder.File("home");
        var globals = new NotebookGlobals();
        var (text, values, markdown) = await NotebookScript.RunAsync(
            "03-gpu-experiments.ipynb",
            new Dictionary<string, string> { ["../artifacts/notebooks/03-gpu-experiments.workbench"] = home },
            NotebookScript.LibraryOptions.AddReferences(typeof(NotebookGlobals).Assembly),
            globals);

        var shown = string.Join('\n', values.Select(v => v is Frame f ? f.ToText(maxRows: 40, maxColumnWidth: 80) : v?.ToString()));
        shown.Should().Contain("Frame: 4 rows x 7 columns").And.Contain("Frame: 12 rows x 9 columns");
        values.OfType<ClassifierEvaluation>().Should().ContainSingle().Which.Rows.Should().Be(450);
        var sweepChart = values.OfType<Workbench.Data.Plots.Figure>().Single(f => f.Layout.Title == "Architecture sweep: best validation accuracy");
        sweepChart.Layout.XAxis.Type.Should().Be(Workbench.Data.Plots.AxisType.Category, "hidden sizes such as 256-128 are labels; plotly.js would drop them from a numeric axis");
        System.Text.Json.Nodes.JsonNode.Parse(sweepChart.ToJson())!["data"]!.AsArray().Select(t => t!["x"]!.AsArray().Count).Should()
            .Equal([3, 3, 3, 3], "each (dropout, learning rate) setting has a bar per hidden-layer size");

        // The device is named plainly.
        text.Should().Contain("training device: cpu: cpu (").And.MatchRegex(@"GPU: (no GPU present\. Every model below trains on the CPU\.|an NVIDIA device is present, but no CUDA backend)");
        markdown.Should().Contain("No GPU is present on the machine this notebook was written on");

        // Data.
        text.Should().Contain("breast cancer: train 426 rows, test 143 rows, 30 features").And.Contain("digits: train 1347 rows, test 450 rows, 64 features");
        markdown.Should().Contain("on 143 or 450 test rows");

        // The live displays: created before training, redrawn while it ran, final state completed or stopped early.
        globals.Displays.Should().HaveCount(2);
        foreach (var live in globals.Displays)
        {
            live.Value.Should().BeOfType<TrainingHistory>();
            live.Updates.Should().BeGreaterThan(3, "the display is redrawn as epochs finish");
            live.Statuses.Should().Contain(TrainingStatus.Running);
            live.Statuses[^1].Should().BeOneOf(TrainingStatus.Completed, TrainingStatus.StoppedEarly);
            ((TrainingHistory)live.Value!).ToFigure().Layout.Title.Should().MatchRegex(@": (completed|stopped early), epoch \d+/60$");
        }

        // Conclusions: every quoted number is computed above.
        var conclusions = markdown[markdown.IndexOf("## Conclusions", StringComparison.Ordinal)..];
        text.Should().Contain("breast-cancer: logistic regression accuracy 0.965, ROC-AUC 0.9945, log loss 0.093; mlp 64-32 accuracy 0.951, ROC-AUC 0.9920, log loss 0.120 -> lower log loss: logistic regression");
        text.Should().Contain("breast cancer MLP: 4,130 parameters");
        conclusions.Should().Contain("test accuracy 0.965, ROC-AUC 0.9945 and log loss 0.093,\n  against 0.951, 0.9920 and 0.120 for the MLP 64-32 and its 4,130 parameters");
        text.Should().Contain("digits: logistic regression accuracy 0.973, ROC-AUC 0.9990, log loss 0.107; mlp 128-64 accuracy 0.973, ROC-AUC 0.9996, log loss 0.087 -> lower log loss: mlp 128-64");
        conclusions.Should().Contain("Both models read 0.973 of the test digits correctly").And.Contain("log loss 0.087 against 0.107 for logistic regression");
        text.Should().Contain("digits MLP: 12 of 450 test digits misread; the most frequent confusions (2 times each)");
        conclusions.Should().Contain("Its 12 mistakes out of 450 are spread out: no confusion\n  occurs more than 2 times");
        text.Should().Contain("dropout 0.2 did at least as well on validation as no dropout in 6 of 6 (hidden layers, learning rate) pairs");
        text.Should().Contain("winner: mlp 256-128 dropout 0.2 lr 0.003 (50826 parameters): validation accuracy 0.971, test accuracy 0.978");
        conclusions.Should().Contain("in 6 of 6 pairs").And.Contain("`mlp 256-128 dropout 0.2 lr 0.003` (validation accuracy 0.971)")
            .And.Contain("it scores 0.978 against the\n  champion's 0.973, an improvement of 0.0044: below the 0.005");
        text.Should().Contain("v1: promoted: no version holds 'champion' yet")
            .And.Contain("v2: not promoted: test_accuracy 0.9777777777777777 vs 0.9733333333333334 (higher is better): improvement 0.00444")
            .And.Contain("champion: v1, approved");
        conclusions.Should().Contain("version 2 is registered\n  but not promoted, and version 1 stays champion");
        text.Should().Contain("breast cancer test rows against the schema inferred from the training rows: 6 errors")
            .And.Contain("mean_texture: 1 row (0.7 %) is outside float64 in [10.38, 32.47] ± 2.209, e.g. '39.28'")
            .And.Contain("digits test rows against the schema inferred from the training rows: 1 errors\n  pixel_5_7: 2 rows (0.4 %) are outside int64 in [0, 5] ± 0.5, e.g. '6'");
        conclusions.Should().Contain("break the ranges of 6 measurements (mean_texture up to 39.28 where training saw at most\n  32.47, for one) and 2 digits test rows have pixel_5_7 = 6 where training saw at most 5");
        text.Should().Contain("schema check of the 450 raw test rows: valid, 0 errors, 0 warnings");
        conclusions.Should().Contain("accepts all 450 raw test rows");
        text.Should().Contain("the exported champion predicts the 450 raw test rows exactly as the trained one: True");
        text.Should().MatchRegex(@"digits mlp 128-64: [\d,]+ samples/s per epoch \(median of 26\), [\d,]+ samples/s over the whole fit");

        // The store: runs, the sweep's nesting, the registry.
        using var tracker = Tracker.Open(home);
        var runs = tracker.SearchRuns(maxResults: 1000);
        runs.Should().HaveCount(4 + 1 + 12).And.OnlyContain(r => r.Info.Status == RunStatus.Finished);
        var sweep = runs.Single(r => r.Info.Name == "architecture-sweep");
        runs.Count(r => r.Info.ParentRunId == sweep.RunId).Should().Be(12);
        runs.Where(r => r.Tag("stage") is not null).Should().OnlyContain(r => r.Inputs.Count(i => i.Context == DatasetInput.Evaluation) == 1);
        var registry = new ModelRegistry(tracker);
        var champion = registry.GetVersionByAlias("digits-classifier", "champion");
        champion.Version.Should().Be(1);
        champion.ApprovalStatus.Should().Be(ApprovalStatus.Approved);
        champion.Files.Select(f => f.Path).Should().BeEquivalentTo("model.wbm", "signature.json", "feature-pipeline.json", "schema.json");
        registry.GetPromotionHistory("digits-classifier").Should().HaveCount(2).And.OnlyContain(d => d.EvaluationFingerprint == champion.Inputs.Single(i => i.Context == DatasetInput.Evaluation).Fingerprint);
        File.Exists(Path.Combine(home, "exports", "digits-classifier.tar.gz")).Should().BeTrue();
        tracker.GetMetricHistory(runs.Single(r => r.Info.Name == "mlp 128-64").RunId, "samples_per_second").Should().OnlyContain(p => p.Value > 0);
    }
}

/// <summary>What the kernel gives cells that this test needs: <c>display(value)</c> returning a handle that redraws.</summary>
public sealed class NotebookGlobals
{
    public List<RecordedDisplay> Displays { get; } = [];

#pragma warning disable IDE1006 // The kernel's global is lower-case, as in Jupyter.
    public RecordedDisplay display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        var shown = new RecordedDisplay(value);
        Displays.Add(shown);
        return shown;
    }
}

/// <summary>One displayed output and every redraw of it.</summary>
public sealed class RecordedDisplay(object? value)
{
    public object? Value { get; private set; } = value;

    public int Updates { get; private set; }

    public List<TrainingStatus> Statuses { get; } = [];

    public void Update(object? value, params string[] mimeTypes)
    {
        Value = value;
        Updates++;
        if (value is TrainingHistory history)
        {
            Statuses.Add(history.Status);
        }
    }
}
