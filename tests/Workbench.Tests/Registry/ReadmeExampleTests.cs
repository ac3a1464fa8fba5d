using Workbench.Registry;
using Workbench.Testing;
using Workbench.Tracking;

namespace Workbench.Tests.Registry;

/// <summary>The README's three lines, as written there, against a real store.</summary>
[Collection(Workbench.Tests.Tracking.ProcessStateCollection.Name)]
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_three_line_example_logs_a_run_and_registers_its_model()
    {
        using var folder = new TempDirectory("wb-readme");
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder.Path;
        try
        {
            folder.Write("out/model.bin", "weights");
            var auc = 0.91;

            using var tracker = Tracker.Open();                                   // using Workbench.Tracking; using Workbench.Registry;
            var run = tracker.Run("readmission", "logreg", r => { r.LogParams(new { lr = 0.01, epochs = 20 }); r.LogMetric("auc", auc); r.LogModel("out/model.bin"); });
            var version = new ModelRegistry(tracker).RegisterModel("readmission", run);   // v1, PendingManualApproval

            run.Status.Should().Be(RunStatus.Finished);
            version.Version.Should().Be(1);
            version.ApprovalStatus.Should().Be(ApprovalStatus.PendingManualApproval);
            Directory.Exists(Path.Combine(folder.Path, ".workbench")).Should().BeTrue("the default home is ./.workbench");
            tracker.SearchRuns("metrics.auc > 0.9 and params.lr = '0.01'", "metrics.auc DESC").Should().ContainSingle();
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
