using System.Text.RegularExpressions;
using Workbench.Testing;
using Workbench.Tests.Support;

namespace Workbench.Serving.Tests;

/// <summary>
/// Runs the code cells of notebooks/04-deployment.ipynb (the local half) as one script against the built CLI and
/// checks what the prose promises: both versions registered, CSV and JSON answered, a bad row named, the traffic split
/// following the weights, the batch transform complete, every answered request captured, the endpoint stopped cleanly.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class DeploymentNotebookTests
{
    [Fact]
    public async Task The_local_half_runs_and_shows_what_it_says()
    {
        using var output = new TempDirectory("wb-notebook-04");
        var (text, values, markdown) = await NotebookScript.RunAsync("04-deployment.ipynb", new Dictionary<string, string>
        {
            ["../artifacts/deployment"] = output.Path,
            ["../src/Workbench.Cli/bin/Release/net10.0/Workbench.Cli.dll"] = ServerProcess.CliDll,
        }, NotebookScript.LibraryOptions.AddReferences(typeof(System.Net.Http.HttpClient).Assembly, typeof(System.Diagnostics.Process).Assembly),
            stopAt: "## SageMaker half");

        text.Should().Contain("registered cancer v1 (champion) and v2");
        text.Should().Contain("CSV, one row      -> 200 from champion: {\"predictions\":[\"malignant\"]}   (label: malignant)");
        text.Should().Contain("JSON instances    -> 200").And.Contain("\"classes\":[\"benign\",\"malignant\"]");
        text.Should().Contain(".npy, three rows  -> 200 application/x-npy: '<U9' array of shape (3,): malignant, malignant, malignant");
        text.Should().Contain("\"column\":\"mean_smoothness\"").And.Contain("\"value\":\"high\"");
        text.Should().Contain("415: {\"error\":\"unsupported_media_type\"");

        var canary = Regex.Match(text, @"90/10: champion (\d+), challenger (\d+)");
        var even = Regex.Match(text, @"50/50: champion (\d+), challenger (\d+)");
        canary.Success.Should().BeTrue(text);
        var challengerShare = int.Parse(canary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) / 400.0;
        challengerShare.Should().BeInRange(0.05, 0.16, "weights 9 : 1");
        int.Parse(even.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(160, 240, "weights 1 : 1");
        markdown.Should().Contain("90 %").And.Contain("10 %");

        text.Should().Contain("3 succeeded, 0 skipped (already done), 0 failed; 569 records");
        Regex.Match(text, @"agreement with the labels: (\d+\.\d) %").Groups[1].Value.Should().StartWith("98");

        text.Should().Contain("endpoint exited with 0").And.Contain("Stopped.");
        var captured = Regex.Matches(text, @"(champion|challenger): (\d+) captured records").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        var served = Regex.Matches(text, "workbench_invocations_total\\{variant=\"(champion|challenger)\",status=\"200\"\\} (\\d+)").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        captured.Should().Equal(served, "every answered request is captured at 100 % sampling");
        text.Should().Contain("stopped (exit code 0)");
        values.Should().Contain(v => v is Workbench.Data.Plots.Figure);
    }
}
