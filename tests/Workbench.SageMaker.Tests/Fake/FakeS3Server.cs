using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Workbench.SageMaker.Tests.Fake;

/// <summary>
/// The part of S3 that model archives and data channels use, path-style on 127.0.0.1: PutObject (with
/// aws-chunked bodies, chunk and trailer signatures, and SHA-256 trailers all verified), multipart uploads,
/// GetObject (with checksum mode), HeadObject and ListObjectsV2. Every request's SigV4 signature is verified.
/// </summary>
public sealed class FakeS3Server : IAsyncDisposable
{
    private static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";

    private readonly SigV4Verifier _verifier;
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, byte[]>> _uploads = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    private LoopbackHost? _host;

    private FakeS3Server(string region)
    {
        _verifier = new SigV4Verifier(FakeAwsServer.AccessKey, FakeAwsServer.SecretKey, region, "s3");
    }

    public Uri Url => _host!.Url;

    /// <summary>Every request as method, path and status.</summary>
    public List<string> Log { get; } = [];

    public int MultipartUploadsCompleted { get; private set; }

    public static async Task<FakeS3Server> StartAsync(string region = "us-east-1", params string[] buckets)
    {
        var server = new FakeS3Server(region);
        foreach (var bucket in buckets)
        {
            server._buckets[bucket] = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
        }

        server._host = await LoopbackHost.StartAsync(server.HandleAsync);
        return server;
    }

    public byte[]? Object(string bucket, string key)
    {
        lock (_gate)
        {
            return _buckets.TryGetValue(bucket, out var objects) && objects.TryGetValue(key, out var stored) ? stored.Data : null;
        }
    }

    public IReadOnlyDictionary<string, string> Metadata(string bucket, string key)
    {
        lock (_gate)
        {
            return _buckets[bucket][key].Metadata;
        }
    }

    /// <summary>
    /// Flips a byte of a stored object. With <paramref name="serverAgrees"/> the store's own checksum and ETag are
    /// recomputed over the damaged bytes (as after a bad copy), so only the uploader's recorded SHA-256 can tell.
    /// </summary>
    public void Corrupt(string bucket, string key, bool serverAgrees)
    {
        lock (_gate)
        {
            var objects = _buckets[bucket];
            var stored = objects[key];
            stored.Data[0] ^= 0xFF;
            if (serverAgrees)
            {
                objects[key] = stored with { ETag = $"\"{Convert.ToHexStringLower(MD5.HashData(stored.Data))}\"" };
                objects[key].Sha256 = null;
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await ReceivedRequest.ReadAsync(context);
        context.Response.Headers["x-amz-request-id"] = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        try
        {
            var signatureError = _verifier.Verify(request, DateTimeOffset.UtcNow);
            if (signatureError is not null)
            {
                throw new S3Error(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", signatureError);
            }

            await RouteAsync(context, request);
        }
        catch (S3Error error)
        {
            context.Response.StatusCode = (int)error.Status;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync(new XElement("Error", new XElement("Code", error.Code), new XElement("Message", error.Message)).ToString());
        }

        lock (Log)
        {
            Log.Add($"{request.Method} {request.RawPath}?{request.RawQuery} -> {context.Response.StatusCode}");
        }
    }

    private async Task RouteAsync(HttpContext context, ReceivedRequest request)
    {
        var path = request.RawPath.TrimStart('/');
        var slash = path.IndexOf('/');
        var bucket = slash < 0 ? path : path[..slash];
        var key = slash < 0 ? string.Empty : Uri.UnescapeDataString(path[(slash + 1)..]);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.RawQuery);
        SortedDictionary<string, StoredObject> objects;
        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out objects!))
            {
                throw new S3Error(HttpStatusCode.NotFound, "NoSuchBucket", $"The specified bucket {bucket} does not exist.");
            }
        }

        switch (request.Method)
        {
            case "PUT" when query.ContainsKey("partNumber"):
                var part = DecodeBody(request);
                lock (_gate)
                {
                    _uploads[query["uploadId"]!][int.Parse(query["partNumber"]!, CultureInfo.InvariantCulture)] = part;
                }

                context.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(MD5.HashData(part))}\"";
                return;
            case "PUT":
                var data = DecodeBody(request);
                Store(objects, key, data, request, multipart: false);
                context.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(MD5.HashData(data))}\"";
                return;
            case "POST" when query.ContainsKey("uploads"):
                var uploadId = Guid.NewGuid().ToString("N");
                lock (_gate)
                {
                    _uploads[uploadId] = [];
                    _pendingHeaders[uploadId] = request;
                }

                await WriteXmlAsync(context, new XElement(S3 + "InitiateMultipartUploadResult",
                    new XElement(S3 + "Bucket", bucket), new XElement(S3 + "Key", key), new XElement(S3 + "UploadId", uploadId)));
                return;
            case "POST" when query.ContainsKey("uploadId"):
                await CompleteMultipartAsync(context, objects, bucket, key, query["uploadId"]!, request);
                return;
            case "DELETE" when query.ContainsKey("uploadId"):
                lock (_gate)
                {
                    _uploads.Remove(query["uploadId"]!);
                }

                context.Response.StatusCode = 204;
                return;
            case "GET" when key.Length == 0:
                await ListAsync(context, objects, bucket, query.TryGetValue("prefix", out var prefix) ? prefix.ToString() : string.Empty,
                    query.TryGetValue("continuation-token", out var token) ? int.Parse(token!, CultureInfo.InvariantCulture) : 0);
                return;
            case "GET" or "HEAD":
                StoredObject stored;
                lock (_gate)
                {
                    if (!objects.TryGetValue(key, out stored!))
                    {
                        throw new S3Error(HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist.");
                    }
                }

                context.Response.ContentType = stored.ContentType;
                context.Response.ContentLength = stored.Data.Length;
                context.Response.Headers.ETag = stored.ETag;
                context.Response.Headers.LastModified = stored.LastModified.ToString("R", CultureInfo.InvariantCulture);
                foreach (var (name, value) in stored.Metadata)
                {
                    context.Response.Headers[$"x-amz-meta-{name}"] = value;
                }

                if (request.Headers.TryGetValue("x-amz-checksum-mode", out var mode) && mode == "ENABLED" && stored.Sha256 is { } checksum)
                {
                    context.Response.Headers["x-amz-checksum-sha256"] = checksum;
                }

                if (request.Method == "GET")
                {
                    await context.Response.Body.WriteAsync(stored.Data);
                }

                return;
            default:
                throw new S3Error(HttpStatusCode.NotImplemented, "NotImplemented", $"The fake does not serve {request.Method} {request.RawPath}?{request.RawQuery}.");
        }
    }

    private readonly Dictionary<string, ReceivedRequest> _pendingHeaders = new(StringComparer.Ordinal);

    private async Task CompleteMultipartAsync(HttpContext context, SortedDictionary<string, StoredObject> objects, string bucket, string key, string uploadId, ReceivedRequest request)
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(request.Body));
        var numbers = document.Descendants().Where(e => e.Name.LocalName == "PartNumber").Select(e => int.Parse(e.Value, CultureInfo.InvariantCulture)).ToArray();
        byte[] data;
        ReceivedRequest initiation;
        lock (_gate)
        {
            var parts = _uploads[uploadId];
            if (!numbers.SequenceEqual(parts.Keys))
            {
                throw new S3Error(HttpStatusCode.BadRequest, "InvalidPart", $"Parts {string.Join(",", numbers)} do not match those uploaded ({string.Join(",", parts.Keys)}).");
            }

            data = parts.Values.SelectMany(p => p).ToArray();
            initiation = _pendingHeaders[uploadId];
            _uploads.Remove(uploadId);
            _pendingHeaders.Remove(uploadId);
            MultipartUploadsCompleted++;
        }

        Store(objects, key, data, initiation, multipart: true);
        await WriteXmlAsync(context, new XElement(S3 + "CompleteMultipartUploadResult",
            new XElement(S3 + "Bucket", bucket), new XElement(S3 + "Key", key), new XElement(S3 + "ETag", $"\"{Convert.ToHexStringLower(MD5.HashData(data))}-{numbers.Length}\"")));
    }

    private void Store(SortedDictionary<string, StoredObject> objects, string key, byte[] data, ReceivedRequest request, bool multipart)
    {
        var metadata = request.Headers.Where(h => h.Key.StartsWith("x-amz-meta-", StringComparison.Ordinal))
            .ToDictionary(h => h.Key["x-amz-meta-".Length..], h => h.Value, StringComparer.Ordinal);
        lock (_gate)
        {
            objects[key] = new StoredObject(
                data,
                request.Headers.TryGetValue("content-type", out var type) ? type : "binary/octet-stream",
                $"\"{Convert.ToHexStringLower(MD5.HashData(data))}\"",
                metadata,
                DateTimeOffset.UtcNow)
            {
                Sha256 = multipart ? null : Convert.ToBase64String(SHA256.HashData(data)),
            };
        }
    }

    private async Task ListAsync(HttpContext context, SortedDictionary<string, StoredObject> objects, string bucket, string prefix, int start)
    {
        const int pageSize = 2;
        KeyValuePair<string, StoredObject>[] matching;
        lock (_gate)
        {
            matching = objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        }

        var page = matching.Skip(start).Take(pageSize).ToArray();
        var truncated = start + pageSize < matching.Length;
        var result = new XElement(S3 + "ListBucketResult",
            new XElement(S3 + "Name", bucket),
            new XElement(S3 + "Prefix", prefix),
            new XElement(S3 + "KeyCount", page.Length),
            new XElement(S3 + "MaxKeys", pageSize),
            new XElement(S3 + "IsTruncated", truncated ? "true" : "false"),
            page.Select(o => new XElement(S3 + "Contents",
                new XElement(S3 + "Key", o.Key),
                new XElement(S3 + "LastModified", o.Value.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                new XElement(S3 + "ETag", o.Value.ETag),
                new XElement(S3 + "Size", o.Value.Data.Length),
                new XElement(S3 + "StorageClass", "STANDARD"))));
        if (truncated)
        {
            result.Add(new XElement(S3 + "NextContinuationToken", (start + pageSize).ToString(CultureInfo.InvariantCulture)));
        }

        await WriteXmlAsync(context, result);
    }

    // aws-chunked: "<hex size>;chunk-signature=<sig>\r\n<data>\r\n" ... "0;chunk-signature=<sig>\r\n" then trailers.
    private byte[] DecodeBody(ReceivedRequest request)
    {
        if (!request.Headers.TryGetValue("content-encoding", out var encoding) || !encoding.Contains("aws-chunked", StringComparison.Ordinal))
        {
            return request.Body;
        }

        var body = request.Body;
        var amzDate = request.Headers["x-amz-date"];
        var previous = request.Headers["authorization"].Split("Signature=")[1];
        var signed = request.Headers["x-amz-content-sha256"].StartsWith("STREAMING-AWS4-HMAC-SHA256", StringComparison.Ordinal);
        using var data = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = IndexOf(body, "\r\n"u8, position);
            var header = Encoding.ASCII.GetString(body, position, lineEnd - position);
            var size = int.Parse(header.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var chunk = body.AsSpan(lineEnd + 2, size).ToArray();
            if (signed)
            {
                var sent = header.Split("chunk-signature=")[1];
                var expected = _verifier.ChunkSignature(amzDate, previous, chunk);
                if (sent != expected)
                {
                    throw new S3Error(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", $"Chunk signature {sent} is not {expected}.");
                }

                previous = sent;
            }

            data.Write(chunk);
            position = lineEnd + 2 + size;
            if (size == 0)
            {
                break;
            }

            position += 2;
        }

        var trailers = Encoding.ASCII.GetString(body, position, body.Length - position)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var decoded = data.ToArray();
        if (request.Headers.TryGetValue("x-amz-decoded-content-length", out var declaredLength) && long.Parse(declaredLength, CultureInfo.InvariantCulture) != decoded.Length)
        {
            throw new S3Error(HttpStatusCode.BadRequest, "IncompleteBody", $"Decoded {decoded.Length} bytes, declared {declaredLength}.");
        }

        if (trailers.TryGetValue("x-amz-checksum-sha256", out var checksum) && checksum != Convert.ToBase64String(SHA256.HashData(decoded)))
        {
            throw new S3Error(HttpStatusCode.BadRequest, "BadDigest", "The SHA256 you specified did not match the calculated checksum.");
        }

        if (signed && trailers.TryGetValue("x-amz-trailer-signature", out var trailerSignature))
        {
            var lines = string.Concat(trailers.Where(t => t.Key != "x-amz-trailer-signature").Select(t => $"{t.Key}:{t.Value}\n"));
            if (trailerSignature != _verifier.TrailerSignature(amzDate, previous, lines))
            {
                throw new S3Error(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", "The trailer signature does not match.");
            }
        }

        return decoded;
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> value, int start)
    {
        var index = data.AsSpan(start).IndexOf(value);
        return index < 0 ? throw new S3Error(HttpStatusCode.BadRequest, "IncompleteBody", "A chunk header is not terminated.") : start + index;
    }

    private static async Task WriteXmlAsync(HttpContext context, XElement element)
    {
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(new XDeclaration("1.0", "UTF-8", null) + element.ToString(SaveOptions.DisableFormatting));
    }

    public ValueTask DisposeAsync() => _host?.DisposeAsync() ?? ValueTask.CompletedTask;

    private sealed record StoredObject(byte[] Data, string ContentType, string ETag, IReadOnlyDictionary<string, string> Metadata, DateTimeOffset LastModified)
    {
        public string? Sha256 { get; set; }
    }

    private sealed class S3Error(HttpStatusCode status, string code, string message) : Exception(message)
    {
        public HttpStatusCode Status { get; } = status;

        public string Code { get; } = code;
    }
}
