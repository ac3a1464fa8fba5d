using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workbench.Cli;
using Workbench.Cli.Tests.Support;
using Workbench.Registry;
using Workbench.Testing;
using Workbench.Tracking;

namespace Workbench.Cli.Tests.Tracking;

/// <summary>A store with three runs (one registered) and a way to run the CLI in-process against it.</summary>
public sealed class StoreCliFixture : IDisposable
{
    public static readonly string Holdout = "sha256:" + new string('b', 64);

    private readonly TempDirectory _directory = new("wb-cli");

    public StoreCliFixture()
    {
        Home = Path.Combine(_directory.Path, "home");
        using var tracker = Tracker.Open(Home, new TrackerOptions { CaptureEnvironment = false });
        foreach (var (name, lr, auc) in new[] { ("slow", 0.001, 0.84), ("mid", 0.01, 0.86), ("fast", 0.1, 0.81) })
        {
            var model = _directory.Write($"{name}/model.bin", $"weights {name}");
            RunIds[name] = tracker.Run("readmission", name, run =>
            {
                run.LogParams(new { lr, epochs = 3 });
                for (var step = 0; step < 3; step++)
                {
                    run.LogMetric("loss", 1.0 / (step + 1) + lr, step);
                }

                run.LogMetric("auc", auc);
                run.LogInput(Holdout, "holdout", rows: 1000, context: DatasetInput.Evaluation);
                run.LogModel(model);
            }).RunId;
        }

        new ModelRegistry(tracker).RegisterModel("readmission", RunIds["slow"]);
    }

    public string Home { get; }

    public string Folder => _directory.Path;

    public Dictionary<string, string> RunIds { get; } = [];

    /// <summary>Runs <c>workbench ARGS --home HOME</c> in this process.</summary>
    public (int ExitCode, string Output, string Error) Cli(params string[] args)
        => InProcessCli.Run([.. args, "--home", Home]);

    public JsonElement Json(params string[] args)
    {
        var (exit, output, error) = Cli([.. args, "--json"]);
        exit.Should().Be(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
