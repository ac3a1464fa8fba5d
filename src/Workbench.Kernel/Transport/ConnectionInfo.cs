using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Kernel.Transport;

/// <summary>
/// A Jupyter connection file: where the five sockets bind and how messages are signed. The kernel manager writes it
/// and passes its path (<c>{connection_file}</c> in the kernelspec's argv).
/// </summary>
public sealed record ConnectionInfo
{
    [JsonPropertyName("transport")]
    public string Transport { get; init; } = "tcp";

    [JsonPropertyName("ip")]
    public string Ip { get; init; } = "127.0.0.1";

    [JsonPropertyName("shell_port")]
    public int ShellPort { get; init; }

    [JsonPropertyName("iopub_port")]
    public int IopubPort { get; init; }

    [JsonPropertyName("stdin_port")]
    public int StdinPort { get; init; }

    [JsonPropertyName("control_port")]
    public int ControlPort { get; init; }

    [JsonPropertyName("hb_port")]
    public int HeartbeatPort { get; init; }

    /// <summary>The HMAC key; empty means messages are not signed (the spec's behaviour). Never logged.</summary>
    [JsonPropertyName("key")]
    public string Key { get; init; } = string.Empty;

    [JsonPropertyName("signature_scheme")]
    public string SignatureScheme { get; init; } = "hmac-sha256";

    [JsonPropertyName("kernel_name")]
    public string? KernelName { get; init; }

    /// <summary>Reads and checks a connection file; errors name the file and the field.</summary>
    public static ConnectionInfo Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConnectionFileException(path, "the file does not exist.");
        }

        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path), new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowReadingFromString });
        }
        catch (JsonException e)
        {
            throw new ConnectionFileException(path, $"it is not valid JSON{(e.Path is { Length: > 1 } p ? $" at {p}" : string.Empty)}: {e.Message}");
        }

        if (info is null)
        {
            throw new ConnectionFileException(path, "it is empty (null).");
        }

        info.Validate(path);
        return info;
    }

    /// <summary>The endpoint of one channel: "tcp://127.0.0.1:5555", or "ipc://path-1" for the ipc transport.</summary>
    public string Endpoint(int port) => Transport == "ipc" ? $"ipc://{Ip}-{port}" : $"tcp://{Ip}:{port}";

    private void Validate(string path)
    {
        if (Transport is not ("tcp" or "ipc"))
        {
            throw new ConnectionFileException(path, $"field 'transport' is '{Transport}'; expected 'tcp' or 'ipc'.");
        }

        if (string.IsNullOrWhiteSpace(Ip))
        {
            throw new ConnectionFileException(path, "field 'ip' is empty.");
        }

        foreach (var (name, port) in new[] { ("shell_port", ShellPort), ("iopub_port", IopubPort), ("stdin_port", StdinPort), ("control_port", ControlPort), ("hb_port", HeartbeatPort) })
        {
            if (port is <= 0 or > 65535)
            {
                throw new ConnectionFileException(path, $"field '{name}' is {port}; expected a port between 1 and 65535.");
            }
        }

        if (Key.Length > 0 && SignatureScheme != "hmac-sha256")
        {
            throw new ConnectionFileException(path, $"field 'signature_scheme' is '{SignatureScheme}'; this kernel signs with 'hmac-sha256'.");
        }
    }
}

/// <summary>A connection file that cannot be used; the message names the file and the field.</summary>
public sealed class ConnectionFileException(string path, string problem)
    : Exception($"Connection file {path}: {problem}")
{
    public string FilePath { get; } = path;
}
