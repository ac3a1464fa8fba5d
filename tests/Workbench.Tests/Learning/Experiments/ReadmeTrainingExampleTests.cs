using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Workbench.Data;
using Workbench.Features;
using Workbench.Registry;
using Workbench.Testing;
using Workbench.Tests.Tracking;
using Workbench.Tracking;

namespace Workbench.Tests.Learning.Experiments;

/// <summary>
/// The README's "Training models, tracked end to end" snippet, read from README.md and run as written against a real
/// store, with the variables it assumes (tracker, registry, a fitted feature pipeline, frames and labels) supplied.
/// </summary>
public sealed class ReadmeTrainingExampleTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task The_training_snippet_tracks_a_fit_registers_and_promotes_its_model()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Training models, tracked end to end", StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var snippet = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        var digits = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "digits.csv"));
        var (train, test) = digits.TrainTestSplit(0.25, seed: 3, stratify: "label");
        string[] Labels(Frame f) => Enumerable.Range(0, f.RowCount).Select(r => f["label"].Format(r)!).ToArray();
        var globals = new ReadmeGlobals
        {
            tracker = _home.Tracker,
            registry = _home.Registry,
            features = new FeaturePipeline().Add("pixels", ColumnSelector.Numeric(), new StandardScaler()).Fit(train, target: "label"),
            train = train,
            test = test,
            yTrain = Labels(train),
            yTest = Labels(test),
        };
        var options = ScriptOptions.Default
            .AddReferences(typeof(Frame).Assembly)
            .AddImports("System", "System.Linq", "Workbench.Learning.Estimators", "Workbench.Learning.Experiments", "Workbench.Registry", "Workbench.Tracking");

        var state = await CSharpScript.RunAsync(snippet, options, globals, typeof(ReadmeGlobals));

        state.ReturnValue.Should().BeOfType<Frame>().Which.RowCount.Should().Be(1, "the tracked MLP scores above 0.95 on the digits test set");
        var run = _home.Tracker.SearchRuns().Should().ContainSingle().Subject;
        run.Info.Status.Should().Be(RunStatus.Finished);
        run.Metrics.Keys.Should().Contain(["loss", "val_accuracy", "lr", "samples_per_second", "test_accuracy", "test_log_loss"]);
        _home.Tracker.GetMetricHistory(run.RunId, "loss").Count.Should().BeGreaterThan(1, "the callback logs every epoch");
        var champion = _home.Registry.GetVersionByAlias("digits-classifier", "champion");
        champion.Version.Should().Be(1);
        champion.Files.Select(f => f.Path).Should().BeEquivalentTo("model.wbm", "signature.json", "feature-pipeline.json");
        champion.Inputs.Single(i => i.Context == DatasetInput.Evaluation).Fingerprint.Should().Be(test.Fingerprint());
    }
}

/// <summary>The variables the README's snippet assumes, named as it names them.</summary>
#pragma warning disable IDE1006, SA1300 // The snippet's local variable names.
public sealed class ReadmeGlobals
{
    public required Tracker tracker { get; init; }

    public required ModelRegistry registry { get; init; }

    public required FeaturePipeline features { get; init; }

    public required Frame train { get; init; }

    public required Frame test { get; init; }

    public required string[] yTrain { get; init; }

    public required string[] yTest { get; init; }
}
#pragma warning restore IDE1006, SA1300
