namespace Workbench.SageMaker.Container;

/// <summary>
/// The SageMaker training container's folders under one root: <c>/opt/ml</c> in a container, any folder elsewhere
/// (<see cref="RootVariable"/>), so the same entrypoint runs in tests and in the local backend.
/// </summary>
public sealed record OptMlLayout(string Root)
{
    /// <summary>Overrides the <c>/opt/ml</c> root; the local backend and the tests point it at a temporary folder.</summary>
    public const string RootVariable = "WORKBENCH_OPT_ML";

    public const string DefaultRoot = "/opt/ml";

    public string InputConfig => Path.Combine(Root, "input", "config");

    public string HyperparametersFile => Path.Combine(InputConfig, "hyperparameters.json");

    public string ResourceConfigFile => Path.Combine(InputConfig, "resourceconfig.json");

    public string InputDataConfigFile => Path.Combine(InputConfig, "inputdataconfig.json");

    public string InputData => Path.Combine(Root, "input", "data");

    public string Model => Path.Combine(Root, "model");

    public string Output => Path.Combine(Root, "output");

    public string OutputData => Path.Combine(Output, "data");

    /// <summary>Written on failure: its text becomes the job's <c>FailureReason</c>.</summary>
    public string FailureFile => Path.Combine(Output, "failure");

    public string Checkpoints => Path.Combine(Root, "checkpoints");

    public string Channel(string name) => Path.Combine(InputData, name);

    /// <summary>The root from <see cref="RootVariable"/>, else <c>/opt/ml</c>.</summary>
    public static OptMlLayout FromEnvironment(string? explicitRoot = null)
    {
        var root = explicitRoot ?? Environment.GetEnvironmentVariable(RootVariable);
        return new OptMlLayout(Path.GetFullPath(string.IsNullOrWhiteSpace(root) ? DefaultRoot : root));
    }

    /// <summary>Creates the folders a container finds in place when it starts.</summary>
    public OptMlLayout Create()
    {
        foreach (var folder in new[] { InputConfig, InputData, Model, OutputData, Checkpoints })
        {
            Directory.CreateDirectory(folder);
        }

        return this;
    }
}
