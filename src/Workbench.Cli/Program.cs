using System.CommandLine;

namespace Workbench.Cli;

/// <summary>The <c>workbench</c> command. Each command group lives in its own file under Commands/.</summary>
public static class Program
{
    public static int Main(string[] args) => BuildRootCommand().Parse(args).Invoke();

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("Workbench: the C# workbench for the machine-learning lifecycle.");
        root.Subcommands.Add(Commands.NotebookCommands.Create());
        root.Subcommands.Add(Commands.CostsCommands.Create());
        root.Subcommands.Add(Commands.SageMakerCommands.Create());
        root.Subcommands.Add(Commands.RunsCommands.Create());
        root.Subcommands.Add(Commands.ModelsCommands.Create());
        root.Subcommands.Add(Commands.KernelCommands.Create());
        root.Subcommands.Add(Commands.DataCommands.Create());
        root.Subcommands.Add(Commands.FeaturesCommands.Create());
        root.Subcommands.Add(Commands.LearningCommands.Create());
        root.Subcommands.Add(Commands.MonitorCommands.Create());
        root.Subcommands.Add(Commands.ServeCommands.Create());
        root.Subcommands.Add(Commands.BatchCommands.Create());
        return root;
    }
}
