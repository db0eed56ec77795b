using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetworkingLessons.Kernel.Messaging;

/// <summary>
/// A Jupyter connection file: where the kernel's five sockets listen and the key that signs
/// every message. The front end writes it and starts the kernel with its path.
/// </summary>
public sealed record ConnectionInfo(string Transport, IPAddress Ip, int ShellPort, int IopubPort, int StdinPort, int ControlPort,
    int HeartbeatPort, string Key, string SignatureScheme)
{
    /// <summary>The only signature scheme Jupyter uses today, and the only one this kernel accepts.</summary>
    public const string HmacSha256 = "hmac-sha256";

    /// <summary>Reads a connection file.</summary>
    /// <exception cref="FormatException">The file is not JSON, or a field is missing or has a bad value; the message names the file and the field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ConnectionInfo Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads a connection file's text; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="FormatException">Not JSON, or a field missing or bad.</exception>
    public static ConnectionInfo Parse(string json, string path = "<connection file>")
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException($"{path}: a connection file is a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: not JSON ({ex.Message}).", ex);
        }
        string Text(string field, string? fallback = null)
        {
            if (root[field] is JsonValue value && value.TryGetValue(out string? text))
            {
                return text;
            }
            return fallback ?? throw new FormatException($"{path}: \"{field}\" is missing or not a string.");
        }
        int Port(string field)
        {
            if (root[field] is JsonValue value && value.TryGetValue(out int port) && port is >= 0 and <= 65535)
            {
                return port;
            }
            throw new FormatException($"{path}: \"{field}\" is {root[field]?.ToJsonString() ?? "missing"}; expected a port number from 0 to 65535.");
        }
        var transport = Text("transport", "tcp");
        if (transport != "tcp")
        {
            throw new FormatException($"{path}: \"transport\" is \"{transport}\"; this kernel speaks tcp only.");
        }
        var ipText = Text("ip", "127.0.0.1");
        if (!IPAddress.TryParse(ipText, out var ip))
        {
            throw new FormatException($"{path}: \"ip\" is \"{ipText}\", not an IP address.");
        }
        var scheme = Text("signature_scheme", HmacSha256);
        if (scheme != HmacSha256)
        {
            throw new FormatException($"{path}: \"signature_scheme\" is \"{scheme}\"; this kernel signs with {HmacSha256} only.");
        }
        return new ConnectionInfo(transport, ip, Port("shell_port"), Port("iopub_port"), Port("stdin_port"), Port("control_port"),
            Port("hb_port"), Text("key", ""), scheme);
    }
}
