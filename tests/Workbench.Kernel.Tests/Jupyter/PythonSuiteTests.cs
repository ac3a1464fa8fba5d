using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Workbench.Kernel.Tests.Jupyter;

/// <summary>
/// Each Python test of conformance/ as an xunit test: Debian's jupyter_kernel_test suite with every attribute set
/// (test_workbench_kernel.py), our protocol checks (test_protocol.py), resilience checks (test_resilience.py) and a
/// cell run through Debian's classic notebook server (test_notebook_server.py),
/// all against the kernel installed by <see cref="InstalledKernel"/> and driven by jupyter_client over real sockets.
/// A skipped Python test counts as a failure: every attribute is meant to be filled.
/// </summary>
[Collection(nameof(JupyterKernelCollection))]
public sealed partial class PythonSuiteTests(InstalledKernel kernel, ITestOutputHelper output)
{
    /// <summary>jupyter_kernel_test 0.4.5's tests, used when the package's source cannot be read to list them.</summary>
    private static readonly string[] KernelTestSuite =
    [
        "test_kernel_info", "test_execute_stdout", "test_execute_stderr", "test_completion", "test_is_complete", "test_pager",
        "test_error", "test_execute_result", "test_display_data", "test_history", "test_inspect", "test_clear_output",
    ];

    public static TheoryData<string> Conformance() => Names("test_workbench_kernel");

    public static TheoryData<string> Protocol() => Names("test_protocol");

    public static TheoryData<string> Resilience() => Names("test_resilience");

    public static TheoryData<string> NotebookServer() => Names("test_notebook_server");

    [Theory]
    [MemberData(nameof(Conformance))]
    public void Jupyter_kernel_test_suite(string test) => Check("test_workbench_kernel", test);

    [Theory]
    [MemberData(nameof(Protocol))]
    public void Protocol_checks(string test) => Check("test_protocol", test);

    [Theory]
    [MemberData(nameof(Resilience))]
    public void Resilience_checks(string test) => Check("test_resilience", test);

    [Theory]
    [MemberData(nameof(NotebookServer))]
    public void Classic_notebook_server(string test) => Check("test_notebook_server", test);

    private void Check(string module, string test)
    {
        var suite = kernel.Suite(module);
        if (suite.TryGetValue("<setup>", out var setup) || suite.TryGetValue("<suite>", out setup))
        {
            Assert.Fail($"{module} could not start:\n{setup.Details}\n{setup.SuiteStderr}");
        }

        suite.Should().ContainKey(test, $"{module} should have run {test}");
        var outcome = suite[test];
        if (outcome.Output.Length > 0)
        {
            output.WriteLine(outcome.Output);
        }

        outcome.Outcome.Should().Be("passed", $"{module}.{test}:\n{outcome.Details}\n--- kernel and client stderr (tail) ---\n{Tail(outcome.SuiteStderr)}");
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    private static TheoryData<string> Names(string module)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var source = File.ReadAllText(Path.Combine(InstalledKernel.ConformanceFolder, module + ".py"));
        foreach (Match match in TestMethod().Matches(source))
        {
            names.Add(match.Groups[1].Value);
        }

        if (source.Contains("jupyter_kernel_test.KernelTests", StringComparison.Ordinal))
        {
            var installed = "/usr/lib/python3/dist-packages/jupyter_kernel_test/__init__.py";
            foreach (var name in File.Exists(installed) ? TestMethod().Matches(File.ReadAllText(installed)).Select(m => m.Groups[1].Value) : KernelTestSuite)
            {
                names.Add(name);
            }
        }

        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }

    [GeneratedRegex(@"^\s+def (test_\w+)\(self", RegexOptions.Multiline)]
    private static partial Regex TestMethod();
}
