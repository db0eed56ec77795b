using System.Buffers.Binary;

namespace NetworkingLessons.Framing;

/// <summary>
/// A binary length prefix: the message's length as a 4-byte big-endian unsigned number (network
/// byte order, lesson 04), then the message. Compact and fast to parse; a prefix over the limit
/// (which includes every prefix with the top bit set, were it read as signed) is refused before
/// anything is allocated.
/// </summary>
public sealed class LengthPrefixFramer(int maxFrameBytes = Framer.DefaultMaxFrameBytes) : Framer(maxFrameBytes)
{
    /// <summary>The prefix's size in bytes.</summary>
    public const int PrefixBytes = 4;

    /// <inheritdoc/>
    public override string Name => "4-byte big-endian length prefix";

    /// <inheritdoc/>
    public override byte[] Encode(ReadOnlySpan<byte> message)
    {
        CheckSize(message.Length, "A message");
        var frame = new byte[PrefixBytes + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)message.Length);
        message.CopyTo(frame.AsSpan(PrefixBytes));
        return frame;
    }

    private protected override async Task<byte[]?> ReadAsync(FrameReader reader)
    {
        reader.StartFrame();
        if (await reader.AtEndAsync())
        {
            return null;
        }
        var prefix = new byte[PrefixBytes];
        var got = await reader.ReadExactlyAsync(prefix);
        if (got < PrefixBytes)
        {
            throw new EndOfStreamException($"The stream ended after {got} of the prefix's {PrefixBytes} bytes.");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        CheckSize(length, "A prefix announcing a message");
        var message = new byte[length];
        var body = await reader.ReadExactlyAsync(message);
        return body == length ? message
            : throw new EndOfStreamException($"The stream ended after {body:N0} of the {length:N0} bytes the prefix announced: {length - body:N0} missing.");
    }
}
