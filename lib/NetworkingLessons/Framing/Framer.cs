namespace NetworkingLessons.Framing;

/// <summary>
/// One way to find messages in a byte stream: how a frame is written, and how the next one is
/// read. Each framer checks a frame's size against <see cref="MaxFrameBytes"/> before it allocates
/// for it, reports a frame cut short with how many bytes were missing, and can give up on a
/// sender that goes quiet half way.
/// </summary>
public abstract class Framer
{
    /// <summary>The default limit on a frame: 1 MiB.</summary>
    public const int DefaultMaxFrameBytes = 1 << 20;

    /// <summary>Creates a framer with a limit on a frame's size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is below 1.</exception>
    protected Framer(int maxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameBytes, 1);
        MaxFrameBytes = maxFrameBytes;
    }

    /// <summary>The largest message this framer writes or reads.</summary>
    public int MaxFrameBytes { get; }

    /// <summary>The framer's name, as the lesson says it.</summary>
    public abstract string Name { get; }

    /// <summary>The bytes that carry <paramref name="message"/>: what goes on the wire.</summary>
    /// <exception cref="FramingException">The message is larger than <see cref="MaxFrameBytes"/>, or holds what the framing cannot carry.</exception>
    public abstract byte[] Encode(ReadOnlySpan<byte> message);

    /// <summary>Writes one frame.</summary>
    public async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Encode(message.Span), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the next frame, and no byte beyond it; null when the stream ends cleanly between frames. With
    /// <paramref name="idleTimeout"/>, gives up when no byte arrives for that long.
    /// </summary>
    /// <exception cref="FramingException">The frame's header breaks the rules or the limit.</exception>
    /// <exception cref="EndOfStreamException">The stream ended in the middle of a frame; the message says how many bytes were missing.</exception>
    /// <exception cref="TimeoutException">No byte arrived for <paramref name="idleTimeout"/>.</exception>
    public async Task<byte[]?> ReadAsync(Stream stream, TimeSpan? idleTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new FrameReader(stream, idleTimeout, cancellationToken, readAhead: false); // leave the next frame in the stream
        return await ReadAsync(reader);
    }

    /// <summary>Reads every frame until the stream ends.</summary>
    public async IAsyncEnumerable<byte[]> ReadAllAsync(Stream stream, TimeSpan? idleTimeout = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new FrameReader(stream, idleTimeout, cancellationToken);
        while (await ReadAsync(reader) is { } frame)
        {
            yield return frame;
        }
    }

    /// <summary>Reads one frame through <paramref name="reader"/>; null at a clean end.</summary>
    private protected abstract Task<byte[]?> ReadAsync(FrameReader reader);

    /// <summary>Fails when a message is over the limit.</summary>
    private protected void CheckSize(long length, string what)
    {
        if (length > MaxFrameBytes)
        {
            throw new FramingException($"{what} of {length:N0} bytes is over the {MaxFrameBytes:N0}-byte limit on a frame.");
        }
    }
}
