using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

namespace Workbench.Serving.Capture;

/// <summary>
/// Writes captured records in SageMaker's data-capture format, one JSON object per line:
/// <c>{"captureData": {"endpointInput": {observedContentType, mode, data, encoding}, "endpointOutput": {…}},
/// "eventMetadata": {eventId, inferenceId, inferenceTime}, "eventVersion": "0"}</c>, into
/// <c>Destination/endpoint/variant/yyyy/MM/dd/HH/mm-ss-fff-&lt;id&gt;.jsonl</c> (a new file each hour, as SageMaker rotates).
/// <para>
/// Requests only enqueue; a background task writes. Each batch of records is serialised whole and written with one
/// call, then flushed, so a file never holds half a record unless the process dies inside that write; a crash loses
/// at most the records still queued (bounded by <see cref="DataCaptureOptions.QueueCapacity"/>). Readers should skip
/// a last line that does not parse. When the queue is full, new records are dropped and counted
/// (<see cref="Dropped"/>) rather than slowing the endpoint.
/// </para>
/// </summary>
public sealed class DataCaptureWriter : IAsyncDisposable
{
    private readonly DataCaptureOptions _options;
    private readonly string _endpoint;
    private readonly Channel<CaptureRecord> _queue;
    private readonly Task _writer;
    private readonly Dictionary<string, (string Hour, FileStream Stream)> _files = new(StringComparer.Ordinal);
    private long _dropped;
    private long _written;

    public DataCaptureWriter(string endpoint, DataCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SamplingPercentage is < 0 or > 100 || double.IsNaN(options.SamplingPercentage))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"SamplingPercentage must be between 0 and 100, not {options.SamplingPercentage}.");
        }

        _options = options;
        _endpoint = Safe(endpoint);
        Directory.CreateDirectory(options.Destination);
        _queue = Channel.CreateBounded<CaptureRecord>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        _writer = Task.Run(WriteLoop);
    }

    /// <summary>The folder of this endpoint's captures.</summary>
    public string Root => Path.Combine(_options.Destination, _endpoint);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Whether to capture this request (the sampling percentage; by inference id when given, so retries agree).</summary>
    public bool Sample(string? inferenceId)
    {
        var percentage = _options.SamplingPercentage;
        if (percentage >= 100)
        {
            return true;
        }

        if (percentage <= 0)
        {
            return false;
        }

        var draw = inferenceId is null ? Random.Shared.NextDouble() : Routing.StableHash.Unit(inferenceId, salt: 0x5eed);
        return draw * 100 < percentage;
    }

    /// <summary>Queues a record; never blocks.</summary>
    public void Enqueue(CaptureRecord record)
    {
        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Stops taking records, writes what is queued, closes the files.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoop()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var byVariant = new Dictionary<string, List<CaptureRecord>>(StringComparer.Ordinal);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            byVariant.Clear();
            var taken = 0;
            while (taken < 1000 && _queue.Reader.TryRead(out var record))
            {
                taken++;
                var key = Safe(record.Variant) + "/" + record.InferenceTime.ToString("yyyy/MM/dd/HH", CultureInfo.InvariantCulture);
                if (!byVariant.TryGetValue(key, out var list))
                {
                    byVariant[key] = list = [];
                }

                list.Add(record);
            }

            foreach (var (key, records) in byVariant)
            {
                buffer.ResetWrittenCount();
                foreach (var record in records)
                {
                    Serialise(buffer, record);
                }

                try
                {
                    var stream = FileFor(key, records[0]);
                    stream.Write(buffer.WrittenSpan);
                    stream.Flush(_options.FlushToDisk);
                    Interlocked.Add(ref _written, records.Count);
                }
                catch (IOException)
                {
                    // A full or vanished disk must not stop the endpoint; the records are counted as dropped.
                    Interlocked.Add(ref _dropped, records.Count);
                }
            }
        }

        foreach (var (_, stream) in _files.Values)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private FileStream FileFor(string key, CaptureRecord first)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var variant = key[..slash];
        var hour = key[(slash + 1)..];
        if (_files.TryGetValue(variant, out var open) && open.Hour == hour)
        {
            return open.Stream;
        }

        open.Stream?.Dispose();
        var folder = Path.Combine(Root, variant, hour.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(folder);
        var name = first.InferenceTime.ToString("mm-ss-fff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N") + ".jsonl";
        var stream = new FileStream(Path.Combine(folder, name), FileMode.Append, FileAccess.Write, FileShare.Read, 1);
        _files[variant] = (hour, stream);
        return stream;
    }

    internal static void Serialise(IBufferWriter<byte> output, CaptureRecord record)
    {
        using (var json = new Utf8JsonWriter(output, Protocol.JsonText.Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("captureData");
            Payload(json, "endpointInput", "INPUT", record.InputContentType, record.Input.Span);
            Payload(json, "endpointOutput", "OUTPUT", record.OutputContentType, record.Output.Span);
            json.WriteEndObject();
            json.WriteStartObject("eventMetadata");
            json.WriteString("eventId", record.EventId);
            if (record.InferenceId is not null)
            {
                json.WriteString("inferenceId", record.InferenceId);
            }

            json.WriteString("inferenceTime", record.InferenceTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteString("eventVersion", "0");
            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    private static void Payload(Utf8JsonWriter json, string name, string mode, string contentType, ReadOnlySpan<byte> data)
    {
        json.WriteStartObject(name);
        json.WriteString("observedContentType", contentType);
        json.WriteString("mode", mode);
        var encoding = Encoding(contentType, data);
        if (encoding == "BASE64")
        {
            json.WriteBase64String("data", data);
        }
        else
        {
            json.WriteString("data", data);
        }

        json.WriteString("encoding", encoding);
        json.WriteEndObject();
    }

    // SageMaker writes CSV and JSON payloads as text and anything else (or text that is not UTF-8) as BASE64.
    private static string Encoding(string contentType, ReadOnlySpan<byte> data)
    {
        if (!System.Text.Unicode.Utf8.IsValid(data))
        {
            return "BASE64";
        }

        return contentType.Contains("csv", StringComparison.OrdinalIgnoreCase) ? "CSV"
            : contentType.Contains("json", StringComparison.OrdinalIgnoreCase) ? "JSON"
            : "BASE64";
    }

    private static string Safe(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        var text = new string(chars).Trim('.');
        return text.Length == 0 ? "default" : text;
    }
}
