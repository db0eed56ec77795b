using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetworkingLessons.Echo;

/// <summary>
/// A UDP relay on loopback that makes a clean network unreliable on purpose: clients send to
/// <see cref="EndPoint"/>, the relay passes their datagrams to the server and the server's
/// replies back, dropping, doubling, reordering and delaying them as its <see cref="LossProfile"/>
/// says. Its choices are drawn in arrival order from a seeded generator for each direction, and every datagram's
/// fate is in <see cref="Events"/>.
/// </summary>
public sealed class LossyRelay : IAsyncDisposable
{
    /// <summary>The most clients the relay keeps a way back to; datagrams from more are dropped.</summary>
    public const int MaxClients = 64;

    /// <summary>How long a reordered datagram waits for a later one to overtake it before it goes anyway.</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromMilliseconds(100);

    private readonly Socket _front;
    private readonly IPEndPoint _target;
    private readonly LossProfile _profile;
    private readonly Dictionary<RelayDirection, Random> _random;
    private readonly Lock _lock = new();
    private readonly List<RelayEvent> _events = [];
    private readonly ConcurrentDictionary<IPEndPoint, Socket> _upstream = new();
    private readonly Dictionary<RelayDirection, (byte[] Bytes, Action<byte[]> Send)?> _held = new() { [RelayDirection.ToServer] = null, [RelayDirection.ToClient] = null };
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stop = new();

    private LossyRelay(Socket front, IPEndPoint target, LossProfile profile)
    {
        _front = front;
        _target = target;
        _profile = profile;
        // One generator each way: the replies' fates do not depend on how they interleave with requests.
        _random = new() { [RelayDirection.ToServer] = new Random(profile.Seed), [RelayDirection.ToClient] = new Random(unchecked(profile.Seed * 31 + 1)) };
        EndPoint = (IPEndPoint)front.LocalEndPoint!;
        _loops.Add(Task.Run(FromClientsAsync));
    }

    /// <summary>Starts a relay on 127.0.0.1 and a free port, in front of <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The profile's shares are out of range.</exception>
    public static LossyRelay Start(IPEndPoint target, LossProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        profile ??= LossProfile.None;
        profile.Validate();
        var front = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        front.Bind(new IPEndPoint(target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
        return new LossyRelay(front, target, profile);
    }

    /// <summary>Where clients send their datagrams.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The server behind the relay.</summary>
    public IPEndPoint Target => _target;

    /// <summary>Every datagram so far, in the order it reached the relay.</summary>
    public IReadOnlyList<RelayEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>How many datagrams met each fate so far.</summary>
    public IReadOnlyDictionary<RelayFate, int> Tally()
    {
        var events = Events;
        return Enum.GetValues<RelayFate>().ToDictionary(f => f, f => events.Count(e => e.Fate == f));
    }

    private async Task FromClientsAsync()
    {
        var buffer = new byte[65_535];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _front.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(_target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // an ICMP error about an earlier datagram
            }
            var client = (IPEndPoint)received.RemoteEndPoint;
            var bytes = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            var upstream = Upstream(client);
            if (upstream is null)
            {
                Record(RelayDirection.ToServer, client, bytes, RelayFate.Dropped);
                continue;
            }
            Pass(RelayDirection.ToServer, client, bytes, b => Send(upstream, b, _target));
        }
    }

    private Socket? Upstream(IPEndPoint client)
    {
        if (_upstream.TryGetValue(client, out var existing))
        {
            return existing;
        }
        if (_upstream.Count >= MaxClients)
        {
            return null;
        }
        var socket = new Socket(_target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(_target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
        _upstream[client] = socket;
        lock (_lock)
        {
            _loops.Add(Task.Run(() => FromServerAsync(socket, client)));
        }
        return socket;
    }

    private async Task FromServerAsync(Socket upstream, IPEndPoint client)
    {
        var buffer = new byte[65_535];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await upstream.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(_target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            if (!received.RemoteEndPoint.Equals(_target))
            {
                continue; // only the server's replies go back
            }
            Pass(RelayDirection.ToClient, (IPEndPoint)received.RemoteEndPoint, buffer.AsSpan(0, received.ReceivedBytes).ToArray(), b => Send(_front, b, client));
        }
    }

    private void Pass(RelayDirection direction, IPEndPoint from, byte[] bytes, Action<byte[]> send)
    {
        RelayFate fate;
        (byte[] Bytes, Action<byte[]> Send)? overtaken;
        lock (_lock)
        {
            var draw = _random[direction].NextDouble();
            fate = draw < _profile.Drop ? RelayFate.Dropped
                : draw < _profile.Drop + _profile.Duplicate ? RelayFate.Duplicated
                : draw < _profile.Drop + _profile.Duplicate + _profile.Reorder ? RelayFate.Reordered
                : RelayFate.Forwarded;
            Record(direction, from, bytes, fate);
            overtaken = _held[direction];
            _held[direction] = null;
            if (fate == RelayFate.Reordered)
            {
                _held[direction] = (bytes, send);
            }
        }
        if (fate == RelayFate.Reordered)
        {
            overtaken?.Send(overtaken.Value.Bytes); // one held already goes now, before this one
            _ = FlushLaterAsync(direction, bytes);
            return;
        }
        if (fate != RelayFate.Dropped)
        {
            Later(() =>
            {
                send(bytes);
                if (fate == RelayFate.Duplicated)
                {
                    send(bytes);
                }
                overtaken?.Send(overtaken.Value.Bytes); // the held datagram goes after the one that overtook it
            });
        }
        else
        {
            overtaken?.Send(overtaken.Value.Bytes);
        }
    }

    private async Task FlushLaterAsync(RelayDirection direction, byte[] bytes)
    {
        try
        {
            await Task.Delay(HoldLimit, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        (byte[] Bytes, Action<byte[]> Send)? held;
        lock (_lock)
        {
            held = _held[direction];
            if (held is null || !ReferenceEquals(held.Value.Bytes, bytes))
            {
                return; // already overtaken and sent
            }
            _held[direction] = null;
        }
        held.Value.Send(held.Value.Bytes);
    }

    private void Later(Action send)
    {
        if (_profile.Delay == TimeSpan.Zero)
        {
            send();
            return;
        }
        _ = Task.Delay(_profile.Delay, _stop.Token).ContinueWith(_ => send(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private void Send(Socket socket, byte[] bytes, IPEndPoint to)
    {
        try
        {
            socket.SendTo(bytes, to);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // the network this relay plays may lose anything; so may the relay when it is stopping
        }
    }

    private void Record(RelayDirection direction, IPEndPoint from, byte[] bytes, RelayFate fate)
    {
        lock (_lock)
        {
            var preview = new string(Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 24)).Select(c => char.IsControl(c) ? '·' : c).ToArray());
            _events.Add(new RelayEvent(_events.Count + 1, direction, from, bytes.Length, fate, preview));
        }
    }

    /// <summary>The events as a table, for a notebook.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() =>
        Display.Table.Of(Events.Select(e => new
        {
            e.Number,
            Direction = e.Direction == RelayDirection.ToServer ? "client → server" : "server → client",
            Bytes = e.Length,
            Fate = e.Fate.ToString().ToLowerInvariant(),
            e.Preview,
        })).ToMimeBundle();

    /// <summary>Stops the relay.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        _front.Dispose();
        foreach (var socket in _upstream.Values)
        {
            socket.Dispose();
        }
        Task[] loops;
        lock (_lock)
        {
            loops = [.. _loops];
        }
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    /// <summary>"relay 127.0.0.1:40000 → 127.0.0.1:9900: 20 datagrams, 6 dropped, 2 duplicated, 1 reordered".</summary>
    public override string ToString()
    {
        var tally = Tally();
        return $"relay {EndPoint} → {_target}: {tally.Values.Sum()} datagrams, {tally[RelayFate.Dropped]} dropped, {tally[RelayFate.Duplicated]} duplicated, {tally[RelayFate.Reordered]} reordered";
    }
}
