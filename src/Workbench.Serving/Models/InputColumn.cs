using System.Text;
using Workbench.Data;

namespace Workbench.Serving.Models;

/// <summary>
/// One column a request carries: its name, the type the feature pipeline (or model) was fitted on, and, for text
/// columns with a known vocabulary, the allowed values (so parsing a known label allocates nothing).
/// </summary>
public sealed class InputColumn
{
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>? _known;

    internal InputColumn(string name, ColumnType type, int index, IReadOnlyList<string>? knownValues)
    {
        Name = name;
        Type = type;
        Index = index;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        if (knownValues is { Count: > 0 })
        {
            var dictionary = knownValues.Distinct(StringComparer.Ordinal).ToDictionary(v => v, v => v, StringComparer.Ordinal);
            _known = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    public string Name { get; }

    public ColumnType Type { get; }

    /// <summary>The position in a CSV row without a header (the schema's column order).</summary>
    public int Index { get; }

    internal byte[] Utf8Name { get; }

    /// <summary>The shared string for a known label, without allocating; null when the label is not a known one.</summary>
    internal string? Known(ReadOnlySpan<char> text) => _known is { } lookup && lookup.TryGetValue(text, out _, out var value) ? value : null;

    public override string ToString() => $"{Name} ({Type.DisplayName()})";
}
