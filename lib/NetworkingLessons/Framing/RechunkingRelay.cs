using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Framing;

/// <summary>
/// A TCP relay on loopback that delivers the same bytes in other pieces, as a long path through
/// the internet may: it gathers what arrives for a moment (so two sends can arrive as one
/// receive), then passes it on in pieces of 1 to <see cref="MaxChunk"/> bytes, each written on its
/// own (so one send arrives as several). The sizes come from a generator seeded for each
/// connection and direction: the same seed cuts the same bytes the same way. The bytes themselves
/// are never changed, lost or reordered: TCP's promise holds; only the boundaries move.
/// </summary>
public sealed class RechunkingRelay : IAsyncDisposable
{
    /// <summary>How long the relay gathers bytes before passing them on.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);

    private const int BufferSize = 64 * 1024;

    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly int _seed;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private readonly ConcurrentQueue<int> _toServer = new();
    private readonly Task _accepting;
    private int _connections;

    private RechunkingRelay(Socket listener, IPEndPoint target, int maxChunk, int seed)
    {
        _listener = listener;
        _target = target;
        MaxChunk = maxChunk;
        _seed = seed;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Starts a relay on 127.0.0.1 and a free port, in front of <paramref name="target"/>.</summary>
    /// <param name="target">The server behind the relay.</param>
    /// <param name="maxChunk">The largest piece it writes, at least 1.</param>
    /// <param name="seed">Seeds the piece sizes.</param>
    public static RechunkingRelay Start(IPEndPoint target, int maxChunk = 7, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunk, 1);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        return new RechunkingRelay(listener, target, maxChunk, seed);
    }

    /// <summary>Where clients connect.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The largest piece the relay writes.</summary>
    public int MaxChunk { get; }

    /// <summary>The sizes of the pieces written towards the server so far, in order.</summary>
    public IReadOnlyList<int> PiecesToServer => [.. _toServer];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var number = Interlocked.Increment(ref _connections);
            _ = Task.Run(() => RelayAsync(client, number));
        }
    }

    private async Task RelayAsync(Socket client, int number)
    {
        using var server = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (client)
        {
            client.NoDelay = true;
            _sockets[client] = 0;
            _sockets[server] = 0;
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                await Task.WhenAll(
                    PumpAsync(client, server, new Random(HashCode.Combine(_seed, number, 0)), _toServer),
                    PumpAsync(server, client, new Random(HashCode.Combine(_seed, number, 1)), null));
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // this connection only
            }
            finally
            {
                _sockets.TryRemove(client, out _);
                _sockets.TryRemove(server, out _);
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, Random sizes, ConcurrentQueue<int>? log)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    to.Shutdown(SocketShutdown.Send); // pass the end of the stream on, after every byte
                    return;
                }
                // Gather: what else arrives in the next moment goes out with it, boundaries gone.
                using var gather = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                gather.CancelAfter(Gather);
                var ended = false;
                try
                {
                    while (n < buffer.Length)
                    {
                        var more = await from.ReceiveAsync(buffer.AsMemory(n), gather.Token);
                        if (more == 0)
                        {
                            ended = true;
                            break;
                        }
                        n += more;
                    }
                }
                catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                {
                    // the moment is over
                }
                for (var at = 0; at < n;)
                {
                    var piece = Math.Min(sizes.Next(1, MaxChunk + 1), n - at);
                    for (var sent = 0; sent < piece;)
                    {
                        sent += await to.SendAsync(buffer.AsMemory(at + sent, piece - sent), _stop.Token);
                    }
                    log?.Enqueue(piece);
                    at += piece;
                    await Task.Delay(1, _stop.Token); // each piece its own segment, and its own receive
                }
                if (ended)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            try
            {
                to.Shutdown(SocketShutdown.Both);
            }
            catch (Exception inner) when (inner is SocketException or ObjectDisposedException)
            {
                // already gone
            }
        }
    }

    /// <summary>Stops the relay and closes its connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        _listener.Dispose();
        foreach (var socket in _sockets.Keys)
        {
            socket.Dispose();
        }
        await _accepting;
        _stop.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"relay {EndPoint} → {_target}: pieces of 1 to {MaxChunk} bytes";
}
