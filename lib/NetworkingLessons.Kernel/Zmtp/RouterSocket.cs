using System.Buffers.Binary;
using System.Net;
using System.Threading.Channels;

namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>
/// A ZMTP ROUTER (RFC 28): each message received is handed on with the sending peer's identity as
/// its first frame; a message sent goes to the peer its first frame names, without that frame (no
/// identity ever goes on the wire). A peer that names no identity gets five bytes, <c>00</c> and a
/// counter, as libzmq gives; a peer that reconnects with the identity of a live one replaces it
/// (ipykernel's ROUTER_HANDOVER). Messages to unknown identities are dropped, as libzmq drops them.
/// </summary>
public sealed class RouterSocket : ZmtpSocket
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ZmtpConnection> _byIdentity = new(StringComparer.Ordinal);
    private readonly Dictionary<ZmtpConnection, byte[]> _identities = [];
    private readonly Channel<List<byte[]>> _received = Channel.CreateBounded<List<byte[]>>(
        new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private uint _nextIdentity;

    /// <summary>Binds a ROUTER to <paramref name="endpoint"/> and starts accepting peers.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The address cannot be bound.</exception>
    public RouterSocket(IPEndPoint endpoint, ZmtpLimits? limits = null, Action<string>? log = null)
        : base(ZmtpSocketType.Router, endpoint, limits, log) => StartAccepting();

    /// <summary>The next message from any peer: its identity, then its frames.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public ValueTask<List<byte[]>> ReceiveAsync(CancellationToken cancellationToken) => _received.Reader.ReadAsync(cancellationToken);

    /// <summary>Messages received and not yet taken.</summary>
    public int Pending => _received.Reader.Count;

    /// <summary>Takes a message already received, if one is waiting.</summary>
    public bool TryReceive(out List<byte[]> message) => _received.Reader.TryRead(out message!);

    /// <summary>Sends <paramref name="message"/>'s frames after the first to the peer the first names.</summary>
    /// <returns>False when no such peer is connected or its queue is full.</returns>
    public bool Send(IReadOnlyList<byte[]> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Count < 2)
        {
            throw new ArgumentException("A ROUTER message needs an identity frame and at least one frame to send.", nameof(message));
        }
        ZmtpConnection? peer;
        lock (_gate)
        {
            _byIdentity.TryGetValue(Convert.ToHexString(message[0]), out peer);
        }
        return peer is not null && peer.Send(message.Skip(1).ToList());
    }

    /// <summary>True when a peer with this identity is connected.</summary>
    public bool IsConnected(byte[] identity)
    {
        lock (_gate)
        {
            return _byIdentity.ContainsKey(Convert.ToHexString(identity));
        }
    }

    /// <inheritdoc />
    protected override void OnConnected(ZmtpConnection connection)
    {
        ZmtpConnection? replaced;
        lock (_gate)
        {
            var identity = connection.PeerIdentity;
            if (identity.Length == 0 || identity[0] == 0)
            {
                // Identities starting with a zero byte are reserved for the ones the socket makes up (RFC 37).
                identity = new byte[5];
                BinaryPrimitives.WriteUInt32BigEndian(identity.AsSpan(1), ++_nextIdentity);
            }
            var key = Convert.ToHexString(identity);
            _byIdentity.TryGetValue(key, out replaced);
            _byIdentity[key] = connection;
            _identities[connection] = identity;
            if (replaced is not null)
            {
                _identities.Remove(replaced);
            }
        }
        if (replaced is not null)
        {
            Log($"ROUTER {LocalEndPoint}: {connection.RemoteEndPoint} took over identity {Convert.ToHexString(connection.PeerIdentity)} from {replaced.RemoteEndPoint}");
            _ = replaced.DisposeAsync().AsTask();
        }
    }

    /// <inheritdoc />
    protected override void OnMessage(ZmtpConnection connection, List<byte[]> message)
    {
        byte[]? identity;
        lock (_gate)
        {
            _identities.TryGetValue(connection, out identity);
        }
        if (identity is null)
        {
            return; // replaced by a newer connection with its identity
        }
        message.Insert(0, identity);
        if (!_received.Writer.TryWrite(message))
        {
            Log($"ROUTER {LocalEndPoint}: dropped a message from {connection.RemoteEndPoint}: the queue is full");
        }
    }

    /// <inheritdoc />
    protected override void OnDisconnected(ZmtpConnection connection)
    {
        lock (_gate)
        {
            if (_identities.Remove(connection, out var identity))
            {
                _byIdentity.Remove(Convert.ToHexString(identity));
            }
        }
    }
}
