using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbench.Kernel.Papermill;

/// <summary>
/// The variables a <c>parameters</c> cell declares (<c>string name = "world"; int rows = 5;</c>), with their types and
/// default values, read from the C# syntax (the cell is not run).
/// </summary>
public static class ParameterDeclarations
{
    public sealed record Declaration(string Name, string TypeText, ParameterType? Type, string DefaultText);

    public static IReadOnlyList<Declaration> Read(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script));
        var declarations = new List<Declaration>();
        foreach (var member in ((CompilationUnitSyntax)tree.GetRoot()).Members)
        {
            var declaration = member switch
            {
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                FieldDeclarationSyntax field => field.Declaration,
                _ => null,
            };
            if (declaration is null)
            {
                continue;
            }

            foreach (var variable in declaration.Variables)
            {
                var initializer = variable.Initializer?.Value;
                var typeText = declaration.Type.ToString();
                var type = declaration.Type.IsVar
                    ? initializer is LiteralExpressionSyntax literal ? ParameterType.OfLiteral(literal.Kind(), literal.Token.Value) : null
                    : ParameterType.Parse(typeText);
                declarations.Add(new Declaration(variable.Identifier.ValueText, typeText, type, initializer?.ToString() ?? string.Empty));
            }
        }

        return declarations;
    }
}
