using System.Text.RegularExpressions;

namespace Workbench.Kernel.Notebooks;

/// <summary>Removes ANSI escape sequences (colours, cursor moves, OSC links) from terminal text.</summary>
public static partial class AnsiText
{
    public static string Strip(string text) => Escape().Replace(text, string.Empty);

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex Escape();
}
