namespace Workbench.Tests.Tracking;

/// <summary>
/// Tests that change the current directory, WORKBENCH_HOME or Console.Out (process-wide state) run one at a time, so
/// that a parallel test never resolves its home or git repository from another test's setting, and a notebook test
/// (<see cref="Support.NotebookScript"/>) captures only its own cells' output.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "process state (current directory, WORKBENCH_HOME)";
}
