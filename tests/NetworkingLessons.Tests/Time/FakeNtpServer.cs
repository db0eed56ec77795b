using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Time;

namespace NetworkingLessons.Tests.Time;

/// <summary>
/// A UDP socket on loopback that answers each request with whatever the test makes of it: the
/// hand-made replies that each of the client's rules must reject or accept.
/// </summary>
internal sealed class FakeNtpServer : IDisposable
{
    /// <summary>A datagram to send back, from the server's own port or from another.</summary>
    public sealed record Datagram(byte[] Bytes, bool FromOtherPort = false)
    {
        public static implicit operator Datagram(byte[] bytes) => new(bytes);
    }

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket _other = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Task _loop;
    private int _requests;

    /// <summary>Answers each request with the datagrams <paramref name="answer"/> returns (none: silence).</summary>
    public FakeNtpServer(Func<NtpPacket, int, IEnumerable<Datagram>> answer)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _other.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        // A thread of its own: a blocking loop on the shared pool waits for a thread when the tests run in parallel.
        _loop = Task.Factory.StartNew(() =>
        {
            var buffer = new byte[1024];
            while (true)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n;
                try
                {
                    n = _socket.ReceiveFrom(buffer, ref from);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }
                var request = NtpPacket.Parse(buffer.AsSpan(0, n));
                LastRequest = request;
                var number = Interlocked.Increment(ref _requests);
                foreach (var datagram in answer(request, number))
                {
                    (datagram.FromOtherPort ? _other : _socket).SendTo(datagram.Bytes, from);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public IPEndPoint EndPoint { get; }

    public int Requests => Volatile.Read(ref _requests);

    public NtpPacket? LastRequest { get; private set; }

    /// <summary>A correct reply to <paramref name="request"/>, 1 ms after it left, by this machine's clock.</summary>
    public static NtpPacket GoodReply(NtpPacket request) => new()
    {
        Version = request.Version,
        Mode = NtpMode.Server,
        Stratum = 2,
        ReferenceId = 0x7F00_0001,
        Origin = request.Transmit,
        Receive = NtpTimestamp.Now,
        Transmit = NtpTimestamp.Now,
    };

    public void Dispose()
    {
        _socket.Dispose();
        _other.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }
}
