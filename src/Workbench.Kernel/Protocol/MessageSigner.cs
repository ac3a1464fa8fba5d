using System.Security.Cryptography;

namespace Workbench.Kernel.Protocol;

/// <summary>
/// HMAC-SHA256 signatures over header, parent header, metadata and content, as lowercase hex (messaging spec,
/// "The Wire Protocol"). An empty key disables signing, as the spec says. Verification is over the frames exactly as
/// received and in constant time, and rejects a signature already seen in this session (a replayed message).
/// </summary>
public sealed class MessageSigner
{
    /// <summary>jupyter_client's Session keeps 2^16 digests; we keep more, and forget the oldest half when full.</summary>
    private const int MaxRemembered = 1 << 20;

    private readonly byte[] _key;
    private readonly HashSet<UInt128> _seen = [];
    private readonly Queue<UInt128> _order = new();
    private readonly object _gate = new();

    public MessageSigner(string key)
    {
        _key = System.Text.Encoding.UTF8.GetBytes(key);
    }

    public bool Enabled => _key.Length > 0;

    /// <summary>The signature of four frames, lowercase hex; empty when signing is disabled.</summary>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled)
        {
            return string.Empty;
        }

        return Convert.ToHexStringLower(Digest(header, parentHeader, metadata, content));
    }

    /// <summary>Checks a received signature; null when it is good, else why the message must be dropped.</summary>
    public string? Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled)
        {
            return null;
        }

        if (signature.Length == 0)
        {
            return "unsigned message";
        }

        Span<byte> received = stackalloc byte[32];
        if (signature.Length != 64 || !TryParseHex(signature, received))
        {
            return "malformed signature";
        }

        var expected = Digest(header, parentHeader, metadata, content);
        if (!CryptographicOperations.FixedTimeEquals(expected, received))
        {
            return "invalid signature";
        }

        var id = new UInt128(BitConverter.ToUInt64(expected, 0), BitConverter.ToUInt64(expected, 8));
        lock (_gate)
        {
            if (!_seen.Add(id))
            {
                return "replayed message (its signature was already used in this session)";
            }

            _order.Enqueue(id);
            if (_order.Count > MaxRemembered)
            {
                for (var i = 0; i < MaxRemembered / 2; i++)
                {
                    _seen.Remove(_order.Dequeue());
                }
            }
        }

        return null;
    }

    private byte[] Digest(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return hmac.GetHashAndReset();
    }

    private static bool TryParseHex(ReadOnlySpan<byte> hex, Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var high = Nibble(hex[2 * i]);
            var low = Nibble(hex[(2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return false;
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
