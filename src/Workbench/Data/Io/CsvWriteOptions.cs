using System.Text;

namespace Workbench.Data.Io;

/// <summary>How <see cref="CsvWriter"/> writes a frame. Defaults: comma, header, UTF-8 without a byte-order mark, "\n" line ends, missing as an empty field.</summary>
public sealed record CsvWriteOptions
{
    public char Separator { get; init; } = ',';

    public char Quote { get; init; } = '"';

    public bool WriteHeader { get; init; } = true;

    /// <summary>What a missing value is written as (pandas' <c>na_rep</c>).</summary>
    public string MissingValue { get; init; } = string.Empty;

    /// <summary>Null: UTF-8 without a byte-order mark.</summary>
    public Encoding? Encoding { get; init; }

    public string NewLine { get; init; } = "\n";
}
