using Workbench.Data;

namespace Workbench.SageMaker.Container;

/// <summary>Reads a channel's files into one frame: CSV (<c>text/csv</c>) or JSON Lines, every file under the folder in name order.</summary>
internal static class ChannelData
{
    private static readonly string[] CsvExtensions = [".csv"];
    private static readonly string[] JsonLinesExtensions = [".jsonl", ".json", ".jsonlines"];

    public static (Frame Frame, IReadOnlyList<string> Files) Read(TrainingChannel channel)
    {
        if (!Directory.Exists(channel.Path))
        {
            throw new TrainingContainerException($"Channel '{channel.Name}': folder {channel.Path} does not exist.");
        }

        if (string.Equals(channel.CompressionType, "Gzip", StringComparison.OrdinalIgnoreCase))
        {
            throw new TrainingContainerException($"Channel '{channel.Name}': CompressionType Gzip is not supported by workbench train; upload uncompressed CSV or JSON Lines.");
        }

        var jsonLines = channel.ContentType is { } type && (type.Contains("jsonlines", StringComparison.OrdinalIgnoreCase) || type.Contains("json", StringComparison.OrdinalIgnoreCase));
        var extensions = jsonLines ? JsonLinesExtensions : channel.ContentType is null ? [.. CsvExtensions, .. JsonLinesExtensions] : CsvExtensions;
        var files = Directory.EnumerateFiles(channel.Path, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new TrainingContainerException(
                $"Channel '{channel.Name}': no {string.Join(" / ", extensions)} files under {channel.Path} (content type {channel.ContentType ?? "not set"}).");
        }

        var frames = new List<Frame>();
        foreach (var file in files)
        {
            try
            {
                var isJson = JsonLinesExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);
                frames.Add(isJson ? Frame.ReadJsonLines(file) : Frame.ReadCsv(file));
            }
            catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
            {
                throw new TrainingContainerException($"Channel '{channel.Name}': {file}: {e.Message}", e);
            }
        }

        try
        {
            return (frames.Count == 1 ? frames[0] : Frame.Concat(frames), files);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new TrainingContainerException($"Channel '{channel.Name}': its files do not share one set of columns ({e.Message}).", e);
        }
    }
}
