using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Workbench.Kernel.Magics;

namespace Workbench.Kernel.Interpreter;

/// <summary>is_complete_request's answer: complete, incomplete (with the indent for the next line) or invalid.</summary>
public sealed record Completeness(string Status, string? Indent = null)
{
    public static Completeness Complete { get; } = new("complete");

    public static Completeness Invalid { get; } = new("invalid");
}

/// <summary>
/// Decides from Roslyn's script parse whether a console should run the code or ask for another line: an open brace,
/// bracket, string or statement is incomplete; a finished submission with syntax errors is invalid.
/// </summary>
internal static class CompletenessCheck
{
    private const string IndentUnit = "    ";

    public static Completeness Check(string code, CSharpParseOptions options)
    {
        var cell = MagicParser.Parse(code);
        if (cell.Errors.Count > 0)
        {
            return Completeness.Invalid;
        }

        if (!cell.IsCSharp || string.IsNullOrWhiteSpace(cell.Body))
        {
            return Completeness.Complete;
        }

        var tree = CSharpSyntaxTree.ParseText(cell.Body, options);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
        {
            return new Completeness("incomplete", Indent(cell.Body, tree));
        }

        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? Completeness.Invalid : Completeness.Complete;
    }

    /// <summary>The last line's indentation, one level deeper when it opens a block.</summary>
    private static string Indent(string code, SyntaxTree tree)
    {
        var lines = code.TrimEnd('\n', '\r').Split('\n');
        var last = lines.LastOrDefault(l => l.Trim().Length > 0) ?? string.Empty;
        var current = last[..(last.Length - last.TrimStart().Length)];
        var trimmed = last.TrimEnd();
        var opens = trimmed.EndsWith('{') || trimmed.EndsWith('(') || trimmed.EndsWith('[');
        var depth = tree.GetRoot().DescendantTokens().Count(t => t.IsKind(SyntaxKind.OpenBraceToken) && !t.IsMissing)
            - tree.GetRoot().DescendantTokens().Count(t => t.IsKind(SyntaxKind.CloseBraceToken) && !t.IsMissing);
        return opens ? current + IndentUnit : depth > 0 && current.Length == 0 ? string.Concat(Enumerable.Repeat(IndentUnit, depth)) : current;
    }
}
