using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Hosting;

/// <summary>
/// A request body in one piece of memory, refusing it (413) as soon as it passes the limit: from Content-Length
/// before reading a byte, or while reading a chunked body; never after buffering more than the limit. A body Kestrel
/// already holds in one receive block is read where it lies; any other is gathered into a pooled buffer.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;
    private PipeReader? _heldReader;
    private SequencePosition _heldEnd;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Memory = buffer.AsMemory(0, length);
    }

    // Kestrel's own receive block, held (not consumed) until Dispose: no copy of the body.
    private RequestBody(PipeReader reader, ReadOnlySequence<byte> body)
    {
        _heldReader = reader;
        _heldEnd = body.End;
        Memory = body.First;
    }

    public int Length => Memory.Length;

    /// <summary>The body's bytes, valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Memory { get; private set; }

    /// <summary>
    /// The whole body: at once when Kestrel already holds all of it (the usual case for a small request; no timer is
    /// armed), else as it arrives, within <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="ServingException">413 when the declared or the received length passes <paramref name="limit"/>.</exception>
    /// <exception cref="OperationCanceledException">The timeout passed, or <paramref name="aborted"/> (the client went away).</exception>
    public static ValueTask<RequestBody> ReadAsync(HttpRequest request, long limit, TimeSpan timeout, CancellationToken aborted)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            throw ServingException.PayloadTooLarge(limit);
        }

        return TryReadBuffered(request, limit) is { } ready
            ? ValueTask.FromResult(ready)
            : new ValueTask<RequestBody>(ReadArrivingAsync(request, limit, timeout, aborted));
    }

    /// <summary>
    /// The body when Kestrel holds all of it (no waiting; no copy when it lies in one receive block); null when more is to
    /// come, with nothing consumed.
    /// </summary>
    private static RequestBody? TryReadBuffered(HttpRequest request, long limit)
    {
        var reader = request.BodyReader;
        if (!reader.TryRead(out var ready))
        {
            return null;
        }

        var buffer = ready.Buffer;
        if (!ready.IsCompleted || buffer.Length > limit)
        {
            // Left for ReadArrivingAsync, which reads it again from the start (and refuses an oversized body as it goes).
            reader.AdvanceTo(buffer.Start);
            return null;
        }

        if (buffer.IsSingleSegment)
        {
            return new RequestBody(reader, buffer);
        }

        var length = (int)buffer.Length;
        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(length, 256));
        buffer.CopyTo(copy);
        reader.AdvanceTo(buffer.End);
        return new RequestBody(copy, length);
    }

    private static async Task<RequestBody> ReadArrivingAsync(HttpRequest request, long limit, TimeSpan timeout, CancellationToken aborted)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        cancellation.CancelAfter(timeout);
        var initial = (int)Math.Min(request.ContentLength is { } known && known > 0 ? known : 16 * 1024, limit + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 256));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1024));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellation.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    throw ServingException.PayloadTooLarge(limit);
                }
            }

            return new RequestBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        Memory = default;
        if (Interlocked.Exchange(ref _heldReader, null) is { } reader)
        {
            reader.AdvanceTo(_heldEnd);
        }

        if (Interlocked.Exchange(ref _buffer, null) is { Length: > 0 } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
