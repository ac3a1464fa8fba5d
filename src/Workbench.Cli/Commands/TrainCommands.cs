using System.CommandLine;
using Workbench.SageMaker.Container;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench train</c>: the SageMaker training container's entrypoint.</summary>
public static class TrainCommands
{
    public static Command Create()
    {
        var root = new Option<string?>("--root")
        {
            Description = $"The /opt/ml root (default: ${OptMlLayout.RootVariable}, else /opt/ml).",
        };
        var command = new Command(
            "train",
            "Run a training job as SageMaker runs a container: reads /opt/ml/input (config, channels, SM_* variables), writes /opt/ml/model, "
            + "prints '#metric name=value' lines for MetricDefinitions, writes /opt/ml/output/failure and exits non-zero on failure.")
        {
            root,
        };
        command.SetAction(parseResult =>
            TrainingEntrypoint.Run(OptMlLayout.FromEnvironment(parseResult.GetValue(root)), Console.Out, Console.Error));
        return command;
    }
}
