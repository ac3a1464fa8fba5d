namespace Workbench.Kernel.Magics;

/// <summary>A cell split into its magics and its body.</summary>
/// <param name="Magics">The magics from the top of the cell, in order.</param>
/// <param name="Language">The cell's kernel: from the notebook's metadata, else a leading <c>#!csharp</c> / <c>#!markdown</c> / <c>#!html</c> / other.</param>
/// <param name="Body">
/// For C#: the cell's text with each magic line blanked to spaces, so positions and line numbers are the cell's own.
/// For other languages: the text after the kernel line.
/// </param>
/// <param name="Errors">Malformed or unknown magics, with their 1-based line.</param>
public sealed record ParsedCell(IReadOnlyList<Magic> Magics, string Language, string Body, IReadOnlyList<MagicError> Errors)
{
    public bool IsCSharp => Language is "csharp";
}

/// <summary>A magic that cannot be run, and why.</summary>
public sealed record MagicError(int Line, string Message);
