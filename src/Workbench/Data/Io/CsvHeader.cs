using System.Text;

namespace Workbench.Data.Io;

/// <summary>Reads the header row (or names a headerless file's columns) and checks the declared types against the names.</summary>
internal static class CsvHeader
{
    /// <summary>The layout, and where the data starts in the first chunk (offset and line).</summary>
    public static CsvLayout Read(string source, CsvReadOptions options, CsvChunker.Chunk? first, out int dataStart, out long dataLine)
    {
        dataStart = 0;
        dataLine = 1;
        List<string>? header = null;
        var width = -1;
        if (first is not null)
        {
            var data = first.Data.Span;
            var splitter = new CsvRowSplitter((byte)options.Separator, (byte)options.Quote);
            var position = 0;
            var line = 1L;
            while (position < data.Length)
            {
                var rowLine = line;
                var rowStart = position;
                if (!splitter.ReadRow(data, ref position, ref line))
                {
                    continue;
                }

                width = splitter.FieldCount;
                if (options.HasHeader)
                {
                    header = new List<string>(width);
                    for (var i = 0; i < width; i++)
                    {
                        header.Add(Encoding.UTF8.GetString(splitter.Field(data, i)));
                    }

                    dataStart = position;
                    dataLine = line;
                }
                else
                {
                    dataStart = rowStart;
                    dataLine = rowLine;
                }

                break;
            }
        }

        if (width < 0 && options.ColumnNames is null)
        {
            throw new DataFormatException($"{source} is empty: there is no header row and no data (pass ColumnNames to read an empty headerless file).");
        }

        IReadOnlyList<string> names;
        if (options.ColumnNames is { } given)
        {
            if (width >= 0 && given.Count != width)
            {
                throw new DataFormatException($"{source}: {given.Count} column names were given but the {(options.HasHeader ? "header" : "first row")} has {width} fields.");
            }

            names = given;
        }
        else
        {
            names = header ?? Enumerable.Range(0, width).Select(i => $"column_{i}").ToList();
        }

        names = Deduplicate(names);
        var declared = new ColumnType?[names.Count];
        foreach (var (name, type) in options.ColumnTypes)
        {
            var index = names.ToList().IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"ColumnTypes names a column of {source} that is not there: {EditDistance.MissingMessage("column", name, names.ToArray())}");
            }

            declared[index] = type;
        }

        return new CsvLayout(source, names, declared, options);
    }

    /// <summary>As pandas: empty names become <c>Unnamed: i</c>; a repeated name gets <c>.1</c>, <c>.2</c>, ...</summary>
    private static IReadOnlyList<string> Deduplicate(IReadOnlyList<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var name = string.IsNullOrEmpty(names[i]) ? $"Unnamed: {i}" : names[i];
            var candidate = name;
            for (var k = 1; !seen.Add(candidate); k++)
            {
                candidate = $"{name}.{k}";
            }

            result.Add(candidate);
        }

        return result;
    }
}
