using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Echo;

namespace NetworkingLessons.Wire;

/// <summary>
/// The exchanges behind each <see cref="Recording"/>, played on loopback under a live capture: the
/// course's tool for making the recordings (the tests run it, and write the files when asked).
/// </summary>
internal static class RecordingScenarios
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    /// <summary>Plays <paramref name="recording"/>'s exchange and returns what the capture saw.</summary>
    /// <exception cref="InvalidOperationException">This machine cannot capture.</exception>
    public static async Task<PacketTrace> RecordAsync(Recording recording, CancellationToken cancellationToken = default)
    {
        return recording switch
        {
            Recording.TcpConnection => await TcpAsync(reset: false, cancellationToken),
            Recording.TcpReset => await TcpAsync(reset: true, cancellationToken),
            Recording.UdpExchange => await UdpAsync(cancellationToken),
            Recording.SntpExchange => await SntpAsync(cancellationToken),
            Recording.LossyRelay => await LossyRelayAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(recording), recording, "No such recording."),
        };
    }

    // A connection: handshake, "hello\n" each way, then both sides close (or the client resets).
    private static async Task<PacketTrace> TcpAsync(bool reset, CancellationToken cancellationToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var capture = Start(port);
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await client.ConnectAsync(listener.LocalEndPoint!, cancellationToken);
            using var server = await listener.AcceptAsync(cancellationToken);
            var hello = Encoding.ASCII.GetBytes("hello\n");
            await client.SendAsync(hello, cancellationToken);
            var received = new byte[hello.Length];
            await server.ReceiveAsync(received, cancellationToken);
            await server.SendAsync(received, cancellationToken);
            await client.ReceiveAsync(new byte[hello.Length], cancellationToken);
            if (reset)
            {
                client.LingerState = new LingerOption(true, 0);
                client.Close();
                // The server closes only once the reset has reached it; closing sooner could send a FIN first.
                try
                {
                    await server.ReceiveAsync(new byte[1], cancellationToken);
                }
                catch (SocketException)
                {
                    // ConnectionReset: the RST has arrived
                }
            }
            else
            {
                client.Shutdown(SocketShutdown.Send);
                await server.ReceiveAsync(new byte[1], cancellationToken); // 0: the client's FIN
                server.Shutdown(SocketShutdown.Send);
                await client.ReceiveAsync(new byte[1], cancellationToken);
            }
        }
        // The last packet is an ACK of the server's FIN, or the RST: wait for it, not for a while.
        return await StopWhenAsync(capture, t => t.Any(p => p.Tcp?.Flags.HasFlag(TcpFlags.Rst) == true)
            || t.Count(p => p.Tcp?.Flags.HasFlag(TcpFlags.Fin) == true) == 2 && t[^1].Tcp?.Flags == TcpFlags.Ack, cancellationToken);
    }

    private static async Task<PacketTrace> UdpAsync(CancellationToken cancellationToken)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)server.LocalEndPoint!).Port;
        var capture = Start(port);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await client.SendToAsync(Encoding.ASCII.GetBytes("what time is it?"), server.LocalEndPoint!, cancellationToken);
        var buffer = new byte[64];
        var received = await server.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
        await server.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), received.RemoteEndPoint, cancellationToken);
        await client.ReceiveAsync(buffer, cancellationToken);
        return await StopWhenAsync(capture, t => t.Count >= 2, cancellationToken);
    }

    // One query to the course's SNTP server: the request and its reply. On NTP's own port, so that
    // the recording decodes as NTP wherever it is read (recording needs root for the capture anyway).
    private static async Task<PacketTrace> SntpAsync(CancellationToken cancellationToken)
    {
        await using var server = Time.SntpServer.Start(new IPEndPoint(IPAddress.Loopback, Time.NtpPacket.Port));
        var capture = Start(server.EndPoint.Port);
        await Time.SntpClient.QueryAsync(server.EndPoint, cancellationToken: cancellationToken);
        return await StopWhenAsync(capture, t => t.Count >= 2, cancellationToken);
    }

    // Lesson 11's relay, as its cells use it: the client's datagrams to the relay, the relay's to
    // the echo server, and the echoes back the same two ways, each leg or none as the seed decides.
    public static LossProfile LessonLoss => new() { Drop = 0.2, Duplicate = 0.1, Reorder = 0.1, Seed = 3 };

    private static async Task<PacketTrace> LossyRelayAsync(CancellationToken cancellationToken)
    {
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint, LessonLoss);
        var capture = Start(relay.EndPoint.Port, server.EndPoint.Port);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        for (var i = 1; i <= 10; i++)
        {
            await client.SendToAsync(Encoding.ASCII.GetBytes($"datagram {i}"), relay.EndPoint, cancellationToken);
        }
        // Done when every datagram has been dealt with each way, and every copy the relay sent is in the capture.
        int Sent(RelayDirection direction) => relay.Events.Where(e => e.Direction == direction)
            .Sum(e => e.Fate switch { RelayFate.Dropped => 0, RelayFate.Duplicated => 2, _ => 1 });
        return await StopWhenAsync(capture, t => relay.Events.Count(e => e.Direction == RelayDirection.ToServer) == 10
            && relay.Events.Count(e => e.Direction == RelayDirection.ToClient) == Sent(RelayDirection.ToServer)
            && t.Count == 10 + 2 * Sent(RelayDirection.ToServer) + Sent(RelayDirection.ToClient), cancellationToken);
    }

    private static LiveCapture Start(params int[] ports)
    {
        var capture = Wire.Capture(ports, new CaptureLimits(MaxPackets: 64, MaxDuration: TimeSpan.FromSeconds(30)));
        return capture.Problem is null ? capture : throw new InvalidOperationException($"Cannot record: {capture.Problem}");
    }

    // Waits until the capture holds the whole exchange; a recording that missed a packet is never written.
    private static async Task<PacketTrace> StopWhenAsync(LiveCapture capture, Func<PacketTrace, bool> done, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!done(new PacketTrace(capture.Packets, "so far")))
        {
            if (clock.Elapsed > Settle)
            {
                var seen = capture.Stop();
                throw new TimeoutException($"The exchange was not all captured within {Settle.TotalSeconds:0} s: {seen.Count} packets seen.");
            }
            await Task.Delay(10, cancellationToken);
        }
        return capture.Stop();
    }
}
