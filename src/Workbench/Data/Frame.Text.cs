using System.Text;

namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>A plain-text table: shape, the first and last rows (all when at most <paramref name="maxRows"/>), dtypes under the names.</summary>
    public string ToText(int maxRows = 10, int maxColumnWidth = 24)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        var rows = RowCount <= maxRows
            ? Range(0, RowCount)
            : [.. Range(0, (maxRows + 1) / 2), -1, .. Range(RowCount - (maxRows / 2), maxRows / 2)];
        var table = new List<string[]>
        {
            new[] { string.Empty }.Concat(_columns.Select(c => c.Name)).ToArray(),
            new[] { string.Empty }.Concat(_columns.Select(c => c.Type.DisplayName())).ToArray(),
        };
        foreach (var row in rows)
        {
            table.Add(row < 0
                ? Enumerable.Repeat("...", _columns.Count + 1).ToArray()
                : new[] { row.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(_columns.Select(c => Clip(c.Format(row) ?? "null", maxColumnWidth))).ToArray());
        }

        var widths = Enumerable.Range(0, _columns.Count + 1).Select(c => table.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Frame: {RowCount} rows x {ColumnCount} columns\n");
        foreach (var line in table)
        {
            for (var c = 0; c < line.Length; c++)
            {
                text.Append(c == 0 ? line[c].PadLeft(widths[c]) : "  " + line[c].PadLeft(widths[c]));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public override string ToString() => ToText();

    private static string Clip(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");
}
