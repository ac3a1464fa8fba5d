using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbench.Kernel.Execution;

/// <summary>
/// Makes a cell interruptible: inserts <see cref="CellInterruption.Check"/> at the start of every loop body
/// (<c>for</c>, <c>foreach</c>, <c>while</c>, <c>do</c>), and <see cref="CellInterruption.Enter"/> (the same check plus a
/// stack guard) at the start of every block body of a method, local function, constructor, accessor, operator,
/// anonymous method or lambda, so <c>while (true) {}</c> and long recursions stop, and runaway recursion is a cell
/// error rather than a stack overflow that would end the process.
/// </summary>
/// <remarks>
/// What no check reaches cannot be interrupted: a blocking call (<c>Thread.Sleep</c>, a synchronous read, a lock
/// wait), native code, a loop inside a compiled library (a huge LINQ query), a <c>goto</c> loop, and an
/// expression-bodied member recursing forever. The engine reports such a cell as <see cref="CellStatus.Abandoned"/>
/// after the grace period. Pass <c>CancellationToken</c> (a cell global) to awaited calls to make them stoppable.
/// Code that catches every exception swallows the interrupt once, but the next check throws again.
/// </remarks>
internal static class InterruptionPoints
{
    public static (string Text, SourceMap Map) Instrument(string code, CSharpParseOptions options)
    {
        var tree = CSharpSyntaxTree.ParseText(code, options);
        var root = tree.GetRoot();
        if (root.ContainsDiagnostics)
        {
            // Leave broken code alone: the compiler's errors must point at what the user wrote.
            return (code, SourceMap.Identity);
        }

        var insertions = new List<(int Position, string Text)>();
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case WhileStatementSyntax loop:
                    Body(loop.Statement, insertions);
                    break;
                case DoStatementSyntax loop:
                    Body(loop.Statement, insertions);
                    break;
                case ForStatementSyntax loop:
                    Body(loop.Statement, insertions);
                    break;
                case CommonForEachStatementSyntax loop:
                    Body(loop.Statement, insertions);
                    break;
                case BaseMethodDeclarationSyntax { Body: { } body }:
                    Entry(body, insertions, CellInterruption.EnterText);
                    break;
                case LocalFunctionStatementSyntax { Body: { } body }:
                    Entry(body, insertions, CellInterruption.EnterText);
                    break;
                case AccessorDeclarationSyntax { Body: { } body }:
                    Entry(body, insertions, CellInterruption.EnterText);
                    break;
                case AnonymousFunctionExpressionSyntax { Block: { } body }:
                    Entry(body, insertions, CellInterruption.EnterText);
                    break;
            }
        }

        if (insertions.Count == 0)
        {
            return (code, SourceMap.Identity);
        }

        var ordered = insertions.OrderBy(i => i.Position).ToArray();
        var text = new StringBuilder(code.Length + ordered.Sum(i => i.Text.Length));
        var last = 0;
        foreach (var (position, insert) in ordered)
        {
            text.Append(code, last, position - last).Append(insert);
            last = position;
        }

        text.Append(code, last, code.Length - last);
        return (text.ToString(), new SourceMap(ordered.Select(i => (i.Position, i.Text.Length))));
    }

    private static void Body(StatementSyntax statement, List<(int, string)> insertions)
    {
        if (statement is BlockSyntax block)
        {
            Entry(block, insertions, CellInterruption.CallText);
            return;
        }

        // An embedded statement (while (x) i++;) becomes a block on the same line.
        insertions.Add((statement.SpanStart, "{" + CellInterruption.CallText));
        insertions.Add((statement.Span.End, "}"));
    }

    private static void Entry(BlockSyntax block, List<(int, string)> insertions, string call)
    {
        if (!block.OpenBraceToken.IsMissing)
        {
            insertions.Add((block.OpenBraceToken.Span.End, call));
        }
    }
}
