using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Workbench.Cli.Tests.Support;
using Workbench.Testing;

namespace Workbench.Cli.Tests.Commands;

/// <summary><c>workbench kernel install / uninstall</c>, checked with Jupyter's own <c>jupyter kernelspec list</c> (/usr/bin).</summary>
public sealed class KernelCommandsTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-kernelspec");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Install_into_a_prefix_writes_both_kernelspecs_that_jupyter_lists()
    {
        var prefix = _folder.File("prefix");
        var install = Cli(["kernel", "install", "--prefix", prefix]);
        install.ExitCode.Should().Be(0, install.Combined);

        var specs = KernelSpecList(new() { ["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter") });
        specs.Should().ContainKey("workbench-csharp").And.ContainKey(".net-csharp");
        var spec = specs["workbench-csharp"]!["spec"]!;
        spec["display_name"]!.GetValue<string>().Should().Be("C# (Workbench)");
        spec["language"]!.GetValue<string>().Should().Be("C#");
        spec["interrupt_mode"]!.GetValue<string>().Should().Be("message");
        specs[".net-csharp"]!["spec"]!["display_name"]!.GetValue<string>().Should().Be(".NET (C#)");

        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        Path.IsPathRooted(argv[0]).Should().BeTrue();
        File.Exists(argv[0]).Should().BeTrue();
        argv.Should().Contain(a => a.EndsWith("Workbench.Cli.dll", StringComparison.Ordinal) && Path.IsPathRooted(a) && File.Exists(a));
        argv[^4..].Should().Equal("kernel", "run", "--connection-file", "{connection_file}");

        var folder = specs["workbench-csharp"]!["resource_dir"]!.GetValue<string>();
        PngSize(Path.Combine(folder, "logo-32x32.png")).Should().Be((32, 32));
        PngSize(Path.Combine(folder, "logo-64x64.png")).Should().Be((64, 64));
        File.ReadAllText(Path.Combine(folder, "logo-svg.svg")).Should().Contain("<svg");
    }

    [Fact]
    public void User_install_honours_jupyter_data_dir_and_uninstall_removes_both()
    {
        var data = _folder.File("data");
        var environment = new Dictionary<string, string?> { ["JUPYTER_DATA_DIR"] = data };
        var install = Cli(["kernel", "install", "--user", "--name", "wb-test", "--display-name", "C# test"], environment);
        install.ExitCode.Should().Be(0, install.Combined);
        Directory.Exists(Path.Combine(data, "kernels", "wb-test")).Should().BeTrue();

        var specs = KernelSpecList(environment);
        specs.Should().ContainKey("wb-test");
        specs["wb-test"]!["spec"]!["display_name"]!.GetValue<string>().Should().Be("C# test");

        var uninstall = Cli(["kernel", "uninstall", "--user", "--name", "wb-test"], environment);
        uninstall.ExitCode.Should().Be(0, uninstall.Combined);
        var after = KernelSpecList(environment);
        after.Should().NotContainKey("wb-test");
        after.Select(k => k.Value!["resource_dir"]!.GetValue<string>()).Should().NotContain(d => d.StartsWith(data, StringComparison.Ordinal), "the alias is gone too");
        Cli(["kernel", "uninstall", "--user", "--name", "wb-test"], environment).ExitCode.Should().Be(1, "nothing is left to remove");
    }

    [Fact]
    public void Sys_prefix_install_goes_under_the_prefix_of_the_python_that_runs_jupyter()
    {
        var venv = _folder.File("venv");
        PythonPeer.Run("import sys, venv\nvenv.create(sys.argv[1], with_pip=False)", [venv]);
        var bin = Path.Combine(venv, "bin");
        File.WriteAllText(Path.Combine(bin, "jupyter"), $"#!{Path.Combine(bin, "python3")}\nprint('jupyter stand-in: only its shebang is read')\n");
        var path = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

        var result = Cli(["kernel", "install", "--sys-prefix"], new() { ["PATH"] = path });
        result.ExitCode.Should().Be(0, result.Combined);
        File.Exists(Path.Combine(venv, "share", "jupyter", "kernels", "workbench-csharp", "kernel.json")).Should().BeTrue(result.StandardOutput);
        File.Exists(Path.Combine(venv, "share", "jupyter", "kernels", ".net-csharp", "kernel.json")).Should().BeTrue();
    }

    [Fact]
    public void Install_refuses_to_replace_another_kernels_spec_and_rejects_bad_names()
    {
        var prefix = _folder.File("prefix");
        var foreign = Path.Combine(prefix, "share", "jupyter", "kernels", ".net-csharp");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "kernel.json"), """{"argv": ["dotnet", "interactive"], "display_name": ".NET (C#)", "language": "C#"}""");

        var result = Cli(["kernel", "install", "--prefix", prefix]);
        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain(foreign).And.Contain("another kernel");
        File.ReadAllText(Path.Combine(foreign, "kernel.json")).Should().Contain("interactive", "the other kernel's spec is untouched");

        var bad = Cli(["kernel", "install", "--prefix", prefix, "--name", "bad name/"]);
        bad.ExitCode.Should().Be(1);
        bad.StandardError.Should().Contain("bad name/");

        var both = Cli(["kernel", "install", "--user", "--prefix", prefix]);
        both.ExitCode.Should().Be(2);
        both.StandardError.Should().Contain("choose one of");
    }

    [Fact]
    public void Run_with_a_broken_connection_file_names_the_file_and_field()
    {
        var file = _folder.Write("connection.json", """{"transport": "tcp", "ip": "127.0.0.1", "shell_port": 0, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "key": "k"}""");
        var result = Cli(["kernel", "run", "--connection-file", file]);
        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain(file).And.Contain("shell_port");

        var missing = Cli(["kernel", "run", "--connection-file", _folder.File("nope.json")]);
        missing.ExitCode.Should().Be(2);
        missing.StandardError.Should().Contain("nope.json").And.Contain("does not exist");
    }

    private ProcessResult Cli(IEnumerable<string> arguments, Dictionary<string, string?>? environment = null)
    {
        var variables = Dotnet.ChildEnvironment(environment);
        return ChildProcess.Run("dotnet", [WorkbenchCli.Dll, .. arguments], _folder.Path, variables, timeout: TimeSpan.FromMinutes(2));
    }

    private JsonObject KernelSpecList(Dictionary<string, string?> environment)
    {
        environment.TryAdd("JUPYTER_DATA_DIR", _folder.File("empty-data"));
        // Debian's jupyter_core also searches ~/.local/share/jupyter (the user site); keep the user's own kernels out.
        environment["PYTHONNOUSERSITE"] = "1";
        var result = ChildProcess.Run("/usr/bin/jupyter", ["kernelspec", "list", "--json"], _folder.Path, environment, timeout: TimeSpan.FromMinutes(1));
        result.ExitCode.Should().Be(0, $"jupyter kernelspec list failed (is jupyter-client installed?):\n{result.Combined}");
        return JsonNode.Parse(result.StandardOutput)!["kernelspecs"]!.AsObject();
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[..8].Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, $"{path} should be a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
