using Workbench.Kernel.Formatting;

namespace Workbench.Kernel.Execution;

/// <summary>
/// The cell that code is running for. It flows with the execution context (an <see cref="AsyncLocal{T}"/>), so
/// output, <c>display()</c> and interruption reach the right cell from any thread or task the cell started.
/// </summary>
internal sealed class CellScope
{
    private static readonly AsyncLocal<CellScope?> CurrentScope = new();

    public CellScope(ExecutionEngine engine, IOutputSink sink, string label, CancellationToken token)
    {
        Engine = engine;
        Sink = sink;
        Label = label;
        Token = token;
        Stdout = new CellStreamWriter(sink, OutputStream.Stdout);
        Stderr = new CellStreamWriter(sink, OutputStream.Stderr);
    }

    public static CellScope? Current => CurrentScope.Value;

    public ExecutionEngine Engine { get; }

    public IOutputSink Sink { get; }

    public string Label { get; }

    public CancellationToken Token { get; }

    /// <summary>Why the token was cancelled: an interrupt or a timeout.</summary>
    public CellStatus StopReason { get; set; } = CellStatus.Interrupted;

    /// <summary>What the stop message says: "cell 3 was interrupted." or the timeout it ran past.</summary>
    public string? StopMessage { get; set; }

    public CellStreamWriter Stdout { get; }

    public CellStreamWriter Stderr { get; }

    /// <summary>Makes <paramref name="scope"/> current for the calling flow until disposed.</summary>
    public static IDisposable Enter(CellScope? scope)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Restore(previous);
    }

    public void FlushStreams()
    {
        Stdout.Flush();
        Stderr.Flush();
    }

    public DisplayOutput Format(object? value, IReadOnlyCollection<string>? mimeTypes, string? displayId)
    {
        var formatted = Engine.Formatters.Format(value, mimeTypes);
        foreach (var warning in formatted.Warnings)
        {
            Stderr.WriteLine("warning: " + warning);
        }

        return new DisplayOutput(formatted.Bundle, DisplayId: displayId);
    }

    public void Display(DisplayOutput output)
    {
        FlushStreams();
        Sink.OnDisplayData(output);
    }

    public void UpdateDisplay(DisplayOutput output)
    {
        FlushStreams();
        Sink.OnUpdateDisplayData(output);
    }

    public void Error(ErrorOutput error)
    {
        FlushStreams();
        Sink.OnError(error);
    }

    public CellInterruptedException StoppedException() => StopReason == CellStatus.TimedOut
        ? new CellTimeoutException(StopMessage ?? $"{Label} ran past its time limit and was stopped.")
        : new CellInterruptedException(StopMessage ?? $"{Label} was interrupted.");

    private sealed class Restore(CellScope? previous) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = previous;
    }
}

/// <summary>Raised inside a cell's code at a cancellation check once the cell is interrupted.</summary>
public class CellInterruptedException(string message) : OperationCanceledException(message);

/// <summary>Raised inside a cell's code once the cell runs past its timeout.</summary>
public sealed class CellTimeoutException(string message) : CellInterruptedException(message);
