using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Learning.Devices;
using Workbench.Learning.Persistence;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench learning</c>: what the engine runs on, and what a model file holds.</summary>
public static class LearningCommands
{
    public static Command Create()
    {
        var command = new Command("learning", "The learning engine: compute devices and model files.");
        command.Subcommands.Add(Device());
        command.Subcommands.Add(Inspect());
        return command;
    }

    private static Command Device()
    {
        var command = new Command("device", "Show the compute devices, SIMD width, threads and GEMM provider (OpenBLAS or managed).");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumn("device").AddColumn("description");
            foreach (var device in Learning.Devices.Device.Available())
            {
                table.AddRow(device.Name, Markup.Escape(device.Description));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"managed SGEMM kernel: {Markup.Escape(CpuBackend.ManagedGemmKernel)}");
            AnsiConsole.MarkupLine(CpuBackend.OpenBlasAvailable
                ? "OpenBLAS: loaded"
                : $"OpenBLAS: [yellow]not used[/] ({Markup.Escape(CpuBackend.OpenBlasLoadError ?? string.Empty)})");
            AnsiConsole.MarkupLine($"[grey]{CpuBackendOptions.ThreadsVariable} and {CpuBackendOptions.GemmVariable} (auto|managed|openblas) change threads and GEMM; no CUDA backend is installed.[/]");
            return 0;
        });
        return command;
    }

    private static Command Inspect()
    {
        var path = new Argument<string>("path") { Description = "A Workbench model file (.wbm)." };
        var command = new Command("inspect", "Show a model file's kind, hyper-parameters, classes, features and tensors (checksums verified).");
        command.Arguments.Add(path);
        command.SetAction(parse =>
        {
            var file = parse.GetValue(path)!;
            try
            {
                // Loading verifies every checksum; Inspect then reads the header for display.
                _ = ModelFile.Load(file);
                var info = ModelFile.Inspect(file);
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(info.Kind)}[/] (format {info.FormatVersion}, written by Workbench {Markup.Escape(info.LibraryVersion)} at {info.CreatedUtc.ToString("u", CultureInfo.InvariantCulture)})");
                AnsiConsole.MarkupLine($"hyper-parameters: {Markup.Escape(info.Hyperparameters.ToJsonString())}");
                if (info.Classes.Count > 0)
                {
                    AnsiConsole.MarkupLine($"classes: {Markup.Escape(string.Join(", ", info.Classes))}");
                }

                AnsiConsole.MarkupLine($"features ({info.FeatureNames.Count}): {Markup.Escape(string.Join(", ", info.FeatureNames.Take(20)))}{(info.FeatureNames.Count > 20 ? ", …" : string.Empty)}");
                var table = new Table().AddColumn("tensor").AddColumn("dtype").AddColumn("shape").AddColumn("bytes").AddColumn("sha256");
                foreach (var tensor in info.Tensors)
                {
                    table.AddRow(Markup.Escape(tensor.Name), tensor.DataType, Markup.Escape("[" + string.Join(", ", tensor.Shape) + "]"), tensor.Length.ToString("N0", CultureInfo.InvariantCulture), tensor.Sha256[..16] + "…");
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine("[green]all checksums verified[/]");
                return 0;
            }
            catch (Exception error) when (error is IOException or InvalidDataException or NotSupportedException)
            {
                Console.Error.WriteLine($"error: {error.Message}");
                return 1;
            }
        });
        return command;
    }
}
