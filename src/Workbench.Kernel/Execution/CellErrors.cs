using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Workbench.Kernel.Execution;

/// <summary>Turns compile diagnostics and exceptions into Jupyter error outputs that point at the cell's own lines.</summary>
internal static partial class CellErrors
{
    public const string CompilationErrorName = "CompilationError";
    private const int MaxDiagnostics = 20;

    /// <summary>"cell 3, line 2, column 5: CS0103 The name 'x' does not exist in the current context", one per error.</summary>
    public static ErrorOutput Compilation(IReadOnlyList<Diagnostic> errors, SourceText original, SourceMap map, string label)
    {
        var lines = errors
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Take(MaxDiagnostics)
            .Select(d => Describe(d, original, map, label))
            .ToList();
        if (errors.Count > MaxDiagnostics)
        {
            lines.Add($"… and {errors.Count - MaxDiagnostics} more errors");
        }

        return new ErrorOutput(CompilationErrorName, lines[0], lines);
    }

    public static string Describe(Diagnostic diagnostic, SourceText original, SourceMap map, string label)
    {
        var where = label;
        if (diagnostic.Location.IsInSource)
        {
            var position = Math.Clamp(map.ToOriginal(diagnostic.Location.SourceSpan.Start), 0, original.Length);
            var line = original.Lines.GetLinePosition(position);
            where = $"{label}, line {line.Line + 1}, column {line.Character + 1}";
        }

        return $"{where}: {diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>An error a magic or the engine raises itself (no stack trace worth showing).</summary>
    public static ErrorOutput Plain(string name, string message) => new(name, message, [$"{name}: {message}"]);

    /// <summary>The exception's type, message and stack, without the scripting host's frames.</summary>
    public static ErrorOutput Runtime(Exception exception, string? label = null)
    {
        exception = Unwrap(exception);
        var traceback = new List<string>();
        foreach (var line in exception.ToString().Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Contains("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal))
            {
                continue;
            }

            traceback.Add(Frame(trimmed, label));
        }

        // "--- End of stack trace ---" separators left dangling at the end say nothing once host frames are gone.
        while (traceback.Count > 1 && traceback[^1].Contains("--- End of stack trace", StringComparison.Ordinal))
        {
            traceback.RemoveAt(traceback.Count - 1);
        }

        return new ErrorOutput(exception.GetType().Name, exception.Message, CollapseRepeats(traceback));
    }

    /// <summary>Deep recursion repeats one frame thousands of times; show it once with a count.</summary>
    private static List<string> CollapseRepeats(List<string> lines)
    {
        var collapsed = new List<string>(Math.Min(lines.Count, 64));
        for (var i = 0; i < lines.Count;)
        {
            var run = 1;
            while (i + run < lines.Count && lines[i + run] == lines[i])
            {
                run++;
            }

            collapsed.Add(lines[i]);
            if (run > 2)
            {
                collapsed.Add($"   … the frame above repeats {run - 1:N0} more times");
            }
            else if (run == 2)
            {
                collapsed.Add(lines[i]);
            }

            i += run;
        }

        return collapsed;
    }

    public static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    continue;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    continue;
                default:
                    return exception;
            }
        }
    }

    private static string Frame(string line, string? label)
    {
        line = TopLevel().Replace(line, "<top-level code>");
        if (label is not null)
        {
            // The compiler roots the cell's file name in a folder; the cell's name alone is what the user knows.
            line = Regex.Replace(line, @" in \S.*?[/\\]" + Regex.Escape(label) + ":line ", " in " + label.Replace("$", "$$", StringComparison.Ordinal) + ":line ");
        }

        return SubmissionPrefix().Replace(line, string.Empty);
    }

    [GeneratedRegex(@"Submission#\d+\.<<Initialize>>d__\d+\.MoveNext\(\)")]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"Submission#\d+\.")]
    private static partial Regex SubmissionPrefix();
}
