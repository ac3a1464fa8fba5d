using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Data.Sqlite;
using Workbench.Registry;
using Workbench.Testing;
using Workbench.Tracking;

namespace Workbench.Extension.Tests.Tracking;

/// <summary>A real store with a few runs and a registered model, and helpers to render through the formatter source.</summary>
public sealed class TrackingRenderingFixture : IDisposable
{
    public static readonly string Holdout = "sha256:" + new string('a', 64);

    private readonly TempDirectory _directory = new("wb-render");

    public TrackingRenderingFixture()
    {
        Tracker = Tracker.Open(Path.Combine(_directory.Path, "home"), new TrackerOptions { CaptureEnvironment = false });
        Registry = new ModelRegistry(Tracker);
        Formatters = new WorkbenchFormatterSource().CreateTypeFormatters().ToList();
    }

    public Tracker Tracker { get; }

    public ModelRegistry Registry { get; }

    public IReadOnlyList<object> Formatters { get; }

    public string Folder => _directory.Path;

    public string Train(string name, double lr, double finalLoss, int steps = 5, string? note = null)
    {
        var model = _directory.Write($"{name}/model.bin", $"weights of {name}");
        var pipeline = _directory.Write($"{name}/pipeline.json", "{}");
        return Tracker.Run("readmission", name, run =>
        {
            run.LogParams(new { lr, epochs = steps, note = note ?? "plain" });
            for (var step = 0; step < steps; step++)
            {
                run.LogMetric("loss", finalLoss + ((steps - step - 1) * 0.1), step);
                run.LogMetric("auc", 0.5 + (0.08 * step), step);
            }

            run.LogInput(Holdout, "holdout", rows: 1000, context: DatasetInput.Evaluation);
            run.LogModel(model);
            run.LogArtifact(pipeline, "pipeline.json", ArtifactKind.FeaturePipeline);
        }).RunId;
    }

    /// <summary>Renders <paramref name="value"/> with the first formatter of the session that accepts it as text/html.</summary>
    public string Html(object value)
    {
        foreach (var formatter in Formatters)
        {
            var mime = (string)formatter.GetType().GetProperty("MimeType")!.GetValue(formatter)!;
            if (mime != "text/html")
            {
                continue;
            }

            using var writer = new StringWriter();
            var format = formatter.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!;
            if ((bool)format.Invoke(formatter, [value, writer])!)
            {
                return writer.ToString();
            }
        }

        throw new InvalidOperationException($"no HTML formatter for {value.GetType().Name}");
    }

    public IDocument Document(object value) => new HtmlParser().ParseDocument(Html(value));

    public void Dispose()
    {
        Tracker.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
