using System.Security.Cryptography;

namespace Workbench.Tracking.Artifacts;

/// <summary>SHA-256 as lowercase hex, the spelling used in the store, manifests and fingerprints.</summary>
public static class Sha256Text
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string OfStream(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return OfStream(stream);
    }

    public static bool IsHash(string? text) =>
        text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public static string Require(string sha256) => IsHash(sha256)
        ? sha256
        : throw new ArgumentException($"'{sha256}' is not a sha256 (64 lowercase hex digits).", nameof(sha256));
}
