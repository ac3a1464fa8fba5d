using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Workbench.Testing;

namespace Workbench.Kernel.Tests.Jupyter;

/// <summary>
/// The Workbench kernel installed with <c>workbench kernel install --prefix</c> into a temporary prefix, and the
/// environment that makes Jupyter's own tools (Debian's /usr/bin python3, jupyter, nbconvert) find it and nothing of
/// the user's: JUPYTER_PATH, JUPYTER_DATA_DIR, JUPYTER_RUNTIME_DIR and WORKBENCH_HOME all under one temporary folder.
/// </summary>
public sealed class InstalledKernel : IDisposable
{
    public const string Name = "workbench-csharp";

    private readonly TempDirectory _root = new("wb-kernel");
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyDictionary<string, PythonTestOutcome>>> _suites = new(StringComparer.Ordinal);

    public InstalledKernel()
    {
        var result = ChildProcess.Run("dotnet", [CliDll, "kernel", "install", "--prefix", Prefix, "--name", Name], RepoPaths.Root, Dotnet.ChildEnvironment(), timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"workbench kernel install failed ({result.ExitCode}):\n{result.Combined}");
        }

        Directory.CreateDirectory(_root.File("data"));
        Directory.CreateDirectory(_root.File("runtime"));
        Directory.CreateDirectory(_root.File("home"));
    }

    /// <summary>The CLI the kernelspec runs: the copy built beside this test assembly.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");

    public static string ConformanceFolder => Path.Combine(RepoPaths.Root, "tests", "Workbench.Kernel.Tests", "conformance");

    public string Prefix => _root.File("prefix");

    public string Folder => _root.Path;

    /// <summary>The environment for Jupyter tools and the kernels they start.</summary>
    public Dictionary<string, string?> Environment() => Dotnet.ChildEnvironment(new Dictionary<string, string?>
    {
        ["JUPYTER_PATH"] = Path.Combine(Prefix, "share", "jupyter"),
        ["JUPYTER_DATA_DIR"] = _root.File("data"),
        ["JUPYTER_RUNTIME_DIR"] = _root.File("runtime"),
        ["WORKBENCH_HOME"] = _root.File("home"),
        ["WORKBENCH_KERNEL_NAME"] = Name,
        ["PYTHONPATH"] = ConformanceFolder,
        // Debian's jupyter_core also searches ~/.local/share/jupyter (the user site); keep the user's own kernels out.
        ["PYTHONNOUSERSITE"] = "1",
        ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1",
        ["PYTHONWARNINGS"] = "ignore",
        ["CI"] = "true",
    });

    /// <summary>Runs a Python unittest module of conformance/ once (later calls get the same report), test method -> outcome.</summary>
    public IReadOnlyDictionary<string, PythonTestOutcome> Suite(string module) =>
        _suites.GetOrAdd(module, m => new Lazy<IReadOnlyDictionary<string, PythonTestOutcome>>(() => RunSuite(m))).Value;

    public void Dispose() => _root.Dispose();

    private IReadOnlyDictionary<string, PythonTestOutcome> RunSuite(string module)
    {
        RequirePython();
        var report = _root.File($"{module}.json");
        var result = ChildProcess.Run(PythonPeer.Interpreter, [Path.Combine(ConformanceFolder, "run_suite.py"), module, report], ConformanceFolder, Environment(), timeout: TimeSpan.FromMinutes(20));
        if (!File.Exists(report))
        {
            throw new InvalidOperationException($"The Python suite {module} wrote no report (exit {result.ExitCode}):\n{result.Combined}");
        }

        var outcomes = new Dictionary<string, PythonTestOutcome>(StringComparer.Ordinal);
        foreach (var (name, node) in JsonNode.Parse(File.ReadAllText(report))!.AsObject())
        {
            outcomes[name] = new PythonTestOutcome(
                node!["outcome"]!.GetValue<string>(),
                string.Join("\n", node["details"]!.AsArray().Select(d => d!.GetValue<string>())),
                node["output"]!.GetValue<string>(),
                result.StandardError);
        }

        return outcomes;
    }

    private static void RequirePython()
    {
        var missing = PythonPeer.Run("import importlib.util as u\nprint(' '.join(m for m in ['jupyter_client', 'jupyter_kernel_test', 'nbclient', 'nbformat', 'zmq', 'notebook', 'tornado'] if u.find_spec(m) is None))").Trim();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException($"Python modules missing for the kernel tests: {missing}. Run ./test.sh as root, or apt-get install python3-jupyter-client python3-jupyter-kernel-test python3-nbclient jupyter-nbconvert jupyter-notebook.");
        }
    }
}

/// <summary>How one Python test ended: passed, failed, error or skipped, with its traceback and what it printed.</summary>
public sealed record PythonTestOutcome(string Outcome, string Details, string Output, string SuiteStderr);

[CollectionDefinition(nameof(JupyterKernelCollection))]
public sealed class JupyterKernelCollection : ICollectionFixture<InstalledKernel>;
