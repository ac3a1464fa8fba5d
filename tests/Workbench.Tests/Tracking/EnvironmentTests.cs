using System.Runtime.InteropServices;
using Workbench.Testing;
using Workbench.Tracking;

namespace Workbench.Tests.Tracking;

[Collection(ProcessStateCollection.Name)]
public sealed class EnvironmentTests
{
    [Fact]
    public void A_run_records_git_dotnet_os_machine_cpus_process_and_package_versions()
    {
        using var home = new TrackingHome(captureEnvironment: true);
        var expectedCommit = ChildProcess.Run("git", ["rev-parse", "HEAD"], RepoPaths.Root).StandardOutput.Trim();
        var expectedDirty = ChildProcess.Run("git", ["status", "--porcelain", "--untracked-files=no"], RepoPaths.Root).StandardOutput.Trim().Length > 0;
        var previous = Environment.CurrentDirectory;
        Run stored;
        try
        {
            Environment.CurrentDirectory = RepoPaths.Root;
            var info = home.Tracker.Run("exp", _ => { });
            stored = home.Tracker.GetRun(info.RunId);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        stored.Tag(RunEnvironment.GitCommit).Should().Be(expectedCommit).And.MatchRegex("^[0-9a-f]{40}$");
        stored.Tag(RunEnvironment.GitDirty).Should().Be(expectedDirty ? "true" : "false");
        stored.Tag(RunEnvironment.GitBranch).Should().NotBeNullOrEmpty();
        stored.Tag(RunEnvironment.DotNet).Should().Be(RuntimeInformation.FrameworkDescription);
        stored.Tag(RunEnvironment.OperatingSystem).Should().Be(RuntimeInformation.OSDescription);
        stored.Tag(RunEnvironment.Machine).Should().Be(Environment.MachineName);
        stored.Tag(RunEnvironment.CpuCount).Should().Be(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        stored.Tag(RunEnvironment.ProcessId).Should().Be(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        stored.Tag(RunEnvironment.Packages).Should().Contain("\"Workbench\":");
        RunEnvironment.IsProcessGone(stored.Tags).Should().BeFalse("this process is alive");
    }

    [Fact]
    public void Outside_a_repository_no_git_tags_are_written()
    {
        using var directory = new TempDirectory();
        RunEnvironment.Capture(directory.Path).Keys.Should().NotContain(k => k.StartsWith("workbench.git.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_remote_with_credentials_is_recorded_without_them()
    {
        RunEnvironment.WithoutCredentials("https://alice:ghp_secret@github.com/org/repo.git").Should().Be("https://github.com/org/repo.git");
        RunEnvironment.WithoutCredentials("git@github.com:org/repo.git").Should().Be("git@github.com:org/repo.git");
    }

    [Fact]
    public void A_process_that_no_longer_exists_is_reported_gone()
    {
        var tags = new Dictionary<string, string>
        {
            [RunEnvironment.Machine] = Environment.MachineName,
            [RunEnvironment.ProcessId] = "999999999",
            [RunEnvironment.ProcessStarted] = "0",
        };

        RunEnvironment.IsProcessGone(tags).Should().BeTrue();
        RunEnvironment.IsProcessGone(new Dictionary<string, string>()).Should().BeNull("nothing is known about the process");
    }
}
