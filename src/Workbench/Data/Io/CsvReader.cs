using System.Text;

namespace Workbench.Data.Io;

/// <summary>
/// Reads CSV into a <see cref="Frame"/>: a span-based parser over UTF-8 bytes, chunks of whole rows parsed in
/// parallel, typed columns built without boxing, memory bounded by the frame plus a few chunks.
/// </summary>
/// <remarks>
/// <para><b>Types.</b> Each column is inferred from its values: <c>true</c>/<c>false</c> (any case) is bool;
/// whole numbers int64; other numbers float64 (int64 widens when a fraction appears); ISO 8601 dates
/// datetime; anything else text, which becomes categorical with at most <see cref="CsvReadOptions.MaxCategories"/>
/// distinct labels making up at most half the values. A column with no value at all is float64, as in pandas.
/// <see cref="CsvReadOptions.ColumnTypes"/> overrides inference per column; then a value that does not parse
/// makes the row malformed.</para>
/// <para><b>Missing values.</b> Fields equal to a token of <see cref="CsvReadOptions.MissingValues"/> (pandas'
/// list by default, including the empty field) are missing (null). "NaN" is therefore missing, not a NaN value.</para>
/// <para><b>Malformed rows</b> (a different number of fields than the header, a value that does not fit a declared
/// type, an unclosed quote) fail with a <see cref="DataFormatException"/> naming file, line and column, or are
/// skipped and listed in <see cref="DataReadResult.SkippedRows"/>. Blank lines are ignored, as pandas does.</para>
/// <para>Numbers are culture-invariant: the decimal point is '.', there are no thousands separators.</para>
/// </remarks>
public static class CsvReader
{
    /// <summary>Reads a CSV file.</summary>
    public static Frame Read(string path, CsvReadOptions? options = null) => ReadWithReport(path, options).Frame;

    /// <summary>Reads a CSV file and reports the rows skipped under <see cref="MalformedRowPolicy.Skip"/>.</summary>
    public static DataReadResult ReadWithReport(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"CSV file '{path}' does not exist (looked for {full}).", full);
        }

        return ReadCore(() => OpenFile(full), path, options ?? new CsvReadOptions(), canReopen: true, leaveOpen: false);
    }

    /// <summary>Reads CSV from a stream, named <paramref name="sourceName"/> in errors. The stream is left open.</summary>
    public static DataReadResult ReadWithReport(Stream stream, CsvReadOptions? options = null, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.CanSeek ? stream.Position : -1;
        return ReadCore(
            () =>
            {
                if (start >= 0)
                {
                    stream.Position = start;
                }

                return stream;
            },
            sourceName,
            options ?? new CsvReadOptions(),
            canReopen: stream.CanSeek,
            leaveOpen: true);
    }

    /// <summary>Reads CSV text (handy in tests and notebooks).</summary>
    public static Frame ReadText(string text, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return ReadWithReport(stream, options, "<text>").Frame;
    }

    /// <summary>
    /// Reads a large file in frames of <paramref name="batchRows"/> rows (the last may be shorter), holding only one
    /// batch at a time. The first batch's types are kept for the rest (columns still all missing stay inferred), so a
    /// later value that does not fit is a malformed row; skipped rows go to <paramref name="onSkipped"/>.
    /// </summary>
    public static IEnumerable<Frame> ReadBatches(string path, int batchRows, CsvReadOptions? options = null, Action<DataIssue>? onSkipped = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"CSV file '{path}' does not exist (looked for {full}).", full);
        }

        return new CsvBatchReader(path, OpenFile(full), batchRows, options ?? new CsvReadOptions(), onSkipped).Read();
    }

    internal static Stream OpenFile(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    private static DataReadResult ReadCore(Func<Stream> open, string source, CsvReadOptions options, bool canReopen, bool leaveOpen)
    {
        options.Validate();
        var forcedText = new HashSet<string>(StringComparer.Ordinal);
        var capacity = canReopen && (options.Encoding is null || options.Encoding.CodePage == Encoding.UTF8.CodePage) ? CountRows(open(), options.HasHeader, dispose: !leaveOpen) : 1024;
        if (options.MaxRows is { } maxRows)
        {
            capacity = (int)Math.Min(capacity, maxRows);
        }

        while (true)
        {
            using var utf8 = TextDecoding.OpenUtf8(open(), options.Encoding, leaveOpen);
            var chunker = new CsvChunker(utf8, (byte)options.Quote, (byte)options.Separator, options.ChunkBytes);
            var first = chunker.Next();
            var layout = CsvHeader.Read(source, options, first, out var dataStart, out var firstDataLine);
            var forced = layout.Names.Select((n, i) => (n, i)).Where(p => forcedText.Contains(p.n)).Select(p => p.i).ToHashSet();
            var columns = layout.Names.Select((n, i) => new ColumnAccumulator(n, layout.Declared[i], options, capacity)).ToArray();
            var issues = new List<DataIssue>();
            if (first is not null)
            {
                ParseAll(layout, chunker, first, dataStart, firstDataLine, forced, result =>
                {
                    issues.AddRange(result.Issues);
                    for (var c = 0; c < columns.Length; c++)
                    {
                        columns[c].Append(result.Columns[c]);
                        if (columns[c].Conflict && !canReopen)
                        {
                            columns[c].AppendAsText(result.Columns[c]);
                        }
                    }
                });
            }

            var conflicts = columns.Select((c, i) => (c, i)).Where(p => p.c.Conflict).Select(p => layout.Names[p.i]).ToArray();
            if (conflicts.Length > 0)
            {
                // A column read as numbers in some chunks met text in another: read the file again with it as text, keeping its exact text.
                forcedText.UnionWith(conflicts);
                continue;
            }

            var frame = first is null ? EmptyFrame(layout) : Build(columns, options.DegreeOfParallelism);
            return new DataReadResult(frame, issues);
        }
    }

    /// <summary>Parses every chunk (in parallel unless rows are limited) and hands the results over in file order.</summary>
    private static void ParseAll(CsvLayout layout, CsvChunker chunker, CsvChunker.Chunk first, int dataStart, long firstDataLine, IReadOnlySet<int> forced, Action<ChunkResult> consume)
    {
        var options = layout.Options;
        var degree = options.MaxRows is null ? options.DegreeOfParallelism ?? Environment.ProcessorCount : 1;
        var pending = new Queue<Task<ChunkResult>>();
        var line = firstDataLine;
        var remaining = options.MaxRows ?? long.MaxValue;
        var chunk = first;
        var start = dataStart;
        try
        {
            while (chunk is not null && remaining > 0)
            {
                var current = chunk;
                var offset = start;
                var firstLine = line;
                line += current.Data.Span[offset..].Count((byte)'\n');
                var next = chunker.Next();
                var atEnd = next is null;
                if (degree == 1)
                {
                    using (current)
                    {
                        var result = ParseChunk(layout, current.Data.Span[offset..], firstLine, forced, remaining, atEnd);
                        remaining -= result.Rows;
                        consume(result);
                    }
                }
                else
                {
                    while (pending.Count >= degree * 2)
                    {
                        consume(pending.Dequeue().GetAwaiter().GetResult());
                    }

                    pending.Enqueue(Task.Run(() =>
                    {
                        using (current)
                        {
                            return ParseChunk(layout, current.Data.Span[offset..], firstLine, forced, long.MaxValue, atEnd);
                        }
                    }));
                }

                chunk = next;
                start = 0;
            }

            while (pending.Count > 0)
            {
                consume(pending.Dequeue().GetAwaiter().GetResult());
            }
        }
        finally
        {
            chunk?.Dispose();
            foreach (var task in pending)
            {
                // Let the remaining parses finish (they give their buffers back) before the caller sees the error.
                try
                {
                    task.Wait();
                }
                catch (AggregateException)
                {
                }
            }
        }
    }

    /// <summary>
    /// An upper bound on the data rows of a UTF-8 file: its lines, less the header. Exact for the usual file
    /// (no blank lines, no newline inside a quoted field), so the columns are allocated once at their final size.
    /// </summary>
    private static int CountRows(Stream stream, bool header, bool dispose)
    {
        using (dispose ? stream : null)
        {
            var buffer = new byte[1 << 20];
            long newlines = 0;
            var last = (byte)'\n';
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                newlines += buffer.AsSpan(0, read).Count((byte)'\n');
                last = buffer[read - 1];
            }

            var lines = newlines + (last == (byte)'\n' ? 0 : 1);
            return (int)Math.Clamp(lines - (header ? 1 : 0), 0, Array.MaxLength);
        }
    }

    /// <summary>Parses one chunk, again with more columns as text when an inferred column met text.</summary>
    internal static ChunkResult ParseChunk(CsvLayout layout, ReadOnlySpan<byte> data, long firstLine, IReadOnlySet<int> forced, long maxRows, bool atEnd)
    {
        var local = forced;
        while (true)
        {
            var result = CsvChunkParser.Parse(layout, data, firstLine, local, maxRows, atEnd);
            if (result.NeedsTextColumn < 0)
            {
                return result;
            }

            local = new HashSet<int>(local) { result.NeedsTextColumn };
        }
    }

    internal static Frame Build(ColumnAccumulator[] columns, int? degree)
    {
        var built = new Column[columns.Length];
        Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = degree ?? Environment.ProcessorCount }, c => built[c] = columns[c].Build());
        var frame = Frame.Empty(columns.Length == 0 ? 0 : columns[0].Count);
        foreach (var column in built)
        {
            frame.Add(column);
        }

        return frame;
    }

    private static Frame EmptyFrame(CsvLayout layout)
    {
        var frame = Frame.Empty(0);
        for (var c = 0; c < layout.Width; c++)
        {
            var type = layout.Declared[c] ?? ColumnType.String;
            frame.Add(type switch
            {
                ColumnType.Double => new DoubleColumn(layout.Names[c], ReadOnlySpan<double>.Empty),
                ColumnType.Single => new SingleColumn(layout.Names[c], ReadOnlySpan<float>.Empty),
                ColumnType.Int64 => new Int64Column(layout.Names[c], ReadOnlySpan<long>.Empty),
                ColumnType.Boolean => new BooleanColumn(layout.Names[c], ReadOnlySpan<bool>.Empty),
                ColumnType.DateTime => new DateTimeColumn(layout.Names[c], ReadOnlySpan<DateTime>.Empty),
                ColumnType.Categorical => new CategoricalColumn(layout.Names[c], ReadOnlySpan<string?>.Empty),
                _ => new StringColumn(layout.Names[c], ReadOnlySpan<string?>.Empty),
            });
        }

        return frame;
    }
}
