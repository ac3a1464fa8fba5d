using System.Text;

namespace Workbench.Data.Io;

/// <summary>How <see cref="CsvReader"/> reads a file. The defaults read a comma-separated UTF-8 file with a header the way pandas' <c>read_csv</c> does.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The field separator: <c>','</c>, <c>';'</c>, <c>'\t'</c>, <c>'|'</c>, ... (ASCII).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>The quote character (RFC 4180: a quoted field may hold separators, newlines and doubled quotes).</summary>
    public char Quote { get; init; } = '"';

    /// <summary>Whether the first row holds the column names.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Names for the columns: required to name a headerless file's columns (otherwise <c>column_0</c>, <c>column_1</c>, ...); with a header, they replace it.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>
    /// The text encoding. Null: UTF-8, or what a byte-order mark says (UTF-8, UTF-16 LE / BE, UTF-32).
    /// Anything else (Latin-1: <c>Encoding.Latin1</c>, UTF-16 without a mark) is converted to UTF-8 while reading.
    /// </summary>
    public Encoding? Encoding { get; init; }

    /// <summary>Field texts read as missing (default: pandas' list, including the empty field).</summary>
    public MissingValueTokens MissingValues { get; init; } = MissingValueTokens.Default;

    /// <summary>
    /// Column types that override inference, by column name. A value that does not parse as its declared type
    /// makes the row malformed (see <see cref="OnMalformedRow"/>). Unnamed columns are inferred.
    /// </summary>
    public IReadOnlyDictionary<string, ColumnType> ColumnTypes { get; init; } = new Dictionary<string, ColumnType>();

    /// <summary>What to do with a ragged row or an unparsable value in a declared column.</summary>
    public MalformedRowPolicy OnMalformedRow { get; init; } = MalformedRowPolicy.Fail;

    /// <summary>Whether inferred text columns with few distinct values become categorical (far less memory, faster grouping).</summary>
    public bool InferCategoricals { get; init; } = true;

    /// <summary>An inferred text column becomes categorical when it has at most this many distinct values and they are at most half its values.</summary>
    public int MaxCategories { get; init; } = 1000;

    /// <summary>Whether ISO 8601 dates (<c>2024-01-31</c>, <c>2024-01-31T08:15:00</c>) are inferred as datetime.</summary>
    public bool InferDates { get; init; } = true;

    /// <summary>Read at most this many data rows.</summary>
    public long? MaxRows { get; init; }

    /// <summary>Threads that parse chunks of the file in parallel (null: one per processor; 1: on the calling thread).</summary>
    public int? DegreeOfParallelism { get; init; }

    /// <summary>Bytes per chunk handed to a parser thread; also the unit of memory the reader holds per thread.</summary>
    public int ChunkBytes { get; init; } = 1 << 20;

    internal void Validate()
    {
        if (Separator > 127 || Quote > 127 || Separator == Quote || Separator is '\n' or '\r' || Quote is '\n' or '\r')
        {
            throw new ArgumentException($"separator '{Separator}' and quote '{Quote}' must be different ASCII characters other than newline.");
        }

        if (MaxCategories < 1 || ChunkBytes < 1024 || DegreeOfParallelism is < 1 || MaxRows is < 0)
        {
            throw new ArgumentException("MaxCategories and DegreeOfParallelism must be at least 1, ChunkBytes at least 1024, MaxRows not negative.");
        }
    }
}
