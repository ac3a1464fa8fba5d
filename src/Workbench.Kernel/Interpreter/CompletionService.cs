using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Magics;

namespace Workbench.Kernel.Interpreter;

/// <summary>complete_request's answer: the replacement texts for [CursorStart, CursorEnd) (code point offsets) and per-match types.</summary>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd, JsonObject Metadata);

/// <summary>
/// Completion from Roslyn's semantic model of the cell compiled as the next submission: members after a dot
/// (instance members and extension methods of a value's type, static members of a type, the contents of a
/// namespace), the notebook's variables and methods, locals, types and namespaces in scope, and C# keywords; magic
/// names on a <c>#!</c> line.
/// </summary>
/// <remarks>
/// Roslyn's Recommender needs the tree to be a document of a workspace project; a script's chain of submissions is not
/// one, so the lookups go straight to the semantic model (LookupSymbols and friends, which the recommender uses too).
/// </remarks>
internal sealed class CompletionService(ExecutionEngine engine)
{
    private static readonly ImmutableArray<string> Keywords =
    [
        .. SyntaxFacts.GetKeywordKinds().Select(SyntaxFacts.GetText),
        .. SyntaxFacts.GetContextualKeywordKinds().Select(SyntaxFacts.GetText).Where(k => k is "var" or "async" or "await" or "record" or "dynamic" or "nameof" or "when" or "where" or "select" or "from" or "let" or "orderby" or "group" or "into" or "join" or "yield" or "init" or "required" or "with" or "and" or "or" or "not" or "global" or "file" or "scoped"),
    ];

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
        cancellationToken.ThrowIfCancellationRequested();
        var analysis = engine.Analyze(code);
        var model = analysis.SemanticModel;
        var root = analysis.Tree.GetRoot(cancellationToken);
        var items = new List<Item>();
        var dot = start - 1;
        while (dot >= 0 && char.IsWhiteSpace(code[dot]))
        {
            dot--;
        }

        var afterDot = dot >= 0 && code[dot] == '.';
        var symbols = afterDot ? MemberSymbols(model, root, dot, start) : model.LookupSymbols(start);
        foreach (var symbol in symbols)
        {
            if (symbol.CanBeReferencedByName && !IsHidden(symbol))
            {
                items.Add(new Item(symbol.Name, Kind(symbol), symbol.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }
        }

        if (!afterDot && prefix.Length > 0)
        {
            items.AddRange(Keywords.Select(k => new Item(k, "keyword", k)));
        }

        return items;
    }

    /// <summary>
    /// What can follow <c>left.</c>: a namespace's namespaces and types, a type's static members and nested types,
    /// a value's instance members and the extension methods in scope for its type.
    /// </summary>
    private static ImmutableArray<ISymbol> MemberSymbols(SemanticModel model, SyntaxNode root, int dot, int position)
    {
        var token = root.FindToken(dot);
        SyntaxNode? left = token.Parent switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => access.Expression,
            Microsoft.CodeAnalysis.CSharp.Syntax.QualifiedNameSyntax qualified => qualified.Left,
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax binding => (binding.Parent as Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax)?.Expression
                ?? binding.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax>()?.Expression,
            _ => null,
        };
        if (left is null)
        {
            return [];
        }

        var info = model.GetSymbolInfo(left);
        var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        switch (symbol)
        {
            case INamespaceSymbol space:
                return model.LookupNamespacesAndTypes(position, space);
            case ITypeSymbol type when left is not Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax expression || model.GetTypeInfo(expression).Type is null || IsTypeName(model, left):
                return [.. model.LookupStaticMembers(position, type), .. model.LookupNamespacesAndTypes(position, type)];
        }

        var valueType = model.GetTypeInfo(left).Type;
        if (valueType is null or IErrorTypeSymbol)
        {
            return [];
        }

        if (valueType.IsValueType && valueType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && left.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax)
        {
            valueType = ((INamedTypeSymbol)valueType).TypeArguments[0];
        }

        return [.. model.LookupSymbols(position, valueType, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension })];
    }

    private static bool IsTypeName(SemanticModel model, SyntaxNode node) =>
        model.GetSymbolInfo(node).Symbol is ITypeSymbol && model.GetTypeInfo(node).Type is { } type && model.GetSymbolInfo(node).Symbol!.Equals(type, SymbolEqualityComparer.Default);

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
