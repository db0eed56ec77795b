using System.Buffers.Binary;

namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>
/// One ZMTP frame (RFC 37): a flags byte (bit 0 MORE, bit 1 LONG, bit 2 COMMAND; the rest zero),
/// the body's size in 1 byte, or 8 big-endian bytes when LONG is set, then the body.
/// </summary>
/// <param name="Body">The frame's bytes.</param>
/// <param name="More">True when another frame of the same message follows.</param>
/// <param name="IsCommand">True for a command frame (READY, SUBSCRIBE, PING…) rather than message data.</param>
public readonly record struct ZmtpFrame(byte[] Body, bool More = false, bool IsCommand = false)
{
    /// <summary>The largest body a short frame carries; longer bodies take the 8-byte size, as libzmq sends them.</summary>
    public const int MaxShortBody = 255;

    /// <summary>Bytes this frame takes on the wire.</summary>
    public int EncodedLength => HeaderLength(Body.Length) + Body.Length;

    private static int HeaderLength(int bodyLength) => bodyLength > MaxShortBody ? 9 : 2;

    /// <summary>Writes the frame into <paramref name="destination"/> and returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="EncodedLength"/>.</exception>
    public int WriteTo(Span<byte> destination)
    {
        if (destination.Length < EncodedLength)
        {
            throw new ArgumentException($"The frame needs {EncodedLength} bytes; the destination has {destination.Length}.", nameof(destination));
        }
        var flags = (byte)((More ? ZmtpFlags.More : 0) | (IsCommand ? ZmtpFlags.Command : 0));
        int header;
        if (Body.Length > MaxShortBody)
        {
            destination[0] = (byte)(flags | ZmtpFlags.Long);
            BinaryPrimitives.WriteUInt64BigEndian(destination[1..], (ulong)Body.Length);
            header = 9;
        }
        else
        {
            destination[0] = flags;
            destination[1] = (byte)Body.Length;
            header = 2;
        }
        Body.CopyTo(destination[header..]);
        return header + Body.Length;
    }

    /// <summary>Encodes a multipart message: MORE on every frame but the last.</summary>
    public static byte[] EncodeMessage(IReadOnlyList<byte[]> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("A ZMTP message has at least one frame.", nameof(parts));
        }
        var length = 0;
        foreach (var part in parts)
        {
            length += HeaderLength(part.Length) + part.Length;
        }
        var bytes = new byte[length];
        var offset = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            offset += new ZmtpFrame(parts[i], More: i < parts.Count - 1).WriteTo(bytes.AsSpan(offset));
        }
        return bytes;
    }

    /// <summary>
    /// Reads one frame. The declared size is checked against <paramref name="maxBody"/> before
    /// anything is allocated for it.
    /// </summary>
    /// <returns>The frame, or null when the stream ended cleanly before its first byte.</returns>
    /// <exception cref="ZmtpProtocolException">Reserved flag bits set, a size over the cap, or the stream ending inside the frame.</exception>
    public static async ValueTask<ZmtpFrame?> ReadAsync(Stream stream, long maxBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[8];
        if (await stream.ReadAsync(header.AsMemory(0, 1), cancellationToken) == 0)
        {
            return null;
        }
        var flags = header[0];
        if ((flags & ZmtpFlags.Reserved) != 0)
        {
            throw new ZmtpProtocolException($"ZMTP frame: flags byte 0x{flags:X2} sets reserved bits 3-7.");
        }
        long size;
        try
        {
            if ((flags & ZmtpFlags.Long) != 0)
            {
                await stream.ReadExactlyAsync(header.AsMemory(0, 8), cancellationToken);
                var declared = BinaryPrimitives.ReadUInt64BigEndian(header);
                size = declared > long.MaxValue ? long.MaxValue : (long)declared;
            }
            else
            {
                await stream.ReadExactlyAsync(header.AsMemory(0, 1), cancellationToken);
                size = header[0];
            }
            if (size > maxBody)
            {
                throw new ZmtpProtocolException($"ZMTP frame: size {size} is over this socket's cap of {maxBody} bytes.");
            }
            var body = new byte[size];
            await stream.ReadExactlyAsync(body, cancellationToken);
            return new ZmtpFrame(body, (flags & ZmtpFlags.More) != 0, (flags & ZmtpFlags.Command) != 0);
        }
        catch (EndOfStreamException ex)
        {
            throw new ZmtpProtocolException("ZMTP frame: the connection ended inside a frame.", ex);
        }
    }
}
