namespace Workbench.Kernel.Execution;

/// <summary>How the work of a cell ended, before the engine adds the duration.</summary>
internal sealed record CellOutcome(CellStatus Status, ErrorOutput? Error)
{
    public static CellOutcome Ok { get; } = new(CellStatus.Ok, null);
}
