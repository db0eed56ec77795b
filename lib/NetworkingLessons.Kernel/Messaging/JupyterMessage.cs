using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetworkingLessons.Kernel.Messaging;

/// <summary>
/// One Jupyter message (messaging protocol 5.3): the routing identities before the
/// <c>&lt;IDS|MSG&gt;</c> delimiter, then header, parent header, metadata and content as JSON
/// objects, then any binary buffers. On the wire a signature sits between the delimiter and the header.
/// </summary>
public sealed record JupyterMessage(IReadOnlyList<byte[]> Identities, JsonObject Header, JsonObject ParentHeader, JsonObject Metadata,
    JsonObject Content, IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The frame that ends the identities.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    /// <summary>The protocol version this kernel speaks and puts in every header.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The header's <c>msg_type</c>, or "" when it has none.</summary>
    public string MessageType => Header["msg_type"] is JsonValue v && v.TryGetValue(out string? type) ? type : "";

    /// <summary>The header's <c>msg_id</c>, or "".</summary>
    public string MessageId => Header["msg_id"] is JsonValue v && v.TryGetValue(out string? id) ? id : "";

    /// <summary>The header's <c>session</c>, or "".</summary>
    public string Session => Header["session"] is JsonValue v && v.TryGetValue(out string? session) ? session : "";

    /// <summary>A new message of <paramref name="type"/> for session <paramref name="session"/>, in reply to (or caused by) <paramref name="parent"/>.</summary>
    public static JupyterMessage Create(string type, JsonObject content, string session, JupyterMessage? parent = null,
        IReadOnlyList<byte[]>? identities = null, JsonObject? metadata = null) =>
        new(identities ?? parent?.Identities ?? [],
            new JsonObject
            {
                ["msg_id"] = Guid.NewGuid().ToString("N"),
                ["session"] = session,
                ["username"] = "kernel",
                ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                ["msg_type"] = type,
                ["version"] = ProtocolVersion,
            },
            parent is null ? [] : (JsonObject)parent.Header.DeepClone(),
            metadata ?? [],
            content,
            []);

    /// <summary>The message's frames, signed with <paramref name="signer"/>.</summary>
    public List<byte[]> ToFrames(MessageSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var header = Json(Header);
        var parent = Json(ParentHeader);
        var metadata = Json(Metadata);
        var content = Json(Content);
        var frames = new List<byte[]>(Identities.Count + 6 + Buffers.Count);
        frames.AddRange(Identities);
        frames.Add(Delimiter);
        frames.Add(signer.Sign(header, parent, metadata, content));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(Buffers);
        return frames;
    }

    private static byte[] Json(JsonObject part) => Encoding.UTF8.GetBytes(part.ToJsonString());

    /// <summary>
    /// Reads a message from its frames. The signature is checked before any JSON is parsed, so an
    /// unsigned or forged message costs no parsing.
    /// </summary>
    /// <exception cref="JupyterWireException">No delimiter, too few frames, a bad signature, or a part that is not a JSON object.</exception>
    public static JupyterMessage Parse(IReadOnlyList<byte[]> frames, MessageSigner signer)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(signer);
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
            throw new JupyterWireException($"Jupyter message: none of its {frames.Count} frames is the <IDS|MSG> delimiter.");
        }
        if (frames.Count < delimiter + 6)
        {
            throw new JupyterWireException($"Jupyter message: {frames.Count - delimiter - 1} frames after the delimiter; a message has a signature, header, parent header, metadata and content.");
        }
        var (signature, header, parent, metadata, content) =
            (frames[delimiter + 1], frames[delimiter + 2], frames[delimiter + 3], frames[delimiter + 4], frames[delimiter + 5]);
        if (!signer.Verify(signature, header, parent, metadata, content))
        {
            throw new JupyterWireException($"Jupyter message: invalid signature \"{Printable(signature)}\".");
        }
        return new JupyterMessage([.. frames.Take(delimiter)], Object(header, "header"), Object(parent, "parent header"),
            Object(metadata, "metadata"), Object(content, "content"), [.. frames.Skip(delimiter + 6)]);
    }

    private static JsonObject Object(byte[] bytes, string part)
    {
        try
        {
            return JsonNode.Parse(bytes) as JsonObject ?? throw new JupyterWireException($"Jupyter message: the {part} is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new JupyterWireException($"Jupyter message: the {part} is not JSON ({ex.Message}).", ex);
        }
    }

    private static string Printable(byte[] bytes)
    {
        var text = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 80));
        return new string([.. text.Select(c => c is >= ' ' and <= '~' ? c : '?')]) + (bytes.Length > 80 ? "…" : "");
    }
}
