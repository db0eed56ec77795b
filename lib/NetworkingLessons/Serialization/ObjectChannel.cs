using System.Text.Json;
using NetworkingLessons.Framing;

namespace NetworkingLessons.Serialization;

/// <summary>
/// Typed objects both ways over one connection: each object encoded (MessagePack or JSON) and
/// framed (a 4-byte length prefix by default; the tutorials' 10-character decimal header talks
/// to their style of Python client), so that the receiver gets whole objects, one per frame.
/// Frames are limited in size by the framer, and what arrives is decoded as untrusted input.
/// </summary>
public sealed class ObjectChannel : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly Framer _framer;
    private readonly SemaphoreSlim _sending = new(1, 1);

    /// <summary>A channel over <paramref name="stream"/> (a NetworkStream), which it owns.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="encoding">How objects become bytes.</param>
    /// <param name="framer">How frames are marked; a <see cref="LengthPrefixFramer"/> by default.</param>
    public ObjectChannel(Stream stream, ObjectEncoding encoding = ObjectEncoding.MessagePack, Framer? framer = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!Enum.IsDefined(encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "MessagePack or Json.");
        }
        _stream = stream;
        Encoding = encoding;
        _framer = framer ?? new LengthPrefixFramer();
    }

    /// <summary>How objects become bytes on this channel.</summary>
    public ObjectEncoding Encoding { get; }

    /// <summary>How long a frame may stall half way before <see cref="ReceiveAsync{T}"/> gives up; 10 s by default.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The bytes <paramref name="value"/> becomes on this channel, before framing.</summary>
    public byte[] Encode<T>(T value) => Encoding == ObjectEncoding.MessagePack
        ? MessagePackSerializer.Serialize(value)
        : JsonSerializer.SerializeToUtf8Bytes(value);

    /// <summary>Sends one object as one frame. Safe to call from several tasks at once: frames never interleave.</summary>
    public async Task SendAsync<T>(T value, CancellationToken cancellationToken = default)
    {
        var frame = _framer.Encode(Encode(value));
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(frame, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Receives the next object; default (null) when the other side has closed between frames.</summary>
    /// <exception cref="MessagePackFormatException">The frame is not a MessagePack <typeparamref name="T"/>.</exception>
    /// <exception cref="JsonException">The frame is not a JSON <typeparamref name="T"/>.</exception>
    /// <exception cref="FramingException">The frame's header breaks the framing's rules or limit.</exception>
    /// <exception cref="EndOfStreamException">The connection closed half way through a frame.</exception>
    /// <exception cref="TimeoutException">A frame stalled for longer than <see cref="IdleTimeout"/>.</exception>
    public async Task<T?> ReceiveAsync<T>(CancellationToken cancellationToken = default)
    {
        var frame = await _framer.ReadAsync(_stream, IdleTimeout, cancellationToken);
        if (frame is null)
        {
            return default;
        }
        return Encoding == ObjectEncoding.MessagePack
            ? MessagePackSerializer.Deserialize<T>(frame)
            : JsonSerializer.Deserialize<T>(frame);
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _sending.Dispose();
    }
}
