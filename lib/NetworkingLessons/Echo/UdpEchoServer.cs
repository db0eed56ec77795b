using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Echo;

/// <summary>
/// A UDP echo server: each datagram goes back to its sender as it came, one datagram for one, up
/// to the largest UDP allows. It reads on a thread of its own; an error about one datagram (an
/// ICMP "port unreachable" for an earlier reply) is skipped, and the server goes on.
/// </summary>
public sealed class UdpEchoServer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Task _serving;
    private volatile bool _stopping;
    private long _echoed;
    private long _bytes;

    private UdpEchoServer(Socket socket)
    {
        _socket = socket;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _serving = Task.Factory.StartNew(Serve, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts a server on <paramref name="endPoint"/> (127.0.0.1 and a free port by default).</summary>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public static UdpEchoServer Start(IPEndPoint? endPoint = null)
    {
        var bind = endPoint ?? new IPEndPoint(IPAddress.Loopback, 0);
        var socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(bind);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new UdpEchoServer(socket);
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Datagrams echoed since the start.</summary>
    public long Echoed => Interlocked.Read(ref _echoed);

    /// <summary>Bytes echoed since the start.</summary>
    public long BytesEchoed => Interlocked.Read(ref _bytes);

    /// <summary>Raised for each datagram echoed, with its sender and size; for <c>lessons serve</c> to log. Keep it short.</summary>
    public event Action<IPEndPoint, int>? Served;

    private void Serve()
    {
        var buffer = new byte[65_535];
        var any = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping)
        {
            EndPoint from = any;
            try
            {
                var received = _socket.ReceiveFrom(buffer, ref from);
                _socket.SendTo(buffer.AsSpan(0, received), SocketFlags.None, from);
                Interlocked.Increment(ref _echoed);
                Interlocked.Add(ref _bytes, received);
                Served?.Invoke((IPEndPoint)from, received);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (!_stopping)
            {
                // about one datagram only; the next may be fine
            }
            catch (SocketException)
            {
                return;
            }
        }
    }

    /// <summary>Stops the server and waits for its thread to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        _socket.Dispose();
        await _serving.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>"UDP echo server on 127.0.0.1:9900: 12 datagrams echoed".</summary>
    public override string ToString() => $"UDP echo server on {EndPoint}: {Echoed} datagrams echoed";
}
