using System.Net;

namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>
/// A ZMTP PUB (RFC 29): a message goes to every connected subscriber that holds a subscription
/// prefixing its first frame, encoded once. Subscriptions arrive as SUBSCRIBE/CANCEL commands
/// (ZMTP 3.1) or as <c>01</c>/<c>00</c>-prefixed messages (3.0). A subscriber that stops reading
/// loses messages once its queue fills, as libzmq's PUB drops at its high-water mark.
/// </summary>
public sealed class PublisherSocket : ZmtpSocket
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ZmtpConnection, List<byte[]>> _subscriptions = [];

    /// <summary>Binds a PUB to <paramref name="endpoint"/> and starts accepting subscribers.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The address cannot be bound.</exception>
    public PublisherSocket(IPEndPoint endpoint, ZmtpLimits? limits = null, Action<string>? log = null)
        : base(ZmtpSocketType.Publisher, endpoint, limits, log) => StartAccepting();

    /// <summary>Raised when a subscriber subscribes to a topic prefix.</summary>
    public event Action<byte[]>? Subscribed;

    /// <summary>How many subscriptions are held, all subscribers together.</summary>
    public int SubscriptionCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Values.Sum(s => s.Count);
            }
        }
    }

    /// <summary>Sends a message to every subscriber whose subscription matches its first frame; returns how many it was queued for.</summary>
    public int Publish(IReadOnlyList<byte[]> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var encoded = ZmtpFrame.EncodeMessage(message);
        var topic = message[0];
        List<ZmtpConnection> targets;
        lock (_gate)
        {
            targets = [.. _subscriptions.Where(s => s.Value.Any(p => topic.AsSpan().StartsWith(p))).Select(s => s.Key)];
        }
        return targets.Count(t => t.Enqueue(encoded));
    }

    /// <inheritdoc />
    protected override void OnConnected(ZmtpConnection connection)
    {
        lock (_gate)
        {
            _subscriptions[connection] = [];
        }
        connection.SubscriptionChanged += OnSubscription;
    }

    private void OnSubscription(ZmtpConnection connection, byte[] prefix, bool subscribe)
    {
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(connection, out var prefixes))
            {
                return;
            }
            if (subscribe)
            {
                prefixes.Add(prefix);
            }
            else
            {
                var index = prefixes.FindIndex(p => p.AsSpan().SequenceEqual(prefix));
                if (index >= 0)
                {
                    prefixes.RemoveAt(index);
                }
            }
        }
        if (subscribe)
        {
            Subscribed?.Invoke(prefix);
        }
    }

    /// <inheritdoc />
    protected override void OnMessage(ZmtpConnection connection, List<byte[]> message)
    {
        // A subscriber has nothing to say to a PUB but its subscriptions, which arrive as commands.
    }

    /// <inheritdoc />
    protected override void OnDisconnected(ZmtpConnection connection)
    {
        lock (_gate)
        {
            _subscriptions.Remove(connection);
        }
    }
}
