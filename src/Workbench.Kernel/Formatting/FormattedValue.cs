namespace Workbench.Kernel.Formatting;

/// <summary>A value rendered as a MIME bundle, with any formatter failures that were worked around.</summary>
/// <param name="Bundle">Always holds <c>text/plain</c>.</param>
/// <param name="Warnings">One line per formatter that threw or declined a requested MIME type; shown on stderr by the engine.</param>
public sealed record FormattedValue(MimeBundle Bundle, IReadOnlyList<string> Warnings);
