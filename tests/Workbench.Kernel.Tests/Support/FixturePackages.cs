using Workbench.Testing;

namespace Workbench.Kernel.Tests.Support;

/// <summary>Packs tests/fixtures/packages/Workbench.Fixtures.Greeting into a folder feed, outside the repository's build settings.</summary>
public static class FixturePackages
{
    public const string GreetingId = "Workbench.Fixtures.Greeting";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string GreetingProject => RepoPaths.Combine("tests", "fixtures", "packages", GreetingId);

    /// <summary>A machine-wide package cache shared by test runs, so feed downloads happen once.</summary>
    public static string SharedWorkbenchHome => Path.Combine(Path.GetTempPath(), "workbench-tests-home");

    public static async Task PackGreetingAsync(string feed, string greeting, string version = "1.0.0")
    {
        await Gate.WaitAsync();
        try
        {
            using var work = new TempDirectory("wb-fixture");
            foreach (var file in Directory.EnumerateFiles(GreetingProject, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(GreetingProject, file);
                if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
                {
                    continue;
                }

                work.Write(relative, File.ReadAllText(file));
            }

            work.Write("Directory.Build.props", "<Project />");
            work.Write("Directory.Build.targets", "<Project />");
            work.Write("Directory.Packages.props", "<Project />");
            Dotnet.RunChecked(
                ["pack", Path.Combine(work.Path, GreetingId + ".csproj"), "-c", "Release", "-o", feed, "--nologo", $"-p:Greeting={greeting}", $"-p:Version={version}"],
                work.Path);
        }
        finally
        {
            Gate.Release();
        }
    }
}
