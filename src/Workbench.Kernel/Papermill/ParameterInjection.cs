using System.Text;
using System.Text.Json.Nodes;
using Workbench.Kernel.Notebooks;

namespace Workbench.Kernel.Papermill;

/// <summary>
/// papermill's parameter convention for C# notebooks: overrides go into a cell tagged <c>injected-parameters</c>,
/// inserted after the cell tagged <c>parameters</c> (or at the top when there is none), as typed declarations that
/// shadow the defaults. A re-run replaces an earlier injected cell instead of adding another.
/// </summary>
public static class ParameterInjection
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>The overrides checked against the parameters cell: literals to inject, JSON for the run record, warnings.</summary>
    public sealed record Plan(
        IReadOnlyList<(string Name, ParameterType Type, string Literal, JsonNode? Json)> Values,
        IReadOnlyDictionary<string, string> Defaults,
        IReadOnlyList<string> Warnings);

    /// <summary>
    /// Checks every override before anything runs: a value that does not read as the declared type is a
    /// <see cref="ParameterException"/> naming the parameter, the value and the type.
    /// </summary>
    public static Plan Check(NotebookDocument notebook, IReadOnlyList<KeyValuePair<string, string>> overrides, string notebookName)
    {
        var warnings = new List<string>();
        var parametersCell = notebook.Cells.FirstOrDefault(c => c.IsCode && c.HasTag(ParametersTag));
        var declared = parametersCell is null
            ? new Dictionary<string, ParameterDeclarations.Declaration>()
            : ParameterDeclarations.Read(parametersCell.Source).GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.Last());
        if (parametersCell is null && overrides.Count > 0)
        {
            warnings.Add($"{notebookName} has no cell tagged '{ParametersTag}': the injected parameters go into a new first cell.");
        }

        var values = new List<(string, ParameterType, string, JsonNode?)>();
        foreach (var (name, value) in overrides)
        {
            if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name))
            {
                throw new ParameterException($"Parameter name '{name}' is not a valid C# variable name.");
            }

            ParameterType type;
            if (declared.TryGetValue(name, out var declaration))
            {
                type = declaration.Type ?? throw new ParameterException(
                    $"Parameter '{name}' is declared {declaration.TypeText} in the parameters cell of {notebookName}; -p can set only {ParameterType.SupportedList} (or var with a literal of one of them).");
            }
            else
            {
                type = ParameterType.Infer(value);
                if (parametersCell is not null)
                {
                    warnings.Add($"Passed unknown parameter: {name} (not declared in the parameters cell of {notebookName}; injected as {type.Declaration}).");
                }
            }

            var (literal, json) = type.Convert(name, value);
            values.RemoveAll(v => v.Item1 == name);
            values.Add((name, type, literal, json));
        }

        return new Plan(values, declared.ToDictionary(d => d.Key, d => d.Value.DefaultText), warnings);
    }

    /// <summary>A variable name as C# source: keywords get the @ prefix.</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
        && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetContextualKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
            ? name
            : "@" + name;

    /// <summary>Removes earlier injected cells and, when there are overrides, inserts the new one. Returns it, or null.</summary>
    public static NotebookCell? Apply(NotebookDocument notebook, Plan plan)
    {
        notebook.Cells.RemoveAll(c => c.HasTag(InjectedTag));
        if (plan.Values.Count == 0)
        {
            return null;
        }

        var source = new StringBuilder("// Parameters");
        foreach (var (name, type, literal, _) in plan.Values)
        {
            source.Append('\n').Append($"{type.Declaration} {Identifier(name)} = {literal};");
        }

        var cell = NotebookCell.NewCode(source.ToString());
        cell.AddTag(InjectedTag);
        var parameters = notebook.Cells.FindIndex(c => c.IsCode && c.HasTag(ParametersTag));
        notebook.Cells.Insert(parameters + 1, cell);
        return cell;
    }
}
