using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workbench.SageMaker.Tests.Fake;

/// <summary>
/// Recomputes an AWS Signature Version 4 from the request as received, with the known test secret, and compares
/// it with the one sent. Written from the SigV4 specification, independently of AWSSDK.Core's signer, so a
/// signature the client computed wrongly (or a request altered after signing) is caught.
/// </summary>
/// <remarks>S3 differs from the other services in two ways handled here: its path is signed as sent (not encoded
/// twice), and a streamed body is signed chunk by chunk, so the canonical request carries the literal
/// <c>STREAMING-...</c> or <c>UNSIGNED-PAYLOAD</c> from <c>X-Amz-Content-SHA256</c>.</remarks>
public sealed class SigV4Verifier(string accessKey, string secretKey, string region, string service)
{
    private bool IsS3 => service == "s3";

    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Null when the signature is valid; otherwise what is wrong.</summary>
    public string? Verify(ReceivedRequest request, DateTimeOffset now)
    {
        if (!request.Headers.TryGetValue("authorization", out var authorization))
        {
            return "no Authorization header";
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return $"Authorization does not use {Algorithm}";
        }

        var parts = authorization[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaderList) || !parts.TryGetValue("Signature", out var signature))
        {
            return "Authorization lacks Credential, SignedHeaders or Signature";
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[0] != accessKey || scope[2] != region || scope[3] != service || scope[4] != "aws4_request")
        {
            return $"credential scope '{credential}' is not {accessKey}/<date>/{region}/{service}/aws4_request";
        }

        if (!request.Headers.TryGetValue("x-amz-date", out var amzDate)
            || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return "no valid X-Amz-Date";
        }

        if (scope[1] != amzDate[..8])
        {
            return $"scope date {scope[1]} differs from X-Amz-Date {amzDate}";
        }

        if ((now - signedAt).Duration() > TimeSpan.FromMinutes(15))
        {
            return $"X-Amz-Date {amzDate} is more than 15 minutes from now";
        }

        var signedHeaders = signedHeaderList.Split(';');
        foreach (var required in new[] { "host", "x-amz-date" }.Concat(request.Headers.ContainsKey("x-amz-security-token") ? ["x-amz-security-token"] : Array.Empty<string>()))
        {
            if (!signedHeaders.Contains(required))
            {
                return $"header {required} is not signed";
            }
        }

        var payloadHash = Hex(SHA256.HashData(request.Body));
        request.Headers.TryGetValue("x-amz-content-sha256", out var declared);
        if (IsS3 && declared is not null && (declared.StartsWith("STREAMING-", StringComparison.Ordinal) || declared == "UNSIGNED-PAYLOAD"))
        {
            payloadHash = declared;
        }
        else if (declared is not null && declared != payloadHash)
        {
            return $"X-Amz-Content-SHA256 {declared} does not match the body received ({payloadHash})";
        }

        var canonical = CanonicalRequest(request, signedHeaders, payloadHash, doubleEncodePath: !IsS3);
        if (canonical is null)
        {
            return "a signed header is missing from the request";
        }

        var expected = Sign(secretKey, amzDate, region, service, canonical);
        return expected == signature ? null : $"signature mismatch: expected {expected}, got {signature}";
    }

    public static string? CanonicalRequest(ReceivedRequest request, IReadOnlyList<string> signedHeaders, string payloadHash, bool doubleEncodePath = true)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(doubleEncodePath ? CanonicalPath(request.RawPath) : (request.RawPath.Length == 0 ? "/" : request.RawPath)).Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            if (!request.Headers.TryGetValue(name, out var value))
            {
                return null;
            }

            builder.Append(name).Append(':').Append(string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>The signature of a canonical request (the SigV4 key derivation and string to sign).</summary>
    public static string Sign(string secretKey, string amzDate, string region, string service, string canonicalRequest)
    {
        var stringToSign = $"{Algorithm}\n{amzDate}\n{amzDate[..8]}/{region}/{service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        return Hex(Hmac(SigningKey(secretKey, amzDate, region, service), stringToSign));
    }

    /// <summary>The derived key: HMAC chain over date, region, service and <c>aws4_request</c>.</summary>
    public static byte[] SigningKey(string secretKey, string amzDate, string region, string service)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), amzDate[..8]);
        key = Hmac(key, region);
        key = Hmac(key, service);
        return Hmac(key, "aws4_request");
    }

    /// <summary>The signature of one chunk of a streamed S3 upload, chained to the previous signature.</summary>
    public string ChunkSignature(string amzDate, string previousSignature, byte[] chunk)
    {
        var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{amzDate}\n{amzDate[..8]}/{region}/{service}/aws4_request\n{previousSignature}\n{Hex(SHA256.HashData([]))}\n{Hex(SHA256.HashData(chunk))}";
        return Hex(Hmac(SigningKey(secretKey, amzDate, region, service), stringToSign));
    }

    /// <summary>The signature of the trailing headers of a streamed S3 upload.</summary>
    public string TrailerSignature(string amzDate, string previousSignature, string trailerLines)
    {
        var stringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{amzDate}\n{amzDate[..8]}/{region}/{service}/aws4_request\n{previousSignature}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(trailerLines)))}";
        return Hex(Hmac(SigningKey(secretKey, amzDate, region, service), stringToSign));
    }

    // Services other than S3 sign the path with each segment URI-encoded once more (the raw path is already encoded once).
    private static string CanonicalPath(string rawPath)
    {
        if (string.IsNullOrEmpty(rawPath))
        {
            return "/";
        }

        return string.Join('/', rawPath.Split('/').Select(UriEncode));
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return string.Empty;
        }

        return string.Join('&', rawQuery.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => (Key: UriEncode(Uri.UnescapeDataString(p[0])), Value: UriEncode(Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty))))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }

    private static string UriEncode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
