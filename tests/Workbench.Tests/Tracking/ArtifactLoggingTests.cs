using System.Text;
using Workbench.Tracking;
using Workbench.Tracking.Artifacts;

namespace Workbench.Tests.Tracking;

public sealed class ArtifactLoggingTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Files_folders_streams_text_json_and_figures_are_logged_with_kinds_and_hashes()
    {
        var file = _home.File("report.md", "# report");
        _home.File("model/weights.bin", "weights");
        _home.File("model/config/params.json", "{}");
        using var run = _home.Tracker.StartRun("exp");

        run.LogArtifact(file);
        run.LogModel(Path.Combine(_home.Folder, "model"));
        run.LogArtifact(new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n")), "frames/sample.csv", ArtifactKind.Frame);
        run.LogText("hello", "notes/hello.txt");
        run.LogJson(new { auc = 0.9 }, "eval/summary.json");
        run.LogFigure("""{"data":[{"type":"scatter","x":[1,2],"y":[3,4]}]}""", "figures/roc.json");

        var artifacts = _home.Tracker.GetRun(run.RunId).Artifacts.ToDictionary(a => a.Path);
        artifacts.Keys.Should().BeEquivalentTo(
            "report.md", "model/weights.bin", "model/config/params.json", "frames/sample.csv", "notes/hello.txt", "eval/summary.json", "figures/roc.json");
        artifacts["model/weights.bin"].Kind.Should().Be(ArtifactKind.Model);
        artifacts["frames/sample.csv"].Kind.Should().Be(ArtifactKind.Frame);
        artifacts["figures/roc.json"].Kind.Should().Be(ArtifactKind.Figure);
        artifacts["report.md"].Sha256.Should().Be(Sha256Text.OfFile(file));
        artifacts["report.md"].Size.Should().Be(8);
        _home.Tracker.ReadArtifactText(run.RunId, "notes/hello.txt").Should().Be("hello");
        _home.Tracker.ReadArtifactText(run.RunId, "eval/summary.json").Should().Contain("\"auc\": 0.9");
    }

    [Fact]
    public void A_figure_from_the_plot_builder_is_stored_as_its_figure_JSON()
    {
        var figure = Workbench.Data.Plots.Plot.Line(new[] { 0.0, 1.0, 2.0 }, new[] { 0.9, 0.5, 0.3 }, title: "loss");
        using var run = _home.Tracker.StartRun("exp");

        var entry = run.LogFigure(figure, "figures/loss.json");

        entry.Kind.Should().Be(ArtifactKind.Figure);
        _home.Tracker.ReadArtifactText(run.RunId, "figures/loss.json").Should().Be(figure.ToJson());
    }

    [Fact]
    public void A_single_model_file_goes_under_model()
    {
        var file = _home.File("out/clf.bin", "clf");
        using var run = _home.Tracker.StartRun("exp");

        run.LogModel(file).Single().Path.Should().Be("model/clf.bin");
    }

    [Fact]
    public void Artifacts_download_verified_with_their_paths()
    {
        _home.File("model/a.bin", "A");
        _home.File("model/sub/b.bin", "B");
        using var run = _home.Tracker.StartRun("exp");
        run.LogModel(Path.Combine(_home.Folder, "model"));
        var destination = Path.Combine(_home.Folder, "download");

        var written = _home.Tracker.DownloadArtifacts(run.RunId, destination, "model");

        written.Should().HaveCount(2);
        File.ReadAllText(Path.Combine(destination, "model", "sub", "b.bin")).Should().Be("B");
    }

    [Fact]
    public void A_corrupted_artifact_read_names_the_run_artifact_and_both_hashes()
    {
        using var run = _home.Tracker.StartRun("exp");
        var entry = run.LogText("original", "notes.txt");
        File.WriteAllText(((LocalArtifactStore)_home.Tracker.Artifacts).ObjectPath(entry.Sha256), "changed!");

        var read = () => _home.Tracker.ReadArtifactText(run.RunId, "notes.txt");

        read.Should().Throw<ArtifactCorruptedException>().WithMessage($"*{run.RunId}/notes.txt*{entry.Sha256}*");
    }

    [Fact]
    public void Bad_artifact_input_is_refused_before_anything_is_stored()
    {
        using var run = _home.Tracker.StartRun("exp");
        var before = _home.Dump();

        ((Action)(() => run.LogArtifact(Path.Combine(_home.Folder, "missing.bin")))).Should().Throw<FileNotFoundException>().WithMessage("*missing.bin does not exist*");
        ((Action)(() => run.LogArtifact(_home.Folder))).Should().Throw<FileNotFoundException>().WithMessage("*is a folder; use LogArtifacts*");
        ((Action)(() => run.LogText("x", "../escape.txt"))).Should().Throw<ArgumentException>().WithMessage("*'..'*");
        ((Action)(() => run.LogText("x", "/abs.txt"))).Should().Throw<ArgumentException>().WithMessage("*must be relative*");
        ((Action)(() => run.LogText("x", "a.txt", "Not A Kind"))).Should().Throw<ArgumentException>().WithMessage("*lowercase*");
        ((Action)(() => run.LogFigure("{not json", "fig.json"))).Should().Throw<ArgumentException>().WithMessage("*String given does not produce JSON*");
        ((Action)(() => run.LogFigure(new object(), "fig.json"))).Should().Throw<ArgumentException>().WithMessage("*Object given*");
        ((Action)(() => _home.Tracker.OpenArtifact(run.RunId, "nothing.txt"))).Should().Throw<ArtifactNotFoundException>().WithMessage("*no artifact 'nothing.txt'*");

        _home.Dump().Should().Be(before);
    }
}
