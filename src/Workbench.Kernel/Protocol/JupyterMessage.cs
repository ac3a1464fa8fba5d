using System.Text.Json.Nodes;

namespace Workbench.Kernel.Protocol;

/// <summary>
/// One Jupyter message (messaging spec 5.3): the routing identities it came with, header, parent header, metadata,
/// content and binary buffers.
/// </summary>
public sealed class JupyterMessage
{
    public JupyterMessage(JsonObject header, JsonObject parentHeader, JsonObject metadata, JsonObject content)
    {
        Header = header;
        ParentHeader = parentHeader;
        Metadata = metadata;
        Content = content;
    }

    /// <summary>The ROUTER identities to reply to (empty on IOPub).</summary>
    public IReadOnlyList<byte[]> Identities { get; init; } = [];

    public JsonObject Header { get; }

    public JsonObject ParentHeader { get; }

    public JsonObject Metadata { get; }

    public JsonObject Content { get; }

    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    public string MsgType => Header["msg_type"]?.GetValue<string>() ?? string.Empty;

    public string MsgId => Header["msg_id"]?.GetValue<string>() ?? string.Empty;

    /// <summary>The client's session id (the header's session), used to route stdin and tell clients apart.</summary>
    public string Session => Header["session"]?.GetValue<string>() ?? string.Empty;

    public string? ContentString(string name) => Content[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public bool ContentBool(string name, bool fallback) => Content[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : fallback;

    public int? ContentInt(string name) => Content[name] is JsonValue value
        ? value.TryGetValue<int>(out var number) ? number : value.TryGetValue<double>(out var real) ? (int)real : null
        : null;

    public override string ToString() => $"{MsgType} {MsgId}";
}
