using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Echo;

/// <summary>
/// A TCP echo server: every byte a client sends comes back to it, in order, for as long as it
/// keeps the connection open, with any number of clients at once. Each connection has one
/// buffer and reads again only when its last echo has been written: a client that sends but
/// never reads fills its own socket buffers and then waits, and the server's memory stays
/// bounded (backpressure, not buffering). A client that resets or misbehaves loses its own
/// connection only. <see cref="DisposeAsync"/> stops accepting, closes every connection and
/// waits for them; the port can be bound again at once.
/// </summary>
public sealed class EchoServer : IEchoServer
{
    /// <summary>The size of each connection's buffer: the most a connection holds in the server at once.</summary>
    public const int BufferSize = 16 * 1024;

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly Task _accepting;
    private long _accepted;
    private long _bytes;
    private long _resets;

    private EchoServer(Socket listener)
    {
        _listener = listener;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _accepting = AcceptAsync();
    }

    /// <summary>Starts a server on <paramref name="endPoint"/> (127.0.0.1 and a free port by default).</summary>
    /// <param name="endPoint">Where to listen.</param>
    /// <param name="backlog">How many connections the kernel may queue before they are accepted.</param>
    /// <exception cref="SocketException">The address cannot be bound (in use, or a port below 1024 without the right).</exception>
    public static EchoServer Start(IPEndPoint? endPoint = null, int backlog = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(backlog, 1);
        var bind = endPoint ?? new IPEndPoint(IPAddress.Loopback, 0);
        var listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // No ReuseAddress: .NET's Bind already sets the kernel's SO_REUSEADDR for TCP on Linux and
            // macOS, so a restart binds at once past old connections in TIME-WAIT (lesson 08), and
            // .NET's ReuseAddress would set SO_REUSEPORT as well, letting a second server share the port.
            listener.Bind(bind);
            listener.Listen(backlog);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return new EchoServer(listener);
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Connections open now.</summary>
    public int Connections => _connections.Count;

    /// <summary>Connections accepted since the start.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Bytes echoed back since the start.</summary>
    public long BytesEchoed => Interlocked.Read(ref _bytes);

    /// <summary>Connections that ended in an error (a reset, a broken pipe) rather than an orderly close.</summary>
    public long Resets => Interlocked.Read(ref _resets);

    /// <summary>Raised when a connection opens or ends, with what happened; for <c>lessons serve</c> to log. Keep it short.</summary>
    public event Action<IPEndPoint, string>? Served;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a connection reset before it was accepted, or no descriptors left for now
            }
            client.NoDelay = true; // echoes are small writes: Nagle would hold them for the client's ACK (lesson 08)
            Interlocked.Increment(ref _accepted);
            var remote = (IPEndPoint)client.RemoteEndPoint!;
            var start = new TaskCompletionSource();
            _connections[client] = start.Task.ContinueWith(_ => EchoAsync(client, remote), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            Served?.Invoke(remote, "connected");
            start.SetResult(); // it starts once recorded, so that its own removal cannot come first
        }
    }

    private async Task EchoAsync(Socket client, IPEndPoint remote)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var echoed = 0L;
        string ending = "closed";
        try
        {
            while (true)
            {
                var received = await client.ReceiveAsync(buffer.AsMemory(0, BufferSize), SocketFlags.None);
                if (received == 0)
                {
                    if (_stop.IsCancellationRequested)
                    {
                        ending = "closed: the server is stopping";
                        break;
                    }
                    break; // the client is done sending; closing below says we are too (a FIN)
                }
                for (var sent = 0; sent < received;)
                {
                    sent += await client.SendAsync(buffer.AsMemory(sent, received - sent), SocketFlags.None);
                }
                echoed += received;
                Interlocked.Add(ref _bytes, received);
            }
        }
        catch (Exception ex) when (_stop.IsCancellationRequested && ex is SocketException or ObjectDisposedException)
        {
            ending = "closed: the server is stopping";
        }
        catch (SocketException ex)
        {
            Interlocked.Increment(ref _resets);
            ending = $"ended: {ex.SocketErrorCode}";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            client.Dispose();
            _connections.TryRemove(client, out _);
        }
        Served?.Invoke(remote, $"{ending} after {echoed:N0} bytes");
    }

    /// <summary>Stops accepting, closes every connection, and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        // A shutdown ends the receive a connection waits in (it reads the end of the stream) and
        // sends the client a FIN: an orderly close. The connections pass no cancellation token,
        // because registering one for each of millions of small reads and writes costs a tenth of the rate.
        foreach (var client in _connections.Keys)
        {
            try
            {
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // already gone
            }
        }
        await Task.WhenAll(_connections.Values).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    /// <summary>"echo server on 127.0.0.1:9900: 3 connections, 12 accepted, 1,024 bytes echoed".</summary>
    public override string ToString() => $"echo server on {EndPoint}: {Connections} connections, {Accepted} accepted, {BytesEchoed:N0} bytes echoed";
}
