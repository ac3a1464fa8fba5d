using System.Text.Json.Nodes;
using Workbench.Kernel.Formatting;

namespace Workbench.Kernel.Execution;

/// <summary>The two text streams a cell writes to.</summary>
public enum OutputStream
{
    Stdout,
    Stderr,
}

/// <summary>A display_data, update_display_data or execute_result payload.</summary>
/// <param name="Data">The MIME bundle; always holds text/plain.</param>
/// <param name="Metadata">Per-MIME metadata (nbformat's output metadata), or null.</param>
/// <param name="DisplayId">The display id (Jupyter's <c>transient.display_id</c>) when the output can be updated later.</param>
public sealed record DisplayOutput(MimeBundle Data, JsonObject? Metadata = null, string? DisplayId = null);

/// <summary>An error output in Jupyter's shape: exception name, message, traceback lines (line numbers are the cell's).</summary>
public sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback)
{
    /// <summary>The traceback as one text block.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Traceback);
}

/// <summary>A request for a line of input: from <c>Console.ReadLine()</c> or <c>#!set --value @input:"prompt"</c>.</summary>
/// <param name="Prompt">What to ask.</param>
/// <param name="Password">True for <c>@password:</c>: the answer must not be echoed or stored.</param>
/// <param name="Name">The variable being set (for <c>#!set</c>), so headless runs can answer by name.</param>
public sealed record InputRequest(string Prompt, bool Password, string? Name = null);

/// <summary>
/// Receives everything a cell produces, in order. The engine serialises calls, so an implementation need not be
/// thread-safe, but calls may arrive on any thread, and after the cell's <c>ExecuteAsync</c> returned when the
/// cell left work running in the background.
/// </summary>
public interface IOutputSink
{
    void OnStream(OutputStream stream, string text);

    void OnDisplayData(DisplayOutput output);

    /// <summary>Replaces the earlier output with the same <see cref="DisplayOutput.DisplayId"/>.</summary>
    void OnUpdateDisplayData(DisplayOutput output);

    /// <summary>The value of the cell's trailing expression.</summary>
    void OnExecuteResult(DisplayOutput output);

    void OnError(ErrorOutput error);

    /// <summary>Clears the cell's outputs; with <paramref name="wait"/>, only when the next output arrives.</summary>
    void OnClearOutput(bool wait);

    /// <summary>Asks the user for a line of text. Throw <see cref="InputUnavailableException"/> when nobody can answer.</summary>
    Task<string> OnInputRequestAsync(InputRequest request, CancellationToken cancellationToken);
}

/// <summary>Thrown by a sink that cannot ask anyone for input (a headless run without an answer).</summary>
public sealed class InputUnavailableException(string message) : InvalidOperationException(message);
