namespace Workbench.Data.Io;

/// <summary>Reads a CSV file batch by batch (see <see cref="CsvReader.ReadBatches"/>).</summary>
internal sealed class CsvBatchReader(string source, Stream file, int batchRows, CsvReadOptions options, Action<DataIssue>? onSkipped)
{
    public IEnumerable<Frame> Read()
    {
        options.Validate();
        using var utf8 = TextDecoding.OpenUtf8(file, options.Encoding);
        var chunker = new CsvChunker(utf8, (byte)options.Quote, (byte)options.Separator, options.ChunkBytes);
        var chunk = chunker.Next();
        var layout = CsvHeader.Read(source, options, chunk, out var offset, out var line);
        var noForcing = new HashSet<int>();
        var first = true;
        try
        {
            var next = chunk is null ? null : chunker.Next();
            while (chunk is not null)
            {
                var columns = layout.Names.Select((n, i) => new ColumnAccumulator(n, layout.Declared[i], options, batchRows)).ToArray();
                var rows = 0;
                while (chunk is not null && rows < batchRows)
                {
                    var result = CsvReader.ParseChunk(layout, chunk.Data.Span[offset..], line, noForcing, batchRows - rows, atEnd: next is null);
                    for (var c = 0; c < columns.Length; c++)
                    {
                        columns[c].Append(result.Columns[c]);
                        if (columns[c].Conflict)
                        {
                            // Within a batch nothing can be read again: a column whose chunks disagree becomes text as read.
                            columns[c].AppendAsText(result.Columns[c]);
                        }
                    }

                    rows += result.Rows;
                    offset += result.Consumed;
                    line += result.Lines;
                    foreach (var issue in result.Issues)
                    {
                        onSkipped?.Invoke(issue);
                    }

                    if (offset >= chunk.Length)
                    {
                        chunk.Dispose();
                        chunk = next;
                        next = chunk is null ? null : chunker.Next();
                        offset = 0;
                    }
                }

                if (rows == 0 && chunk is null)
                {
                    break;
                }

                var frame = CsvReader.Build(columns, options.DegreeOfParallelism);
                if (first)
                {
                    layout = FixTypes(layout, frame);
                    first = false;
                }

                yield return frame;
            }
        }
        finally
        {
            chunk?.Dispose();
        }
    }

    /// <summary>Later batches keep the first batch's types (a column without any value yet stays inferred).</summary>
    private static CsvLayout FixTypes(CsvLayout layout, Frame frame)
    {
        var declared = layout.Declared.ToArray();
        for (var c = 0; c < declared.Length; c++)
        {
            var column = frame.Columns[c];
            if (declared[c] is null && column.ValidCount > 0)
            {
                declared[c] = column.Type;
            }
        }

        return layout with { Declared = declared };
    }
}
