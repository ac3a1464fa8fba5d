using System.Text;
using System.Text.Json.Nodes;

namespace Workbench.Kernel.Notebooks;

/// <summary>nbformat's multiline strings: a string or a list of lines when read, a list of lines (Python's splitlines(True)) when written.</summary>
public static class MultilineText
{
    /// <summary>The text of a string-or-list node; null when the node is absent.</summary>
    public static string? Read(JsonNode? node) => node switch
    {
        null => null,
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? string.Empty)),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new NotebookFormatException($"expected a string or a list of strings, found {node.ToJsonString()}"),
    };

    /// <summary>A list node of <paramref name="text"/>'s lines, each keeping its line ending.</summary>
    public static JsonArray ToLines(string text) => new(SplitLines(text).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());

    /// <summary>Python's <c>str.splitlines(keepends=True)</c>: the same line boundaries nbformat writes.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsLineBreak(c))
            {
                continue;
            }

            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    /// <summary>Joins lines back (for callers holding a list).</summary>
    public static string Join(IEnumerable<string> lines) => new StringBuilder().AppendJoin(string.Empty, lines).ToString();
}
