using System.Text;

namespace Workbench.Data.Io;

/// <summary>How <see cref="JsonLinesReader"/> reads a file of one JSON object per line.</summary>
public sealed record JsonLinesReadOptions
{
    /// <summary>Null: UTF-8, or what a byte-order mark says.</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>Column types that override inference; a value that does not convert makes the row malformed.</summary>
    public IReadOnlyDictionary<string, ColumnType> ColumnTypes { get; init; } = new Dictionary<string, ColumnType>();

    public MalformedRowPolicy OnMalformedRow { get; init; } = MalformedRowPolicy.Fail;

    /// <summary>Whether string columns whose every value is an ISO 8601 date become datetime.</summary>
    public bool InferDates { get; init; } = true;

    /// <summary>Whether string columns with few distinct values become categorical (same rule as CSV).</summary>
    public bool InferCategoricals { get; init; } = true;

    public int MaxCategories { get; init; } = 1000;

    /// <summary>Read at most this many rows.</summary>
    public long? MaxRows { get; init; }
}
