using System.Text.Json.Nodes;

namespace Workbench.Kernel.Protocol;

/// <summary>Creates the kernel's messages: headers with this kernel's session id, protocol version and a dated msg_id.</summary>
public sealed class MessageBuilder(string session)
{
    public const string ProtocolVersion = "5.3";

    public const string Username = "kernel";

    /// <summary>This kernel process's session id (every header it sends carries it).</summary>
    public string Session { get; } = session;

    /// <summary>A message replying to, or caused by, <paramref name="parent"/> (routed back to its identities).</summary>
    public JupyterMessage Create(string msgType, JsonObject content, JupyterMessage? parent, JsonObject? metadata = null) =>
        new(Header(msgType), parent is null ? [] : (JsonObject)parent.Header.DeepClone(), metadata ?? [], content)
        {
            Identities = parent?.Identities ?? [],
        };

    public JsonObject Header(string msgType) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString(),
        ["session"] = Session,
        ["username"] = Username,
        ["date"] = ProtocolDates.Now(),
        ["msg_type"] = msgType,
        ["version"] = ProtocolVersion,
    };
}
