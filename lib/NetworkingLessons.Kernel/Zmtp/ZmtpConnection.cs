using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>
/// One accepted ZMTP 3.x connection with the NULL mechanism: the greeting and READY exchanged,
/// then messages read one at a time and sent through a queue, so that a peer that stops reading
/// holds up nobody else. PING is answered with PONG; SUBSCRIBE and CANCEL (3.1), and the 3.0
/// subscription messages, are passed to <see cref="SubscriptionChanged"/>.
/// </summary>
public sealed class ZmtpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly BufferedStream _input;
    private readonly ZmtpLimits _limits;
    private readonly Channel<byte[]> _outgoing;
    private readonly CancellationTokenSource _closed = new();
    private Task _writer = Task.CompletedTask;
    private int _disposed;

    private ZmtpConnection(Socket socket, ZmtpLimits limits)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = new BufferedStream(_stream, 64 * 1024);
        _limits = limits;
        _outgoing = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(limits.SendQueueLength)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        RemoteEndPoint = socket.RemoteEndPoint;
    }

    /// <summary>The peer's address, for logs.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The peer's greeting.</summary>
    public ZmtpGreeting PeerGreeting { get; private set; } = ZmtpGreeting.Ours;

    /// <summary>The peer's socket type, from its READY.</summary>
    public string PeerSocketType { get; private set; } = "";

    /// <summary>The identity the peer asked for in READY (empty when it set none).</summary>
    public byte[] PeerIdentity { get; private set; } = [];

    /// <summary>Messages dropped because the peer's queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    private long _dropped;

    /// <summary>Raised with a topic prefix and true for a subscription, false for its cancellation.</summary>
    public event Action<ZmtpConnection, byte[], bool>? SubscriptionChanged;

    /// <summary>
    /// Takes over an accepted socket and runs the NULL handshake as socket type <paramref name="socketType"/>:
    /// sends the greeting and READY at once, then reads the peer's.
    /// </summary>
    /// <exception cref="ZmtpProtocolException">The peer's greeting or READY is malformed, late, or from an incompatible socket type.</exception>
    public static async Task<ZmtpConnection> AcceptAsync(Socket socket, string socketType, ZmtpLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(limits);
        socket.NoDelay = true;
        var connection = new ZmtpConnection(socket, limits);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limits.HandshakeTimeout);
            await connection.HandshakeAsync(socketType, deadline.Token);
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync();
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new ZmtpProtocolException($"ZMTP handshake: no greeting and READY within {limits.HandshakeTimeout.TotalSeconds:0} s.", ex);
            }
            if (ex is IOException or SocketException)
            {
                throw new ZmtpProtocolException($"ZMTP handshake: the connection failed ({ex.Message}).", ex);
            }
            throw;
        }
        connection._writer = connection.WriteLoopAsync();
        return connection;
    }

    private async Task HandshakeAsync(string socketType, CancellationToken cancellationToken)
    {
        var ready = ZmtpCommand.Ready([new(ZmtpCommand.SocketTypeProperty, Encoding.ASCII.GetBytes(socketType))]).ToFrame();
        var hello = new byte[ZmtpGreeting.Length + ready.EncodedLength];
        ZmtpGreeting.Ours.ToBytes().CopyTo(hello, 0);
        ready.WriteTo(hello.AsSpan(ZmtpGreeting.Length));
        await _stream.WriteAsync(hello, cancellationToken);

        var greeting = new byte[ZmtpGreeting.Length];
        try
        {
            await _input.ReadExactlyAsync(greeting, cancellationToken);
        }
        catch (EndOfStreamException ex)
        {
            throw new ZmtpProtocolException("ZMTP handshake: the peer closed the connection before its 64-byte greeting.", ex);
        }
        PeerGreeting = ZmtpGreeting.Parse(greeting);

        var frame = await ZmtpFrame.ReadAsync(_input, _limits.MaxFrameBytes, cancellationToken)
            ?? throw new ZmtpProtocolException("ZMTP handshake: the peer closed the connection before READY.");
        var command = frame.IsCommand ? ZmtpCommand.Parse(frame.Body) : null;
        if (command?.Name != "READY")
        {
            throw new ZmtpProtocolException($"ZMTP handshake: the first frame after the greeting is {(command is null ? "a message" : $"the command {command.Name}")}, expected READY.");
        }
        var properties = command.Properties();
        PeerSocketType = properties.TryGetValue(ZmtpCommand.SocketTypeProperty, out var type) ? Encoding.ASCII.GetString(type) : "";
        if (!ZmtpSocketType.IsCompatible(socketType, PeerSocketType))
        {
            throw new ZmtpProtocolException($"ZMTP handshake: a {socketType} socket does not talk to a peer of Socket-Type \"{PeerSocketType}\".");
        }
        PeerIdentity = properties.TryGetValue(ZmtpCommand.IdentityProperty, out var identity) ? identity : [];
    }

    /// <summary>
    /// The next message (its frames), answering and passing on the commands in between.
    /// </summary>
    /// <returns>The message, or null when the peer closed the connection between messages.</returns>
    /// <exception cref="ZmtpProtocolException">A malformed frame, a message over the caps, or a close inside a message.</exception>
    public async Task<List<byte[]>?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var parts = new List<byte[]>();
        long total = 0;
        while (true)
        {
            ZmtpFrame? read;
            try
            {
                read = await ZmtpFrame.ReadAsync(_input, _limits.MaxFrameBytes, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                if (parts.Count == 0)
                {
                    return null; // a reset between messages is a peer gone, not a broken one
                }
                throw new ZmtpProtocolException($"ZMTP: the connection failed inside a message ({ex.Message}).", ex);
            }
            if (read is not { } frame)
            {
                return parts.Count == 0 ? null : throw new ZmtpProtocolException($"ZMTP: the connection ended after frame {parts.Count} of a message that said more was to come.");
            }
            if (frame.IsCommand)
            {
                if (parts.Count > 0)
                {
                    throw new ZmtpProtocolException($"ZMTP: a command arrived inside a message, after frame {parts.Count}.");
                }
                OnCommand(ZmtpCommand.Parse(frame.Body));
                continue;
            }
            total += frame.Body.Length;
            parts.Add(frame.Body);
            if (parts.Count > _limits.MaxFramesPerMessage || total > _limits.MaxMessageBytes)
            {
                throw new ZmtpProtocolException($"ZMTP: a message of over {_limits.MaxFramesPerMessage} frames or {_limits.MaxMessageBytes} bytes.");
            }
            if (!frame.More)
            {
                if (PeerGreeting.Minor == 0 && PeerSocketType is ZmtpSocketType.Subscriber or "XSUB" && parts.Count == 1
                    && parts[0] is [0 or 1, ..] subscription)
                {
                    // ZMTP 3.0 subscribes with a message: 1 then the topic (0 cancels).
                    SubscriptionChanged?.Invoke(this, subscription[1..], subscription[0] == 1);
                    parts = [];
                    total = 0;
                    continue;
                }
                return parts;
            }
        }
    }

    private void OnCommand(ZmtpCommand command)
    {
        switch (command.Name)
        {
            case "PING":
                // PING: a 2-byte TTL, then a context that PONG echoes (RFC 37).
                var context = command.Data.Length > 2 ? command.Data[2..] : [];
                Enqueue(ZmtpFrameBytes(new ZmtpCommand("PONG", context).ToFrame()));
                break;
            case "SUBSCRIBE":
                SubscriptionChanged?.Invoke(this, command.Data, true);
                break;
            case "CANCEL":
                SubscriptionChanged?.Invoke(this, command.Data, false);
                break;
            case "READY":
                throw new ZmtpProtocolException("ZMTP: a second READY after the handshake.");
            default:
                break; // ERROR, PONG and unknown commands change nothing here
        }
    }

    private static byte[] ZmtpFrameBytes(ZmtpFrame frame)
    {
        var bytes = new byte[frame.EncodedLength];
        frame.WriteTo(bytes);
        return bytes;
    }

    /// <summary>Queues a multipart message for the peer; false when the queue is full or the connection closed, and the message is dropped.</summary>
    public bool Send(IReadOnlyList<byte[]> parts) => Enqueue(ZmtpFrame.EncodeMessage(parts));

    /// <summary>Queues bytes already encoded as frames (one message encoded once for many subscribers).</summary>
    public bool Enqueue(byte[] encoded)
    {
        if (_outgoing.Writer.TryWrite(encoded))
        {
            return true;
        }
        Interlocked.Increment(ref _dropped);
        return false;
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var bytes in _outgoing.Reader.ReadAllAsync(_closed.Token))
            {
                await _stream.WriteAsync(bytes, _closed.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away; the reader side sees it too and closes the connection.
            _outgoing.Writer.TryComplete();
        }
    }

    /// <summary>Sends what is queued (waiting at most <paramref name="timeout"/>), then closes.</summary>
    public async Task FlushAndCloseAsync(TimeSpan timeout)
    {
        _outgoing.Writer.TryComplete();
        await _writer.WaitAsync(timeout).ContinueWith(_ => { }, TaskScheduler.Default);
        await DisposeAsync();
    }

    /// <summary>Closes the connection; queued messages not yet sent are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _outgoing.Writer.TryComplete();
        await _closed.CancelAsync();
        await _writer.ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Close();
        await _input.DisposeAsync();
        _closed.Dispose();
    }
}
