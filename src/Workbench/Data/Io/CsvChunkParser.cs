using System.Runtime.CompilerServices;
using System.Text;

namespace Workbench.Data.Io;

/// <summary>What the reader knows about the columns while parsing chunks.</summary>
internal sealed record CsvLayout(
    string Source,
    IReadOnlyList<string> Names,
    IReadOnlyList<ColumnType?> Declared,
    CsvReadOptions Options)
{
    public int Width => Names.Count;
}

/// <summary>The rows of one chunk, column by column, and the rows that were skipped.</summary>
internal sealed class ChunkResult
{
    public required ChunkColumn[] Columns { get; init; }

    public int Rows { get; init; }

    /// <summary>Bytes of the chunk consumed (less than its length when a row limit stopped the parse).</summary>
    public int Consumed { get; init; }

    /// <summary>Physical lines consumed.</summary>
    public long Lines { get; init; }

    public required List<DataIssue> Issues { get; init; }

    /// <summary>Set when an inferred column met text and the chunk must be read again with it as text.</summary>
    public int NeedsTextColumn { get; init; } = -1;
}

/// <summary>Parses the rows of one chunk into typed <see cref="ChunkColumn"/>s.</summary>
internal static class CsvChunkParser
{
    /// <summary>Parses <paramref name="data"/>, whose first row is on <paramref name="firstLine"/>, reading text into the columns marked in <paramref name="forceText"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ChunkResult Parse(CsvLayout layout, ReadOnlySpan<byte> data, long firstLine, IReadOnlySet<int> forceText, long maxRows, bool atEnd)
    {
        var options = layout.Options;
        var capacity = (int)Math.Min(data.Count((byte)'\n') + 1L, Math.Max(maxRows, 0));
        var columns = new ChunkColumn[layout.Width];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new ChunkColumn(layout.Declared[c], forceText.Contains(c), options.InferDates, capacity);
        }

        var splitter = new CsvRowSplitter((byte)options.Separator, (byte)options.Quote);
        var issues = new List<DataIssue>();
        var missing = options.MissingValues;
        var rows = 0;
        var position = 0;
        var line = firstLine;
        while (position < data.Length && rows < maxRows)
        {
            var rowLine = line;
            if (!splitter.ReadRow(data, ref position, ref line))
            {
                continue;
            }

            if (splitter.Unterminated && atEnd)
            {
                Report(layout, issues, new DataIssue(layout.Source, rowLine, null, "a quoted field is never closed: a quote character is missing"));
                continue;
            }

            if (splitter.FieldCount != layout.Width)
            {
                Report(layout, issues, new DataIssue(layout.Source, rowLine, null,
                    $"{splitter.FieldCount} fields where the header has {layout.Width} (a ragged row; check for an unquoted separator in a value)"));
                continue;
            }

            var stored = true;
            for (var c = 0; c < columns.Length; c++)
            {
                var field = splitter.Field(data, c);
                var outcome = columns[c].Append(field, missing.IsMissing(field));
                if (outcome == ChunkColumn.Outcome.Stored)
                {
                    continue;
                }

                if (outcome == ChunkColumn.Outcome.NeedsText)
                {
                    return new ChunkResult { Columns = columns, Issues = issues, NeedsTextColumn = c };
                }

                for (var undo = 0; undo < c; undo++)
                {
                    columns[undo].Truncate(rows);
                }

                Report(layout, issues, new DataIssue(layout.Source, rowLine, layout.Names[c],
                    $"'{Shorten(field)}' is not {Describe(layout.Declared[c]!.Value)} (the column is declared {layout.Declared[c]!.Value.DisplayName()})"));
                stored = false;
                break;
            }

            if (stored)
            {
                rows++;
            }
        }

        return new ChunkResult { Columns = columns, Rows = rows, Consumed = position, Lines = line - firstLine, Issues = issues };
    }

    private static void Report(CsvLayout layout, List<DataIssue> issues, DataIssue issue)
    {
        if (layout.Options.OnMalformedRow == MalformedRowPolicy.Fail)
        {
            throw new DataFormatException(issue);
        }

        issues.Add(issue);
    }

    private static string Describe(ColumnType type) => type switch
    {
        ColumnType.Double or ColumnType.Single => "a number",
        ColumnType.Int64 => "a whole number",
        ColumnType.Boolean => "true or false",
        ColumnType.DateTime => "a date",
        _ => type.DisplayName(),
    };

    private static string Shorten(ReadOnlySpan<byte> field)
    {
        var text = Encoding.UTF8.GetString(field);
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
    }
}
