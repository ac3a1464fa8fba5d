using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Notebooks;

namespace Workbench.Kernel.Interpreter;

/// <summary>
/// The kernel's interpreter (xeus's "interpreter" layer): executes, completes, inspects and checks C# cells through
/// one <see cref="ExecutionEngine"/>, and keeps the input history. Knows nothing of sockets or message framing.
/// </summary>
public sealed partial class CSharpInterpreter : IDisposable
{
    private readonly CompletionService _completion;
    private readonly InspectionService _inspection;

    public CSharpInterpreter(EngineOptions options, HistoryStore history)
    {
        Engine = new ExecutionEngine(options);
        History = history;
        _completion = new CompletionService(Engine);
        _inspection = new InspectionService(Engine, new XmlDocumentation());
    }

    public ExecutionEngine Engine { get; }

    public HistoryStore History { get; }

    public Task<CellResult> ExecuteAsync(string code, IOutputSink sink, string label, CancellationToken cancellationToken = default) =>
        Engine.ExecuteAsync(code, sink, new CellOptions { Label = label }, cancellationToken);

    public void Interrupt() => Engine.Interrupt();

    public CompletionResult Complete(string code, int cursorPosition) => _completion.Complete(code, cursorPosition);

    public InspectionResult Inspect(string code, int cursorPosition, int detailLevel) => _inspection.Inspect(code, cursorPosition, detailLevel);

    public Completeness IsComplete(string code) => CompletenessCheck.Check(code, Engine.ParseOptions);

    /// <summary>
    /// IPython's help syntax: a cell that is only <c>Name?</c>, <c>Name??</c> or <c>?Name</c> asks for the pager text
    /// of that name (<c>??</c> for more detail) instead of running. Null when the cell is ordinary code.
    /// </summary>
    public InspectionResult? HelpRequest(string code)
    {
        var match = HelpSyntax().Match(code);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["before"].Success ? match.Groups["before"].Value : match.Groups["after"].Value;
        var marks = match.Groups["q1"].Success ? match.Groups["q1"].Value : match.Groups["q2"].Value;
        return _inspection.InspectName(name, marks.Length - 1);
    }

    /// <summary>user_expressions: each expression's MIME bundle, or its error, in the execute_reply's shape.</summary>
    public async Task<JsonObject> EvaluateAsync(JsonObject expressions, CancellationToken cancellationToken = default)
    {
        var results = new JsonObject();
        foreach (var (name, node) in expressions)
        {
            var expression = node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? string.Empty;
            var result = await Engine.EvaluateAsync(expression, cancellationToken).ConfigureAwait(false);
            results[name] = result.Error is { } error
                ? new JsonObject
                {
                    ["status"] = "error",
                    ["ename"] = error.Name,
                    ["evalue"] = error.Value,
                    ["traceback"] = new JsonArray(error.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
                }
                : new JsonObject
                {
                    ["status"] = "ok",
                    ["data"] = NbformatOutputs.Bundle(result.Data!),
                    ["metadata"] = new JsonObject(),
                };
        }

        return results;
    }

    public void Dispose() => Engine.Dispose();

    [GeneratedRegex(@"^\s*(?:(?<q1>\?{1,2})(?<after>[A-Za-z_][\w.]*)|(?<before>[A-Za-z_][\w.]*)(?<q2>\?{1,2}))\s*$")]
    private static partial Regex HelpSyntax();
}
