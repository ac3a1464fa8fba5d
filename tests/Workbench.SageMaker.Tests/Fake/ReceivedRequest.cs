using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Workbench.SageMaker.Tests.Fake;

/// <summary>A request as a fake received it: method, raw path and query (as sent, for the signature), lower-case headers, body.</summary>
public sealed record ReceivedRequest(string Method, string RawPath, string RawQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public static async Task<ReceivedRequest> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var question = raw.IndexOf('?');
        return new ReceivedRequest(
            context.Request.Method,
            question < 0 ? raw : raw[..question],
            question < 0 ? string.Empty : raw[(question + 1)..],
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value.ToArray()), StringComparer.Ordinal),
            buffer.ToArray());
    }
}
