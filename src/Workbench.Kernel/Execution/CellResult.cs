namespace Workbench.Kernel.Execution;

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to the end.</summary>
    Ok,

    /// <summary>A compile error, a runtime exception, a magic that failed, or an unsupported cell.</summary>
    Error,

    /// <summary>Stopped by <see cref="ExecutionEngine.Interrupt"/>.</summary>
    Interrupted,

    /// <summary>Stopped because it ran past <see cref="CellOptions.Timeout"/>.</summary>
    TimedOut,

    /// <summary>
    /// Interrupted or timed out, but still running after the grace period (a blocking or native call that no
    /// cancellation check reaches). The engine is unusable: start a new one (restart the kernel).
    /// </summary>
    Abandoned,
}

/// <summary>Words for a <see cref="CellStatus"/> in tables and run records: "completed", "failed", "timed out", ...</summary>
public static class CellStatusText
{
    public static string Of(CellStatus status) => status switch
    {
        CellStatus.Ok => "completed",
        CellStatus.TimedOut => "timed out",
        CellStatus.Interrupted => "interrupted",
        CellStatus.Abandoned => "abandoned",
        _ => "failed",
    };
}

/// <summary>The outcome of <see cref="ExecutionEngine.ExecuteAsync"/>. Outputs went to the sink; this says how it ended.</summary>
public sealed record CellResult(CellStatus Status, ErrorOutput? Error, TimeSpan Duration)
{
    public bool Succeeded => Status == CellStatus.Ok;
}

/// <summary>Per-cell settings from the caller (the runner or the kernel).</summary>
public sealed record CellOptions
{
    /// <summary>How messages name the cell: "cell 3". Also the file name in tracebacks.</summary>
    public string Label { get; init; } = "cell";

    /// <summary>The kernel the notebook assigns to the cell ("csharp", "markdown", "fsharp", ...); null means C#.</summary>
    public string? Language { get; init; }

    /// <summary>Stop the cell after this long (then it ends <see cref="CellStatus.TimedOut"/>).</summary>
    public TimeSpan? Timeout { get; init; }
}
