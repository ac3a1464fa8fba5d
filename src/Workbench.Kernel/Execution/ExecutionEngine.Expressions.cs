using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;
using Workbench.Kernel.Formatting;

namespace Workbench.Kernel.Execution;

/// <summary>The value of an expression evaluated against the notebook's state: its MIME bundle, or the error it raised.</summary>
public sealed record ExpressionValue(MimeBundle? Data, ErrorOutput? Error)
{
    public bool Succeeded => Error is null;
}

public sealed partial class ExecutionEngine
{
    /// <summary>
    /// Evaluates <paramref name="expression"/> against the state the cells built, formats its value, and keeps nothing:
    /// later cells do not see it (Jupyter's user_expressions). Waits for a running cell to finish first.
    /// </summary>
    public async Task<ExpressionValue> EvaluateAsync(string expression, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var script = NextScript(expression, "user expression");
            var errors = script.Compile(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0)
            {
                return new ExpressionValue(null, CellErrors.Compilation(errors, SourceText.From(expression), SourceMap.Identity, "user expression"));
            }

            var state = _state is null
                ? await script.RunAsync(_globals, _ => true, cancellationToken).ConfigureAwait(false)
                : await script.RunFromAsync(_state, _ => true, cancellationToken).ConfigureAwait(false);
            if (state.Exception is { } exception)
            {
                return new ExpressionValue(null, CellErrors.Runtime(exception, "user expression"));
            }

            var formatted = Formatters.Format(state.ReturnValue);
            return new ExpressionValue(formatted.Bundle, null);
        }
        catch (CompilationErrorException e)
        {
            return new ExpressionValue(null, CellErrors.Compilation(e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray(), SourceText.From(expression), SourceMap.Identity, "user expression"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ExpressionValue(null, CellErrors.Runtime(e, "user expression"));
        }
        finally
        {
            _gate.Release();
        }
    }
}
