using System.Net;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Formatting;

namespace Workbench.Kernel.Interpreter;

/// <summary>inspect_request's answer: found, and a MIME bundle (text/plain, text/markdown, text/html).</summary>
public sealed record InspectionResult(bool Found, MimeBundle Data)
{
    public static InspectionResult NotFound { get; } = new(false, new MimeBundle());
}

/// <summary>
/// What Shift+Tab shows: the symbol under (or just before) the cursor, or the method whose argument list the
/// cursor is in — its signature, its XML documentation summary, the other overloads at detail level 1, and for a
/// variable of the notebook its current value.
/// </summary>
internal sealed class InspectionService(ExecutionEngine engine, XmlDocumentation documentation)
{
    private static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat.MinimallyQualifiedFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeRef)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut)
        .WithKindOptions(SymbolDisplayKindOptions.IncludeTypeKeyword | SymbolDisplayKindOptions.IncludeNamespaceKeyword);

    public InspectionResult Inspect(string code, int cursorCodePoints, int detailLevel)
    {
        var position = CodePoints.ToUtf16(code, cursorCodePoints);
        var analysis = engine.Analyze(code);
        var symbol = SymbolAt(analysis.SemanticModel, analysis.Tree.GetRoot(), position);
        return symbol is null ? InspectionResult.NotFound : Describe(symbol, detailLevel);
    }

    /// <summary>The same description for a name alone (the <c>Name?</c> help syntax), resolved in the notebook's scope.</summary>
    public InspectionResult InspectName(string name, int detailLevel) => Inspect(name, name.Length, detailLevel);

    private static ISymbol? SymbolAt(SemanticModel model, SyntaxNode root, int position)
    {
        foreach (var candidate in new[] { position, position - 1 })
        {
            if (candidate < 0 || candidate > root.FullSpan.End)
            {
                continue;
            }

            var token = root.FindToken(Math.Min(candidate, Math.Max(0, root.FullSpan.End - 1)));
            if (token.IsKind(SyntaxKind.IdentifierToken) || SyntaxFacts.IsPredefinedType(token.Kind()) || token.IsKind(SyntaxKind.ThisKeyword) || token.IsKind(SyntaxKind.BaseKeyword))
            {
                if (token.Parent is { } parent && Resolve(model, parent) is { } symbol)
                {
                    return symbol;
                }
            }
        }

        // In an argument list: the method being called ("Console.WriteLine(|").
        var inner = root.FindToken(Math.Max(0, Math.Min(position, root.FullSpan.End) - 1)).Parent;
        for (var node = inner; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when position > invocation.ArgumentList.OpenParenToken.SpanStart:
                    return Resolve(model, invocation) ?? Resolve(model, invocation.Expression);
                case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList is { } arguments && position > arguments.OpenParenToken.SpanStart:
                    return Resolve(model, creation);
                case StatementSyntax:
                    return null;
            }
        }

        return null;
    }

    private static ISymbol? Resolve(SemanticModel model, SyntaxNode node)
    {
        var info = model.GetSymbolInfo(node);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node);
        if (symbol is null && node is ExpressionSyntax or PredefinedTypeSyntax)
        {
            symbol = model.GetTypeInfo(node).Type;
        }

        return symbol is IErrorTypeSymbol ? null : symbol;
    }

    private InspectionResult Describe(ISymbol symbol, int detailLevel)
    {
        var signature = symbol.ToDisplayString(Signature);
        var kind = CompletionService.Kind(symbol) switch
        {
            "function" => "method",
            "instance" => "variable",
            "module" => "namespace",
            var other => other,
        };
        var summary = documentation.Summary(symbol);
        var value = VariableValue(symbol);
        var overloads = symbol is IMethodSymbol method
            ? method.ContainingType?.GetMembers(method.Name).OfType<IMethodSymbol>().Where(m => !SymbolEqualityComparer.Default.Equals(m, method.OriginalDefinition) && !SymbolEqualityComparer.Default.Equals(m, method)).ToArray() ?? []
            : [];

        var text = new StringBuilder().AppendLine($"{kind} {signature}");
        if (summary is not null)
        {
            text.AppendLine().AppendLine(summary);
        }

        if (value is not null)
        {
            text.AppendLine().AppendLine($"Value: {value}");
        }

        if (overloads.Length > 0)
        {
            text.AppendLine().AppendLine(detailLevel > 0 ? "Other overloads:" : $"+{overloads.Length} overload{(overloads.Length == 1 ? string.Empty : "s")} (detail level 1 lists them)");
            if (detailLevel > 0)
            {
                foreach (var overload in overloads)
                {
                    text.AppendLine("  " + overload.ToDisplayString(Signature));
                }
            }
        }

        if (detailLevel > 0 && symbol.ContainingAssembly is { } assembly)
        {
            text.AppendLine().AppendLine($"Assembly: {assembly.Identity.Name} {assembly.Identity.Version}");
        }

        var plain = text.ToString().TrimEnd();
        var html = new StringBuilder($"<div><pre><code>{WebUtility.HtmlEncode(kind + " " + signature)}</code></pre>");
        if (summary is not null)
        {
            html.Append($"<p>{WebUtility.HtmlEncode(summary).Replace("\n", "<br>", StringComparison.Ordinal)}</p>");
        }

        if (value is not null)
        {
            html.Append($"<p>Value: <code>{WebUtility.HtmlEncode(value)}</code></p>");
        }

        html.Append("</div>");
        var markdown = $"```csharp\n{kind} {signature}\n```" + (summary is null ? string.Empty : "\n\n" + summary) + (value is null ? string.Empty : $"\n\nValue: `{value}`");
        return new InspectionResult(true, new MimeBundle().Set(MimeTypes.PlainText, plain).Set("text/markdown", markdown).Set(MimeTypes.Html, html.ToString()));
    }

    private string? VariableValue(ISymbol symbol)
    {
        if (symbol is not IFieldSymbol { ContainingType.IsScriptClass: true } field)
        {
            return null;
        }

        var variable = engine.Variables.LastOrDefault(v => v.Name == field.Name);
        if (variable is null)
        {
            return null;
        }

        try
        {
            return ValueText.Clip(variable.Value is string s ? s : new FormatterRegistry { MaxRows = 5 }.Format(variable.Value).Bundle[MimeTypes.PlainText], 200);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"<{e.GetType().Name} while formatting>";
        }
    }
}
