using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Recommendations;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Magics;

namespace Workbench.Kernel.Interpreter;

/// <summary>complete_request's answer: the replacement texts for [CursorStart, CursorEnd) (code point offsets) and per-match types.</summary>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd, JsonObject Metadata);

/// <summary>
/// Completion from Roslyn's recommender over the cell compiled as the next submission: members after a dot
/// (extension methods included), the script's variables and methods, locals, types and namespaces in scope, and C#
/// keywords; magic names on a <c>#!</c> line.
/// </summary>
internal sealed class CompletionService(ExecutionEngine engine)
{
    private static readonly ImmutableArray<string> Keywords =
    [
        .. SyntaxFacts.GetKeywordKinds().Select(SyntaxFacts.GetText),
        .. SyntaxFacts.GetContextualKeywordKinds().Select(SyntaxFacts.GetText).Where(k => k is "var" or "async" or "await" or "record" or "dynamic" or "nameof" or "when" or "where" or "select" or "from" or "let" or "orderby" or "group" or "into" or "join" or "yield" or "init" or "required" or "with" or "and" or "or" or "not" or "global" or "file" or "scoped"),
    ];

    private readonly Lazy<Workspace> _workspace = new(() => new AdhocWorkspace());

    public CompletionResult Complete(string code, int cursorCodePoints, CancellationToken cancellationToken = default)
    {
        var position = CodePoints.ToUtf16(code, cursorCodePoints);
        var start = position;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_'))
        {
            start--;
        }

        var prefix = code[start..position];
        var lineStart = code.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
        var line = code[lineStart..position];
        List<Item> items;
        if (line.TrimStart() is ['#', ..] magic)
        {
            // A magic word is replaced whole ("#!ti" -> "#!time"); its arguments are not completed.
            start = position - magic.Length;
            items = magic.Contains(' ', StringComparison.Ordinal) ? [] : MagicItems();
        }
        else
        {
            items = SymbolItems(code, position, start, prefix, cancellationToken);
        }

        var startCodePoints = CodePoints.FromUtf16(code, start);
        var matches = Filter(items, code[start..position]);
        var types = new JsonArray(matches.Select(m => (JsonNode)new JsonObject
        {
            ["start"] = startCodePoints,
            ["end"] = cursorCodePoints,
            ["text"] = m.Text,
            ["type"] = m.Type,
            ["signature"] = m.Signature,
        }).ToArray());
        return new CompletionResult(
            matches.Select(m => m.Text).ToArray(),
            startCodePoints,
            cursorCodePoints,
            new JsonObject { ["_jupyter_types_experimental"] = types });
    }

    private List<Item> SymbolItems(string code, int position, int start, string prefix, CancellationToken cancellationToken)
    {
        var analysis = engine.Analyze(code);
        var items = new List<Item>();
        ImmutableArray<ISymbol> symbols;
        try
        {
#pragma warning disable CS0618 // The Document overload needs a workspace project per submission chain; the semantic model is what we have.
            symbols = Recommender.GetRecommendedSymbolsAtPositionAsync(analysis.SemanticModel, position, _workspace.Value, options: null, cancellationToken).GetAwaiter().GetResult().ToImmutableArray();
#pragma warning restore CS0618
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The recommender is best effort; names in scope are a sound fallback.
            symbols = analysis.SemanticModel.LookupSymbols(position);
        }

        foreach (var symbol in symbols)
        {
            if (symbol.CanBeReferencedByName && !IsHidden(symbol))
            {
                items.Add(new Item(symbol.Name, Kind(symbol), symbol.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }
        }

        var afterDot = start > 0 && code[..start].TrimEnd().EndsWith('.');
        if (!afterDot && prefix.Length > 0)
        {
            items.AddRange(Keywords.Select(k => new Item(k, "keyword", k)));
        }

        return items;
    }

    private static List<Item> MagicItems() =>
        MagicCatalog.All.Select(e => e.Name.Split(' ')[0]).Distinct().Select(n => new Item(n, "magic", n)).ToList();

    private static List<Item> Filter(List<Item> items, string prefix)
    {
        var distinct = items.GroupBy(i => i.Text, StringComparer.Ordinal).Select(g => g.First());
        var exact = distinct.Where(i => i.Text.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var chosen = exact.Count > 0 ? exact : distinct.Where(i => i.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return chosen.OrderBy(i => i.Text, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Text, StringComparer.Ordinal).ToList();
    }

    /// <summary>Compiler-generated and script-host plumbing that a user never types.</summary>
    private static bool IsHidden(ISymbol symbol) =>
        symbol.IsImplicitlyDeclared
        || symbol.Name.StartsWith('<')
        || symbol.Name is "Finalize" or "MemberwiseClone" or "<Initialize>" or "<Factory>"
        || (symbol.ContainingType?.Name == nameof(CellInterruption));

    internal static string Kind(ISymbol symbol) => symbol switch
    {
        IMethodSymbol => "function",
        IPropertySymbol => "property",
        IFieldSymbol { ContainingType.IsScriptClass: true } => "instance",
        IFieldSymbol => "field",
        ILocalSymbol or IParameterSymbol or IRangeVariableSymbol => "instance",
        IEventSymbol => "event",
        INamespaceSymbol => "module",
        INamedTypeSymbol { TypeKind: TypeKind.Interface } => "interface",
        INamedTypeSymbol { TypeKind: TypeKind.Enum } => "enum",
        INamedTypeSymbol { TypeKind: TypeKind.Struct } => "struct",
        INamedTypeSymbol => "class",
        _ => "statement",
    };

    private sealed record Item(string Text, string Type, string Signature);
}
