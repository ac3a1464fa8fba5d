using System.Text.Json;

namespace Workbench.Serving.Capture;

/// <summary>One record read back from a capture folder, with where it came from.</summary>
public sealed record CapturedRecord(string Endpoint, string Variant, string File, int Line, JsonElement Record)
{
    public string InputData => Record.GetProperty("captureData").GetProperty("endpointInput").GetProperty("data").GetString()!;

    public string OutputData => Record.GetProperty("captureData").GetProperty("endpointOutput").GetProperty("data").GetString()!;

    public string? InferenceId => Record.GetProperty("eventMetadata").TryGetProperty("inferenceId", out var id) ? id.GetString() : null;

    public DateTime InferenceTime => Record.GetProperty("eventMetadata").GetProperty("inferenceTime").GetDateTime();
}

/// <summary>
/// Reads a data-capture folder (<c>endpoint/variant/yyyy/MM/dd/HH/*.jsonl</c>) back, oldest file first. A file's last
/// line that does not parse is what a crash mid-write leaves (see <see cref="DataCaptureWriter"/>): it is skipped and
/// counted in <see cref="SkippedPartialLines"/>; a bad line anywhere else is an error naming the file and line.
/// </summary>
public sealed class DataCaptureReader
{
    private DataCaptureReader(IReadOnlyList<CapturedRecord> records, int skipped)
    {
        Records = records;
        SkippedPartialLines = skipped;
    }

    public IReadOnlyList<CapturedRecord> Records { get; }

    public int SkippedPartialLines { get; }

    /// <exception cref="InvalidDataException">A line other than a file's last is not a capture record.</exception>
    public static DataCaptureReader Read(string root)
    {
        var full = Path.GetFullPath(root);
        var records = new List<CapturedRecord>();
        var skipped = 0;
        var files = Directory.Exists(full) ? Directory.GetFiles(full, "*.jsonl", SearchOption.AllDirectories) : [];
        // The root is the capture destination (endpoint/variant/yyyy/MM/dd/HH/file) or one endpoint's folder.
        foreach (var file in files.OrderBy(f => TimeKey(full, f), StringComparer.Ordinal))
        {
            var parts = Path.GetRelativePath(full, file).Split(Path.DirectorySeparatorChar);
            var endpoint = parts.Length >= 7 ? parts[^7] : string.Empty;
            var variant = parts.Length >= 6 ? parts[^6] : string.Empty;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                try
                {
                    using var document = JsonDocument.Parse(lines[i]);
                    if (!document.RootElement.TryGetProperty("captureData", out _))
                    {
                        throw new JsonException("no captureData");
                    }

                    records.Add(new CapturedRecord(endpoint, variant, file, i + 1, document.RootElement.Clone()));
                }
                catch (JsonException e)
                {
                    if (i == lines.Length - 1)
                    {
                        skipped++;
                        continue;
                    }

                    throw new InvalidDataException($"{file}, line {i + 1}: not a data-capture record ({e.Message}).", e);
                }
            }
        }

        return new DataCaptureReader(records, skipped);
    }

    /// <summary>yyyy/MM/dd/HH/mm-ss-fff-id: the hour folders and the file name sort as time.</summary>
    private static string TimeKey(string root, string file)
    {
        var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
        return parts.Length >= 5 ? string.Join('/', parts[^5..]) : file;
    }
}
