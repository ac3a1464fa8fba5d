using Workbench.Data.Io;

namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>Reads a CSV file (see <see cref="CsvReader"/> for types, missing values and malformed rows).</summary>
    public static Frame ReadCsv(string path, CsvReadOptions? options = null) => CsvReader.Read(path, options);

    /// <summary>Reads a JSON Lines file (see <see cref="JsonLinesReader"/>).</summary>
    public static Frame ReadJsonLines(string path, JsonLinesReadOptions? options = null) => JsonLinesReader.Read(path, options);

    /// <summary>Writes the frame as CSV, atomically.</summary>
    public void WriteCsv(string path, CsvWriteOptions? options = null) => CsvWriter.Write(this, path, options);

    /// <summary>Writes the frame as JSON Lines, atomically.</summary>
    public void WriteJsonLines(string path) => JsonLinesWriter.Write(this, path);
}
