using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Cli.Kernel;

/// <summary>Where a kernelspec goes, as <c>jupyter kernelspec install</c> decides it.</summary>
public enum KernelSpecScope
{
    /// <summary>The user's Jupyter data folder: JUPYTER_DATA_DIR, else ~/.local/share/jupyter (Linux), ~/Library/Jupyter (macOS), %APPDATA%\jupyter (Windows).</summary>
    User,

    /// <summary>PREFIX/share/jupyter/kernels (a virtual environment or conda prefix).</summary>
    Prefix,

    /// <summary>The prefix of the Python that runs <c>jupyter</c> (sys.prefix).</summary>
    SysPrefix,
}

/// <summary>
/// Writes and removes the Workbench kernelspecs: the kernel itself (<c>workbench-csharp</c>, "C# (Workbench)") and an
/// alias named <c>.net-csharp</c> (".NET (C#)") so notebooks written by Polyglot Notebooks open unchanged. Each
/// folder holds kernel.json (argv runs this CLI's <c>kernel run</c>), logo-32x32.png, logo-64x64.png and logo-svg.svg.
/// Files are written to a temporary folder first and moved into place, so a failed install leaves nothing half-written.
/// </summary>
public static class KernelSpecs
{
    public const string DefaultName = "workbench-csharp";
    public const string DefaultDisplayName = "C# (Workbench)";
    public const string PolyglotName = ".net-csharp";
    public const string PolyglotDisplayName = ".NET (C#)";

    private static readonly string[] Logos = ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"];

    /// <summary>The kernels folder for a scope: .../share/jupyter/kernels or the user's .../jupyter/kernels.</summary>
    public static string KernelsDirectory(KernelSpecScope scope, string? prefix = null) => scope switch
    {
        KernelSpecScope.User => Path.Combine(UserDataDirectory(), "kernels"),
        KernelSpecScope.Prefix => Path.Combine(Path.GetFullPath(prefix ?? throw new ArgumentException("--prefix needs a folder.")), "share", "jupyter", "kernels"),
        KernelSpecScope.SysPrefix => Path.Combine(JupyterSysPrefix(), "share", "jupyter", "kernels"),
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    /// <summary>Installs the kernel as <paramref name="name"/> and the Polyglot alias into <paramref name="kernelsDirectory"/>; returns the folders written.</summary>
    public static IReadOnlyList<string> Install(string kernelsDirectory, string name, string displayName, bool polyglotAlias = true)
    {
        ValidateName(name);
        var argv = KernelArgv();
        var written = new List<string> { WriteSpec(kernelsDirectory, name, displayName, argv, alias: false) };
        if (polyglotAlias && name != PolyglotName)
        {
            written.Add(WriteSpec(kernelsDirectory, PolyglotName, PolyglotDisplayName, argv, alias: true));
        }

        return written;
    }

    /// <summary>Removes the kernelspec <paramref name="name"/> and the Polyglot alias when it is ours; returns the folders removed.</summary>
    public static IReadOnlyList<string> Uninstall(string kernelsDirectory, string name)
    {
        var removed = new List<string>();
        foreach (var candidate in new[] { name, PolyglotName }.Distinct())
        {
            var folder = Path.Combine(kernelsDirectory, candidate);
            if (IsOurs(folder))
            {
                Directory.Delete(folder, recursive: true);
                removed.Add(folder);
            }
        }

        return removed;
    }

    /// <summary>The command that starts this CLI's kernel: the dotnet host and this assembly, or the apphost, with absolute paths.</summary>
    public static IReadOnlyList<string> KernelArgv()
    {
        var entry = Assembly.GetEntryAssembly()?.Location is { Length: > 0 } location ? location : typeof(KernelSpecs).Assembly.Location;
        var process = Environment.ProcessPath ?? "dotnet";
        var viaHost = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        string[] command = viaHost ? [process, entry] : [process];
        return [.. command, "kernel", "run", "--connection-file", "{connection_file}"];
    }

    private static string WriteSpec(string kernelsDirectory, string name, string displayName, IReadOnlyList<string> argv, bool alias)
    {
        Directory.CreateDirectory(kernelsDirectory);
        var target = Path.Combine(kernelsDirectory, name);
        if (Directory.Exists(target) && !IsOurs(target))
        {
            throw new InvalidOperationException($"{target} holds another kernel's spec (its kernel.json does not run Workbench); remove it first or choose --name.");
        }

        var staging = Path.Combine(kernelsDirectory, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        try
        {
            var spec = new JsonObject
            {
                ["argv"] = new JsonArray(argv.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
                ["display_name"] = displayName,
                ["language"] = "C#",
                ["interrupt_mode"] = "message",
                ["env"] = new JsonObject { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
                ["metadata"] = new JsonObject
                {
                    ["debugger"] = false,
                    ["workbench"] = new JsonObject
                    {
                        ["version"] = typeof(KernelSpecs).Assembly.GetName().Version?.ToString(3),
                        ["alias_of"] = alias ? DefaultName : null,
                    },
                },
            };
            File.WriteAllText(Path.Combine(staging, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            foreach (var logo in Logos)
            {
                using var source = typeof(KernelSpecs).Assembly.GetManifestResourceStream($"Workbench.Cli.Kernel.Logos.{logo}")
                    ?? throw new InvalidOperationException($"The CLI was built without its {logo} resource.");
                using var file = File.Create(Path.Combine(staging, logo));
                source.CopyTo(file);
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(staging, target);
            return target;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>A kernelspec folder whose kernel.json runs Workbench's <c>kernel run</c>.</summary>
    private static bool IsOurs(string folder)
    {
        var file = Path.Combine(folder, "kernel.json");
        if (!File.Exists(file))
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(file))?["metadata"]?["workbench"] is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void ValidateName(string name)
    {
        // jupyter_client's rule: letters, digits, '.', '_' and '-'.
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException($"Kernel name '{name}' is not valid: use ASCII letters, digits, '.', '_' and '-' only.");
        }
    }

    private static string UserDataDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } data)
        {
            return Path.GetFullPath(data);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        }

        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Jupyter");
        }

        return Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? Path.Combine(xdg, "jupyter")
            : Path.Combine(home, ".local", "share", "jupyter");
    }

    /// <summary>sys.prefix of the Python that runs <c>jupyter</c> on PATH (its shebang names the interpreter).</summary>
    private static string JupyterSysPrefix()
    {
        var jupyter = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, OperatingSystem.IsWindows() ? "jupyter.exe" : "jupyter"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("--sys-prefix: no 'jupyter' on PATH to take sys.prefix from; use --user or --prefix DIR.");
        var shebang = File.ReadLines(jupyter).FirstOrDefault() ?? string.Empty;
        var python = shebang.StartsWith("#!", StringComparison.Ordinal) ? shebang[2..].Trim().Split(' ')[0] : "python3";
        using var process = Process.Start(new ProcessStartInfo(python, ["-c", "import sys; print(sys.prefix)"]) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"--sys-prefix: could not start {python}.");
        var prefix = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && prefix.Length > 0 ? prefix : throw new InvalidOperationException($"--sys-prefix: {python} did not report sys.prefix.");
    }
}
