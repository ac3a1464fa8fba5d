using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Kernel.Protocol;

/// <summary>
/// Messages to and from frames: <c>[identities..., "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata,
/// content, buffers...]</c>. Received messages are verified over the frames as they arrived, never re-serialised.
/// </summary>
public sealed class WireFormat(MessageSigner signer)
{
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public MessageSigner Signer { get; } = signer;

    /// <summary>Frames for <paramref name="message"/>, signed, addressed to its identities (or an IOPub topic).</summary>
    public List<byte[]> Serialize(JupyterMessage message, IReadOnlyList<byte[]>? routing = null)
    {
        var header = Json(message.Header);
        var parent = Json(message.ParentHeader);
        var metadata = Json(message.Metadata);
        var content = Json(message.Content);
        var frames = new List<byte[]>((routing ?? message.Identities).Count + 6 + message.Buffers.Count);
        frames.AddRange(routing ?? message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(Signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>Parses and verifies received frames; throws <see cref="RejectedMessageException"/> saying why a message is dropped.</summary>
    public JupyterMessage Parse(IReadOnlyList<byte[]> frames)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                delimiter = i;
                break;
            }
        }

        if (delimiter < 0)
        {
            throw new RejectedMessageException("no <IDS|MSG> delimiter frame");
        }

        if (frames.Count < delimiter + 6)
        {
            throw new RejectedMessageException($"{frames.Count - delimiter - 1} frames after the delimiter; expected at least 5 (signature, header, parent_header, metadata, content)");
        }

        var signature = frames[delimiter + 1];
        var header = frames[delimiter + 2];
        var parent = frames[delimiter + 3];
        var metadata = frames[delimiter + 4];
        var content = frames[delimiter + 5];
        if (Signer.Verify(signature, header, parent, metadata, content) is { } problem)
        {
            throw new RejectedMessageException(problem);
        }

        return new JupyterMessage(Object(header, "header"), Object(parent, "parent_header"), Object(metadata, "metadata"), Object(content, "content"))
        {
            Identities = frames.Take(delimiter).ToArray(),
            Buffers = frames.Skip(delimiter + 6).ToArray(),
        };
    }

    private static byte[] Json(JsonObject node) => JsonSerializer.SerializeToUtf8Bytes(node, Compact);

    private static JsonObject Object(byte[] frame, string name)
    {
        try
        {
            return JsonNode.Parse(frame) as JsonObject ?? throw new RejectedMessageException($"{name} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new RejectedMessageException($"{name} is not valid JSON: {e.Message}");
        }
    }
}

/// <summary>A received message that is dropped unexecuted: unsigned, forged, replayed or malformed.</summary>
public sealed class RejectedMessageException(string reason) : Exception(reason);
