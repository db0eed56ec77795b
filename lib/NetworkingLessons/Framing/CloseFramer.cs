namespace NetworkingLessons.Framing;

/// <summary>
/// One message per connection: the sender writes it and closes its side, and the receiver reads
/// until the end of the stream. HTTP/1.0 bodies work this way. Simple, and one connection per message;
/// the receiver cannot tell a whole message from one cut short by a broken connection. A
/// connection closed before any byte carries no message (null), not an empty one.
/// </summary>
public sealed class CloseFramer(int maxFrameBytes = Framer.DefaultMaxFrameBytes) : Framer(maxFrameBytes)
{
    /// <inheritdoc/>
    public override string Name => "close to end";

    /// <inheritdoc/>
    public override byte[] Encode(ReadOnlySpan<byte> message)
    {
        CheckSize(message.Length, "A message");
        return message.ToArray();
    }

    private protected override async Task<byte[]?> ReadAsync(FrameReader reader)
    {
        reader.StartFrame();
        if (await reader.AtEndAsync())
        {
            return null;
        }
        var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var room = (int)Math.Min(buffer.Length, MaxFrameBytes + 1L - message.Length);
            var n = await reader.ReadExactlyAsync(buffer.AsMemory(0, room));
            message.Write(buffer, 0, n);
            CheckSize(message.Length, "A message");
            if (n < room)
            {
                return message.ToArray();
            }
        }
    }
}
