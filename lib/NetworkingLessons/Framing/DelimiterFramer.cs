namespace NetworkingLessons.Framing;

/// <summary>
/// Messages separated by a delimiter byte (a newline by default), as line-based protocols do
/// (SMTP, Redis's inline commands, JSON Lines). The message may not contain the delimiter. A
/// message with no delimiter yet is read until the limit, then refused.
/// </summary>
public sealed class DelimiterFramer(byte delimiter = (byte)'\n', int maxFrameBytes = Framer.DefaultMaxFrameBytes) : Framer(maxFrameBytes)
{
    /// <summary>The byte that ends each message.</summary>
    public byte Delimiter { get; } = delimiter;

    /// <inheritdoc/>
    public override string Name => Delimiter == '\n' ? "newline-delimited" : $"delimited by 0x{Delimiter:X2}";

    /// <inheritdoc/>
    public override byte[] Encode(ReadOnlySpan<byte> message)
    {
        CheckSize(message.Length, "A message");
        if (message.IndexOf(Delimiter) is var at and >= 0)
        {
            throw new FramingException($"The message holds the delimiter 0x{Delimiter:X2} at byte {at:N0}: the receiver would cut it there.");
        }
        return [.. message, Delimiter];
    }

    private protected override async Task<byte[]?> ReadAsync(FrameReader reader)
    {
        reader.StartFrame();
        var message = new MemoryStream();
        while (true)
        {
            var b = await reader.ReadByteAsync();
            if (b < 0)
            {
                return message.Length == 0 ? null
                    : throw new EndOfStreamException($"The stream ended after {message.Length:N0} bytes of a message with no delimiter: the rest is missing.");
            }
            if (b == Delimiter)
            {
                return message.ToArray();
            }
            if (message.Length == MaxFrameBytes)
            {
                throw new FramingException($"No delimiter in the first {MaxFrameBytes:N0} bytes of a message: over the limit on a frame.");
            }
            message.WriteByte((byte)b);
        }
    }
}
