using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>
/// A bound ZMTP socket: it listens on one address, accepts any number of peers, runs each one's
/// handshake and read loop on its own, and drops a peer that breaks the protocol (logging why)
/// while the others go on. Subclasses give the socket type's routing.
/// </summary>
public abstract class ZmtpSocket : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _notAccepting = new();
    private int _disposed;
    private readonly ConcurrentDictionary<ZmtpConnection, Task> _connections = new();
    private Task _acceptLoop = Task.CompletedTask;

    /// <summary>Binds to <paramref name="endpoint"/> (port 0 picks a free one) and starts accepting.</summary>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    protected ZmtpSocket(string socketType, IPEndPoint endpoint, ZmtpLimits? limits, Action<string>? log)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        SocketType = socketType;
        Limits = limits ?? new ZmtpLimits();
        Log = log ?? (_ => { });
        _listener = new TcpListener(endpoint);
        _listener.Start();
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
    }

    /// <summary>Starts the accept loop; called by the subclass once it is ready for peers.</summary>
    protected void StartAccepting() => _acceptLoop = AcceptLoopAsync();

    /// <summary>This socket's type, as its READY says.</summary>
    public string SocketType { get; }

    /// <summary>Where it listens.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>What it accepts from peers.</summary>
    protected ZmtpLimits Limits { get; }

    /// <summary>Where problems with peers are written.</summary>
    protected Action<string> Log { get; }

    /// <summary>The peers connected now.</summary>
    protected ICollection<ZmtpConnection> Connections => _connections.Keys;

    /// <summary>Cancelled when the socket closes.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    private async Task AcceptLoopAsync()
    {
        while (!_notAccepting.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_notAccepting.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (_notAccepting.IsCancellationRequested)
                {
                    return;
                }
                Log($"{SocketType} {LocalEndPoint}: accept failed: {ex.Message}");
                continue;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var from = client.RemoteEndPoint;
        ZmtpConnection connection;
        try
        {
            connection = await ZmtpConnection.AcceptAsync(client, SocketType, Limits, _stopping.Token);
        }
        catch (ZmtpProtocolException ex)
        {
            Log($"{SocketType} {LocalEndPoint}: dropped {from}: {ex.Message}");
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var served = new TaskCompletionSource();
        _connections[connection] = served.Task;
        try
        {
            OnConnected(connection);
            while (await connection.ReceiveAsync(_stopping.Token) is { } message)
            {
                OnMessage(connection, message);
            }
        }
        catch (ZmtpProtocolException ex)
        {
            Log($"{SocketType} {LocalEndPoint}: dropped {from}: {ex.Message}");
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // closing
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            OnDisconnected(connection);
            await connection.DisposeAsync();
            served.SetResult();
        }
    }

    /// <summary>A peer finished its handshake.</summary>
    protected virtual void OnConnected(ZmtpConnection connection)
    {
    }

    /// <summary>A peer sent a message (not called concurrently for one peer).</summary>
    protected abstract void OnMessage(ZmtpConnection connection, List<byte[]> message);

    /// <summary>A peer is gone.</summary>
    protected virtual void OnDisconnected(ZmtpConnection connection)
    {
    }

    /// <summary>Stops listening and closes every peer.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _notAccepting.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        // What is queued (a shutdown_reply, the last idle) still goes out, within a second.
        await Task.WhenAll(_connections.Keys.Select(c => c.FlushAndCloseAsync(TimeSpan.FromSeconds(1))));
        await _stopping.CancelAsync();
        await Task.WhenAll(_connections.Values).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        GC.SuppressFinalize(this);
    }
}
