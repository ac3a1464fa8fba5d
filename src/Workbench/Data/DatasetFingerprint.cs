using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Workbench.Data;

/// <summary>
/// Content hashes that let a run say exactly which data it saw. Both are written <c>sha256:&lt;64 hex digits&gt;</c>.
/// </summary>
/// <remarks>
/// <para><b>A data file</b> (<see cref="OfFile"/>): SHA-256 of its bytes, the same digest as <c>sha256sum</c>.
/// It changes with any byte: reformatting, reordering columns, line endings.</para>
/// <para><b>A frame</b> (<see cref="Of"/>): a hash of its content and schema, independent of how it was stored
/// or read. Each column's digest is SHA-256 over the header <c>wb-column-v1\n</c>, the column's name and its type
/// name (<see cref="ColumnTypeNames.DisplayName"/>), each as a 4-byte little-endian UTF-8 length then the bytes,
/// and then every row's value in order: a missing value is the byte 0x00; a present one is 0x01 followed by
/// float64 as IEEE 754 binary64 little-endian (-0 written as 0, every NaN as 0x7FF8000000000000); float32 as binary32
/// likewise; int64 as 8 bytes little-endian; bool as one byte 0 or 1; datetime as its ticks (int64, kind ignored);
/// text and categorical labels as a 4-byte length then UTF-8 bytes. The frame's digest is SHA-256 over
/// <c>wb-frame-v1\n</c>, the row count (int64 LE), the column count (int32 LE) and the column digests in column order.</para>
/// <para>Because each column's values form one stream, how the rows were chunked does not matter: reading a file
/// whole or in batches (fed to a <see cref="FrameFingerprinter"/> in order) gives the same fingerprint. Renaming a
/// column, changing a type (int64 to float64, text to categorical), reordering rows or columns all change it.</para>
/// </remarks>
public static class DatasetFingerprint
{
    public const string Prefix = "sha256:";

    /// <summary>The content fingerprint of a frame.</summary>
    public static string Of(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var fingerprinter = new FrameFingerprinter();
        fingerprinter.Append(frame);
        return fingerprinter.Finish();
    }

    /// <summary>SHA-256 of a file's bytes; a missing file throws naming it.</summary>
    public static string OfFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"cannot fingerprint '{path}': the file does not exist.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Whether <paramref name="text"/> is in the <c>sha256:&lt;hex&gt;</c> form.</summary>
    public static bool IsValid(string? text) =>
        text is not null && text.StartsWith(Prefix, StringComparison.Ordinal) && text.Length == Prefix.Length + 64
        && text.AsSpan(Prefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;
}

/// <summary>Fingerprints a frame that arrives in batches (<see cref="Io.CsvReader.ReadBatches"/>): the result equals <see cref="DatasetFingerprint.Of"/> of all the rows at once.</summary>
public sealed class FrameFingerprinter
{
    private CanonicalWriter[]? _columns;
    private IReadOnlyList<(string Name, ColumnType Type)>? _schema;
    private long _rows;
    private bool _finished;

    /// <summary>Adds the next batch of rows; its columns must have the first batch's names and types.</summary>
    public void Append(Frame batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_schema is null)
        {
            _schema = batch.Schema;
            _columns = new CanonicalWriter[batch.ColumnCount];
            for (var c = 0; c < _columns.Length; c++)
            {
                _columns[c] = new CanonicalWriter();
                _columns[c].Raw("wb-column-v1\n"u8);
                WriteText(_columns[c], _schema[c].Name);
                WriteText(_columns[c], _schema[c].Type.DisplayName());
            }
        }
        else if (!batch.Schema.SequenceEqual(_schema))
        {
            throw new ArgumentException(
                $"this batch's columns ({Describe(batch.Schema)}) differ from the first batch's ({Describe(_schema)}).", nameof(batch));
        }

        Parallel.For(0, _columns!.Length, c => batch.Columns[c].WriteCanonical(_columns[c], 0, batch.RowCount));
        _rows += batch.RowCount;
    }

    /// <summary>The fingerprint of every row appended; the fingerprinter cannot be used afterwards.</summary>
    public string Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        using var frame = new CanonicalWriter();
        frame.Raw("wb-frame-v1\n"u8);
        Span<byte> counts = stackalloc byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(counts, _rows);
        BinaryPrimitives.WriteInt32LittleEndian(counts[8..], _columns?.Length ?? 0);
        frame.Raw(counts);
        foreach (var column in _columns ?? [])
        {
            frame.Raw(column.Finish());
            column.Dispose();
        }

        return DatasetFingerprint.Prefix + Convert.ToHexStringLower(frame.Finish());
    }

    private static void WriteText(CanonicalWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        writer.Raw(length);
        writer.Raw(bytes);
    }

    private static string Describe(IReadOnlyList<(string Name, ColumnType Type)> schema) =>
        string.Join(", ", schema.Select(s => $"{s.Name}: {s.Type.DisplayName()}"));
}
