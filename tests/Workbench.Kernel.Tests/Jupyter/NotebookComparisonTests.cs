using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Kernel.Notebooks;
using Workbench.Testing;
using Xunit.Abstractions;

namespace Workbench.Kernel.Tests.Jupyter;

/// <summary>
/// Every notebook in notebooks/ executed by Jupyter's own tool (<c>jupyter nbconvert --execute</c> from /usr/bin) with
/// the Workbench kernel, compared cell by cell with the in-process runner's result (<c>workbench notebook run</c>):
/// the same output types, MIME types and text, ignoring timings and generated ids.
/// </summary>
[Collection(nameof(JupyterKernelCollection))]
public sealed partial class NotebookComparisonTests(InstalledKernel kernel, ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(RepoPaths.Notebooks, "*.ipynb").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Nbconvert_with_the_kernel_matches_the_in_process_runner(string notebook)
    {
        RequirePackedPackages();
        var input = Path.Combine(RepoPaths.Notebooks, notebook);
        var environment = kernel.Environment();

        var runnerFolder = Path.Combine(kernel.Folder, "runner");
        var runner = ChildProcess.Run("dotnet", [InstalledKernel.CliDll, "notebook", "run", input, "--output-dir", runnerFolder], RepoPaths.Root, environment, timeout: TimeSpan.FromMinutes(10));
        runner.ExitCode.Should().Be(0, $"the in-process runner should run {notebook}:\n{runner.Combined}");

        var nbconvertFolder = Path.Combine(kernel.Folder, "nbconvert");
        var nbconvert = ChildProcess.Run(
            "/usr/bin/jupyter",
            ["nbconvert", "--to", "notebook", "--execute", $"--ExecutePreprocessor.kernel_name={InstalledKernel.Name}", "--ExecutePreprocessor.timeout=600", "--output-dir", nbconvertFolder, input],
            RepoPaths.Notebooks,
            environment,
            timeout: TimeSpan.FromMinutes(12));
        nbconvert.ExitCode.Should().Be(0, $"jupyter nbconvert --execute should run {notebook} with the kernel:\n{nbconvert.Combined}");

        var expected = CodeCells(Directory.EnumerateFiles(runnerFolder, Path.GetFileNameWithoutExtension(notebook) + "*.ipynb").Single());
        var actual = CodeCells(Path.Combine(nbconvertFolder, notebook));
        actual.Count.Should().Be(expected.Count);
        var compared = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].Source.Should().Be(expected[i].Source);
            actual[i].Outputs.Should().Equal(expected[i].Outputs, $"cell {i + 1} ({Clip(expected[i].Source)}) should give the same outputs");
            compared += expected[i].Outputs.Count;
        }

        compared.Should().BeGreaterThan(0, "the notebook should produce outputs to compare");
        output.WriteLine($"{notebook}: {expected.Count} code cells, {compared} outputs identical (types, MIME types, text)");
    }

    private static void RequirePackedPackages()
    {
        var packages = Path.Combine(RepoPaths.Root, "artifacts", "packages");
        var missing = new[] { "Workbench", "Workbench.Extension" }
            .Where(id => !Directory.Exists(packages) || !Directory.EnumerateFiles(packages, $"{id}.*.nupkg").Any(f => Regex.IsMatch(Path.GetFileName(f), $@"^{Regex.Escape(id)}\.\d")))
            .ToArray();
        if (missing.Length > 0)
        {
            Assert.Fail(
                $"The notebooks reference the packed packages (#i \"nuget: ../artifacts/packages\"), and {string.Join(" and ", missing)} are missing from {packages}. "
                + "./test.sh and ./run.sh pack them after building; by hand: dotnet pack src/Workbench/Workbench.csproj -c Release -o artifacts/packages && "
                + "dotnet pack kernels-extensions/Workbench.Extension/Workbench.Extension.csproj -c Release -o artifacts/packages");
        }
    }

    private static List<(string Source, IReadOnlyList<string> Outputs)> CodeCells(string path)
    {
        var notebook = NotebookFile.Read(path);
        return notebook.Cells
            .Where(c => c.IsCode && !c.HasTag("injected-parameters") && c.Source.Trim().Length > 0)
            .Select(c => (c.Source, (IReadOnlyList<string>)c.Outputs.OfType<JsonObject>().Select(o => c.HasTag(RunSpecificTag) ? DescribeShape(o) : Describe(o)).ToArray()))
            .ToList();
    }

    /// <summary>
    /// A cell tagged <c>run-specific</c> shows what differs from run to run by nature (throughput measured while it
    /// ran, registration times, checksums of files that embed them): its outputs are compared by type and MIME types only.
    /// </summary>
    private const string RunSpecificTag = "run-specific";

    private static string DescribeShape(JsonObject output) =>
        output["output_type"]!.GetValue<string>() + (output["data"] is JsonObject data ? $" [{MimeTypeList(data)}]" : $" {output["name"]}");

    private static string MimeTypeList(JsonObject data) => string.Join(", ", data.Select(p => p.Key).Order(StringComparer.Ordinal));

    /// <summary>An output as comparable text: its type, stream name, MIME types and normalised text.</summary>
    private static string Describe(JsonObject output)
    {
        var type = output["output_type"]!.GetValue<string>();
        return type switch
        {
            "stream" => $"stream {output["name"]}: {Normalize(MultilineText.Read(output["text"]) ?? string.Empty)}",
            "error" => $"error {output["ename"]}: {Normalize(output["evalue"]?.GetValue<string>() ?? string.Empty)}",
            _ => $"{type} [{MimeTypeList(output["data"]!.AsObject())}]: "
                + Normalize(MultilineText.Read(output["data"]!["text/plain"]) ?? string.Empty)
                + (output["data"]!["text/html"] is { } html ? " | html: " + Normalize(MultilineText.Read(html) ?? string.Empty) : string.Empty),
        };
    }

    private static string Normalize(string text)
    {
        // The runner puts plotly.js back in front of a figure whose first state carried it (a live display's final
        // state); Jupyter's saved notebook keeps only the final state. The figures themselves must still match.
        text = PlotlyLibrary().Replace(text, string.Empty);
        text = HexIds().Replace(text, "<id>");
        text = ShortHexIds().Replace(text, "<id>");
        text = Timestamps().Replace(text, "<time>");
        text = Durations().Replace(text, "<duration>");
        text = Rates().Replace(text, "<rate>");
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
    }

    private static string Clip(string source) => source.Length <= 60 ? source : source[..59] + "…";

    [GeneratedRegex(@"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex HexIds();

    [GeneratedRegex(@"\b\d+(\.\d+)?\s?(ms|µs|s|seconds|min)\b")]
    private static partial Regex Durations();

    /// <summary>Clock times: ISO 8601, .NET's invariant DateTime / DateTimeOffset text, and TimeSpan text.</summary>
    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?|\b\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}( [+-]\d{2}:\d{2})?|\b\d{2}:\d{2}:\d{2}\.\d{7}\b")]
    private static partial Regex Timestamps();

    /// <summary>Throughput figures (samples/s, rows/s ...) measured while the cell ran.</summary>
    [GeneratedRegex(@"\b\d[\d,]*(\.\d+)?\s?(samples|rows|requests|records)/s\b")]
    private static partial Regex Rates();

    /// <summary>Short forms of generated ids (a run id's first 8 hex digits; at least one digit, so words stay).</summary>
    [GeneratedRegex(@"\b(?=[0-9a-f]{0,7}[0-9])[0-9a-f]{8}\b")]
    private static partial Regex ShortHexIds();

    [GeneratedRegex(@"<script type=""text/javascript"">/\*\*\n\* plotly\.js v[\s\S]*?</script>")]
    private static partial Regex PlotlyLibrary();
}
