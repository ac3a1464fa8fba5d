namespace Workbench.Kernel.Execution;

/// <summary>A variable the cells have declared (the latest declaration of each name).</summary>
public sealed record ScriptVariableInfo(string Name, Type Type, object? Value);

/// <summary>
/// A cell's code compiled as the next submission, without running it: what completion, hover and inspection
/// (the kernel's complete_request / inspect_request) need. Positions in <see cref="Tree"/> are the cell's own
/// (magic lines are blanked to spaces, never removed).
/// </summary>
public sealed record CellAnalysis(
    Microsoft.CodeAnalysis.Compilation Compilation,
    Microsoft.CodeAnalysis.SyntaxTree Tree,
    Microsoft.CodeAnalysis.SemanticModel SemanticModel,
    Magics.ParsedCell Cell);
