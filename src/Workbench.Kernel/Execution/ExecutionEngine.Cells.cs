using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;
using Workbench.Kernel.Magics;
using Workbench.Kernel.Packages;
using Workbench.Kernel.Scripting;

namespace Workbench.Kernel.Execution;

public sealed partial class ExecutionEngine
{
    private async Task<CellOutcome> RunCellAsync(string code, CellOptions options, CellScope scope)
    {
        using var current = CellScope.Enter(scope);
        var cell = MagicParser.Parse(code, options.Language);
        if (cell.Errors.Count > 0)
        {
            var lines = cell.Errors.Select(e => $"{options.Label}, line {e.Line}: {e.Message}").ToArray();
            return Fail(scope, new ErrorOutput("MagicError", lines[0], lines));
        }

        var clock = Stopwatch.StartNew();
        var timed = cell.Magics.OfType<TimeMagic>().Any();
        try
        {
            var magics = await new MagicRunner(this, scope, options.Label).RunAsync(cell.Magics).ConfigureAwait(false);
            if (magics is not null)
            {
                return magics;
            }

            return cell.Language switch
            {
                "csharp" => await RunCSharpAsync(cell.Body, scope).ConfigureAwait(false),
                "markdown" => Show(scope, new MarkdownString(cell.Body)),
                "html" => Show(scope, new HtmlString(cell.Body)),
                var other => Fail(scope, CellErrors.Plain(
                    "UnsupportedKernel",
                    $"{options.Label} is a '{other}' cell; Workbench runs C# (#!csharp), Markdown (#!markdown) and HTML (#!html) cells. Rewrite it in C# or leave it unexecuted.")),
            };
        }
        catch (OperationCanceledException) when (scope.Token.IsCancellationRequested)
        {
            return Stopped(scope, null);
        }
        finally
        {
            if (timed)
            {
                scope.Stdout.WriteLine($"Wall time: {Durations.Describe(clock.Elapsed)}");
            }

            scope.FlushStreams();
        }
    }

    private async Task<CellOutcome> RunCSharpAsync(string body, CellScope scope)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return CellOutcome.Ok;
        }

        var (text, map) = InterruptionPoints.Instrument(body, ParseOptions);
        var script = NextScript(text, scope.Label);
        var errors = script.Compile(scope.Token).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            return Fail(scope, CompilationError(errors, body, map, scope.Label));
        }

        var hasValue = HasTrailingValue(script.GetCompilation());
        ScriptState<object> state;
        try
        {
            state = _state is null
                ? await script.RunAsync(_globals, _ => true, scope.Token).ConfigureAwait(false)
                : await script.RunFromAsync(_state, _ => true, scope.Token).ConfigureAwait(false);
        }
        catch (CompilationErrorException e)
        {
            return Fail(scope, CompilationError(e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray(), body, map, scope.Label));
        }

        Commit(state);
        if (state.Exception is { } exception)
        {
            var unwrapped = CellErrors.Unwrap(exception);
            return unwrapped is OperationCanceledException && scope.Token.IsCancellationRequested
                ? Stopped(scope, unwrapped)
                : Fail(scope, CellErrors.Runtime(unwrapped, scope.Label));
        }

        if (hasValue && state.ReturnValue is not DisplayHandle)
        {
            var result = scope.Format(state.ReturnValue, null, null);
            scope.FlushStreams();
            scope.Sink.OnExecuteResult(result);
        }

        return CellOutcome.Ok;
    }

    /// <summary>Runs a declaration (from #!set) as a hidden submission so later cells see the variable.</summary>
    internal async Task DeclareAsync(string declaration, CellScope scope)
    {
        var script = NextScript(declaration, scope.Label);
        var errors = script.Compile(scope.Token).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
        }

        Commit(_state is null
            ? await script.RunAsync(_globals, cancellationToken: scope.Token).ConfigureAwait(false)
            : await script.RunFromAsync(_state, cancellationToken: scope.Token).ConfigureAwait(false));
    }

    private static ErrorOutput CompilationError(IReadOnlyList<Diagnostic> errors, string body, SourceMap map, string label)
    {
        var error = CellErrors.Compilation(errors, SourceText.From(body), map, label);
        var misplaced = body.Split('\n').Select((line, index) => (Line: line.TrimStart(), Number: index + 1))
            .FirstOrDefault(l => l.Line.StartsWith("#!", StringComparison.Ordinal) || l.Line.StartsWith("#r ", StringComparison.Ordinal) || l.Line.StartsWith("#i ", StringComparison.Ordinal));
        return misplaced.Line is null
            ? error
            : error with { Traceback = [.. error.Traceback, $"{label}, line {misplaced.Number}: magics such as '{misplaced.Line.Split(' ')[0]}' must come at the top of the cell, before any code."] };
    }

    /// <summary>True when the cell ends in an expression without a semicolon whose type is not void.</summary>
    private static bool HasTrailingValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot() is not CompilationUnitSyntax root
            || root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private static CellOutcome Show(CellScope scope, object content)
    {
        scope.Display(scope.Format(content, null, null));
        return CellOutcome.Ok;
    }

    private static CellOutcome Fail(CellScope scope, ErrorOutput error)
    {
        scope.Error(error);
        return new CellOutcome(CellStatus.Error, error);
    }

    private static CellOutcome Stopped(CellScope scope, Exception? exception)
    {
        var message = scope.StopMessage ?? $"{scope.Label} was interrupted.";
        var name = scope.StopReason == CellStatus.TimedOut ? "CellTimeout" : "Interrupted";
        var traceback = exception is null ? [message] : CellErrors.Runtime(exception, scope.Label).Traceback.Skip(1).Prepend($"{name}: {message}").ToArray();
        var error = new ErrorOutput(name, message, traceback);
        scope.Error(error);
        return new CellOutcome(scope.StopReason, error);
    }
}
