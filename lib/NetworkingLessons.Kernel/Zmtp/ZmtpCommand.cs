using System.Buffers.Binary;
using System.Text;

namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>
/// A ZMTP command (RFC 37): a command frame whose body is a 1-byte name length, the name, then the
/// command's data. READY's data is a list of properties, each a 1-byte name length, the name, a
/// 4-byte big-endian value length and the value.
/// </summary>
public sealed record ZmtpCommand(string Name, byte[] Data)
{
    /// <summary>The property that names the sending socket's type.</summary>
    public const string SocketTypeProperty = "Socket-Type";

    /// <summary>The property that carries a ROUTER peer's chosen identity.</summary>
    public const string IdentityProperty = "Identity";

    /// <summary>The command as a frame.</summary>
    public ZmtpFrame ToFrame()
    {
        var name = Encoding.ASCII.GetBytes(Name);
        var body = new byte[1 + name.Length + Data.Length];
        body[0] = (byte)name.Length;
        name.CopyTo(body, 1);
        Data.CopyTo(body, 1 + name.Length);
        return new ZmtpFrame(body, IsCommand: true);
    }

    /// <summary>Reads a command from a command frame's body.</summary>
    /// <exception cref="ZmtpProtocolException">The name length runs past the body.</exception>
    public static ZmtpCommand Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0 || 1 + body[0] > body.Length)
        {
            throw new ZmtpProtocolException($"ZMTP command: a name of {(body.Length == 0 ? "no" : body[0].ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes does not fit a {body.Length}-byte body.");
        }
        return new ZmtpCommand(Encoding.ASCII.GetString(body.Slice(1, body[0])), body[(1 + body[0])..].ToArray());
    }

    /// <summary>A READY command with the given properties.</summary>
    public static ZmtpCommand Ready(IEnumerable<KeyValuePair<string, byte[]>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        using var data = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var (name, value) in properties)
        {
            var nameBytes = Encoding.ASCII.GetBytes(name);
            data.WriteByte((byte)nameBytes.Length);
            data.Write(nameBytes);
            BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
            data.Write(length);
            data.Write(value);
        }
        return new ZmtpCommand("READY", data.ToArray());
    }

    /// <summary>READY's properties, by name (exact casing, as libzmq compares them).</summary>
    /// <exception cref="ZmtpProtocolException">A name or value runs past the data; the offset is named.</exception>
    public IReadOnlyDictionary<string, byte[]> Properties()
    {
        var properties = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var offset = 0;
        while (offset < Data.Length)
        {
            var nameLength = Data[offset];
            if (offset + 1 + nameLength + 4 > Data.Length)
            {
                throw new ZmtpProtocolException($"ZMTP {Name}: the property at offset {offset} runs past the {Data.Length}-byte data.");
            }
            var name = Encoding.ASCII.GetString(Data, offset + 1, nameLength);
            offset += 1 + nameLength;
            var valueLength = BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(offset));
            offset += 4;
            if (valueLength > (uint)(Data.Length - offset))
            {
                throw new ZmtpProtocolException($"ZMTP {Name}: property {name}'s value of {valueLength} bytes runs past the data at offset {offset}.");
            }
            properties[name] = Data.AsSpan(offset, (int)valueLength).ToArray();
            offset += (int)valueLength;
        }
        return properties;
    }
}
