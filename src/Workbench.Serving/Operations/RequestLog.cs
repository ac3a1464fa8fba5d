using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Operations;

/// <summary>One request as logged: where it went and how it ended; never its payload, headers or keys.</summary>
public readonly record struct RequestLogEntry(
    DateTime Time, string Method, string Path, int Status, double Milliseconds, string? Variant, string? InferenceId,
    long BytesIn, long BytesOut, int Rows, string? Error);

/// <summary>
/// Structured request logs: one JSON object per line (time, method, path, status, latency, variant, inference id,
/// sizes, rows, error code) written by a background task so a slow sink never slows requests. Payloads, headers and
/// API keys are never written.
/// </summary>
public sealed class RequestLog : IAsyncDisposable
{
    private readonly TextWriter _sink;
    private readonly Channel<RequestLogEntry> _queue = Channel.CreateBounded<RequestLogEntry>(new BoundedChannelOptions(50_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Task _writer;

    public RequestLog(TextWriter sink)
    {
        _sink = sink;
        _writer = Task.Run(WriteLoop);
    }

    public void Write(in RequestLogEntry entry) => _queue.Writer.TryWrite(entry);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    internal static string Format(in RequestLogEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, JsonText.Options))
        {
            json.WriteStartObject();
            json.WriteString("time", entry.Time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("level", entry.Status >= 500 ? "error" : entry.Status >= 400 ? "warning" : "info");
            json.WriteString("method", entry.Method);
            json.WriteString("path", entry.Path);
            json.WriteNumber("status", entry.Status);
            json.WriteNumber("ms", Math.Round(entry.Milliseconds, 3));
            if (entry.Variant is not null)
            {
                json.WriteString("variant", entry.Variant);
            }

            if (entry.InferenceId is not null)
            {
                json.WriteString("inference_id", entry.InferenceId);
            }

            json.WriteNumber("bytes_in", entry.BytesIn);
            json.WriteNumber("bytes_out", entry.BytesOut);
            json.WriteNumber("rows", entry.Rows);
            if (entry.Error is not null)
            {
                json.WriteString("error", entry.Error);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private async Task WriteLoop()
    {
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var entry))
            {
                await _sink.WriteLineAsync(Format(entry)).ConfigureAwait(false);
            }

            await _sink.FlushAsync().ConfigureAwait(false);
        }
    }
}
