using System.Net;

namespace Workbench.Serving.Tests;

/// <summary>A CSV body sent in two parts: the first <c>head</c> bytes, then (once <c>release</c> completes) the rest, so the request is in flight meanwhile.</summary>
public sealed class HeldBackContent : HttpContent
{
    private readonly byte[] _body;
    private readonly int _head;
    private readonly Task _release;

    public HeldBackContent(byte[] body, int head, Task release)
    {
        _body = body;
        _head = head;
        _release = release;
        Headers.TryAddWithoutValidation("Content-Type", "text/csv");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_body.AsMemory(0, _head));
        await stream.FlushAsync();
        await _release;
        await stream.WriteAsync(_body.AsMemory(_head));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
