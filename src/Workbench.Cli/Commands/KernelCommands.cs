using System.CommandLine;
using Workbench.Cli.Kernel;
using Workbench.Kernel.Hosting;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench kernel run | install | uninstall</c>: the Jupyter kernel for C# and its kernelspecs.</summary>
public static class KernelCommands
{
    public static Command Create()
    {
        var kernel = new Command("kernel", "The Jupyter kernel for C#: run it, or install its kernelspec so Jupyter and VS Code list it.");
        kernel.Subcommands.Add(CreateRun());
        kernel.Subcommands.Add(CreateInstall());
        kernel.Subcommands.Add(CreateUninstall());
        return kernel;
    }

    private static Command CreateRun()
    {
        var connectionFile = new Option<string>("--connection-file", "-f")
        {
            Description = "The connection file Jupyter wrote (ports, key, signature scheme). The kernelspec passes {connection_file}.",
            Required = true,
        };
        var verbose = new Option<bool>("--verbose") { Description = "Log every request to standard error, not only warnings and errors." };
        var run = new Command("run", "Run the kernel (what the kernelspec's argv starts); it answers on the connection file's ports until shut down.");
        run.Options.Add(connectionFile);
        run.Options.Add(verbose);
        run.SetAction(result => JupyterKernel.Run(
            result.GetValue(connectionFile)!,
            new KernelOptions { Verbose = result.GetValue(verbose) }));
        return run;
    }

    private static Command CreateInstall()
    {
        var (user, prefix, sysPrefix, name) = LocationOptions();
        var displayName = new Option<string>("--display-name") { Description = "The name front ends show.", DefaultValueFactory = _ => KernelSpecs.DefaultDisplayName };
        var noAlias = new Option<bool>("--no-polyglot-alias") { Description = $"Do not also install the '{KernelSpecs.PolyglotName}' alias that Polyglot notebooks name." };
        var install = new Command("install", $"Write the kernelspec (kernel.json with this CLI's absolute path, logos) as '{KernelSpecs.DefaultName}', plus the '{KernelSpecs.PolyglotName}' alias. Default: --user.");
        foreach (var option in new Option[] { user, prefix, sysPrefix, name, displayName, noAlias })
        {
            install.Options.Add(option);
        }

        install.SetAction(result =>
        {
            if (Directory(result, user, prefix, sysPrefix) is not { } kernels)
            {
                return 2;
            }

            try
            {
                foreach (var folder in KernelSpecs.Install(kernels, result.GetValue(name)!, result.GetValue(displayName)!, !result.GetValue(noAlias)))
                {
                    Console.WriteLine($"Installed kernelspec {Path.GetFileName(folder)} in {folder}");
                }

                Console.WriteLine($"Kernel command: {string.Join(' ', KernelSpecs.KernelArgv())}");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return install;
    }

    private static Command CreateUninstall()
    {
        var (user, prefix, sysPrefix, name) = LocationOptions();
        var uninstall = new Command("uninstall", $"Remove the kernelspec and the '{KernelSpecs.PolyglotName}' alias (only folders Workbench wrote). Default: --user.");
        foreach (var option in new Option[] { user, prefix, sysPrefix, name })
        {
            uninstall.Options.Add(option);
        }

        uninstall.SetAction(result =>
        {
            if (Directory(result, user, prefix, sysPrefix) is not { } kernels)
            {
                return 2;
            }

            var removed = KernelSpecs.Uninstall(kernels, result.GetValue(name)!);
            if (removed.Count == 0)
            {
                Console.Error.WriteLine($"No Workbench kernelspec named '{result.GetValue(name)}' in {kernels}.");
                return 1;
            }

            foreach (var folder in removed)
            {
                Console.WriteLine($"Removed {folder}");
            }

            return 0;
        });
        return uninstall;
    }

    private static (Option<bool> User, Option<string?> Prefix, Option<bool> SysPrefix, Option<string> Name) LocationOptions() =>
    (
        new Option<bool>("--user") { Description = "The user's Jupyter data folder (JUPYTER_DATA_DIR or ~/.local/share/jupyter); the default." },
        new Option<string?>("--prefix") { Description = "Install under PREFIX/share/jupyter/kernels (a virtual environment or conda prefix)." },
        new Option<bool>("--sys-prefix") { Description = "Install under the sys.prefix of the Python that runs 'jupyter'." },
        new Option<string>("--name") { Description = "The kernelspec name notebooks refer to.", DefaultValueFactory = _ => KernelSpecs.DefaultName }
    );

    private static string? Directory(ParseResult result, Option<bool> user, Option<string?> prefix, Option<bool> sysPrefix)
    {
        var chosen = (result.GetValue(user) ? 1 : 0) + (result.GetValue(prefix) is not null ? 1 : 0) + (result.GetValue(sysPrefix) ? 1 : 0);
        if (chosen > 1)
        {
            Console.Error.WriteLine("error: choose one of --user, --prefix DIR and --sys-prefix.");
            return null;
        }

        try
        {
            return result.GetValue(prefix) is { } folder ? KernelSpecs.KernelsDirectory(KernelSpecScope.Prefix, folder)
                : result.GetValue(sysPrefix) ? KernelSpecs.KernelsDirectory(KernelSpecScope.SysPrefix)
                : KernelSpecs.KernelsDirectory(KernelSpecScope.User);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return null;
        }
    }
}
